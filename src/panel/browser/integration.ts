/**
 * The staff panel's script (src/panel/browser/panel.ts, TypeScript) at the
 * address every panel page loads, /panel/panel.js. The panel's pages are
 * rendered by the functions, not by Astro, so Astro's own bundling does not
 * reach them; instead:
 * - `astro build`: after the build, esbuild bundles it into
 *   dist/panel/panel.js (one IIFE, no chunks), beside public/panel/panel.css,
 *   which Astro copied there. `npm start`, `netlify dev` and Netlify serve
 *   dist/ as it is;
 * - `astro dev`: the development server answers /panel/panel.js with a
 *   fresh bundle on every request.
 * Tests that serve a site folder of their own write the file there with
 * `writePanelScript`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { bundleBrowserScript } from '../../lib/browser-bundle.ts';

/** The script's address on the site, and its path under the site's folder. */
const panelScriptPath = '/panel/panel.js';

/** The bundle's text: src/panel/browser/panel.ts with what it imports, for browsers of the last years (es2022). */
export const bundlePanelScript = (root: string) => bundleBrowserScript(root, join(root, 'src/panel/browser/panel.ts'), 'src/panel/browser/integration.ts');

/** Writes the bundle to `<siteDir>/panel/panel.js`. */
export async function writePanelScript(root: string, siteDir: string): Promise<void> {
  const target = join(siteDir, panelScriptPath);
  await mkdir(join(target, '..'), { recursive: true });
  await writeFile(target, await bundlePanelScript(root));
}

export default function panelScript(): AstroIntegration {
  let root = '';
  return {
    name: 'wspolnie:panel-script',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          if (req.url?.split('?')[0] !== panelScriptPath) return next();
          bundlePanelScript(root).then(
            (script) => {
              res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
              res.end(script);
            },
            (error: unknown) => next(error),
          );
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        await writePanelScript(root, fileURLToPath(dir));
        logger.info(`Skrypt panelu: ${panelScriptPath} gotowy w ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
