// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import pagefind from './src/integrations/pagefind.ts';

// The public address of the deployment; feeds, the sitemap and calendar links need it absolute.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'auto' },
  integrations: [mdx(), sitemap({ filter: (page) => !page.includes('/admin/') }), pagefind()],
  devToolbar: { enabled: false },
});
