/**
 * Inter for Polish pages, within the page-weight budget: the Astro integration.
 *
 * Fontsource splits Inter into Google's subsets. Its per-weight CSS (400.css)
 * gives each subset a unicode-range, so a Polish page downloads the whole latin
 * file (~24 kB) and the whole latin-ext file (~35 kB) for each weight, the
 * latter only for eighteen Polish letters. Its per-subset CSS
 * (latin-ext-400.css) has no unicode-range at all, so it cannot be combined.
 *
 * On `astro:config:setup` (dev and build alike) this integration makes the
 * subsets in public/fonts/ and src/styles/fonts.css current (generate.ts; what
 * they are cut to is recipe.ts, how fonts.css orders them is stylesheet.ts).
 *
 * On `astro:build:done` it warns about built pages whose text falls outside
 * the primary faces, since each costs a fallback download or a system glyph
 * (report.ts).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isLiveBuild } from '../integrations/live-build.ts';
import { ensureFonts } from './generate.ts';
import { facesFor, type InterFontsOptions } from './recipe.ts';
import { reportFallbackPages } from './report.ts';

/** The modules whose change can change the generated files: the dev server restarts when one is edited. */
const RECIPE_MODULES = ['./integration.ts', './recipe.ts', './generate.ts', './cmap.ts', './stylesheet.ts'];

/** The integration, named "wspolnie:fonts"; add it to astro.config.mjs's `integrations`. */
export default function interFonts(options: InterFontsOptions = {}): AstroIntegration {
  let stylesheet: URL | undefined;
  return {
    name: 'wspolnie:fonts',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, addWatchFile }) => {
        stylesheet = new URL('styles/fonts.css', config.srcDir);
        if (command !== 'dev' && command !== 'build') return;
        for (const module of RECIPE_MODULES) addWatchFile(fileURLToPath(new URL(module, import.meta.url)));
        await ensureFonts({
          root: config.root,
          publicDir: config.publicDir,
          stylesheet,
          base: config.base,
          faces: facesFor(options),
          logger,
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        // A report for developers; the live server's rebuilds (src/site/build.ts) skip it to publish sooner.
        if (!stylesheet || isLiveBuild()) return;
        await reportFallbackPages(fileURLToPath(dir), await readFile(stylesheet, 'utf8'), logger);
      },
    },
  };
}
