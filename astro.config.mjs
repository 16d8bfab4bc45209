// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import announcementLock from './src/integrations/announcement-lock.ts';
import decapCms from './src/integrations/decap.ts';
import drawVerifier from './src/draw/verifier/integration.ts';
import interFonts from './src/fonts/integration.ts';
import panelScript from './src/panel/browser/integration.ts';
import pagefind from './src/integrations/pagefind.ts';
import securityHeaders from './src/integrations/security-headers.ts';
import precompress from './src/integrations/precompress.ts';

// The public address of the deployment; feeds, the sitemap and calendar links need it absolute.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // Rendering waits on file writes more than on the CPU (a profile of 10,000 archive pages: over half idle);
  // four pages at once cut that phase by about a fifth.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  // The live server (src/site/build.ts) keeps Astro's content cache beside its builds, so that its cache
  // belongs to one project and one output folder; elsewhere Astro's default (node_modules/.astro).
  ...(process.env.WSPOLNIE_ASTRO_CACHE_DIR ? { cacheDir: process.env.WSPOLNIE_ASTRO_CACHE_DIR } : {}),
  integrations: [
    // Writes the Inter subsets to public/fonts/ and src/styles/fonts.css; see the file.
    interFonts(),
    // Writes Decap CMS, its config (generated from the schemas) and the admin script to public/admin/; see the file.
    decapCms(),
    mdx(),
    // The functions' page frame (src/pages/dane/szablon-strony.astro) is not a page for readers.
    sitemap({ filter: (page) => !page.includes('/admin/') && !page.includes('/dane/szablon-strony/') }),
    // Fails the build when content changes what a lottery announced (compared with the recorded announcements).
    announcementLock(),
    // Indexes the built pages for the archive search (runs after the build).
    pagefind(),
    // Bundles the draw verifier for the live results pages into dist/skrypty/.
    drawVerifier(),
    // Bundles the staff panel's script (src/panel/browser/panel.ts) into dist/panel/panel.js.
    panelScript(),
    // Writes dist/_headers (CSP, HSTS, …) from src/lib/security-headers.ts, after everything else is in dist/.
    securityHeaders(),
    // Writes Brotli and gzip copies of the text files for npm start's server; last, so it sees every file.
    precompress(),
  ],
  devToolbar: { enabled: false },
});
