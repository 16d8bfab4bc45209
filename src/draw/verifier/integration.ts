/**
 * The draw verifier for the live results pages (src/lottery/http/), which
 * the functions render and which therefore cannot use Astro's bundling: after
 * the build, src/draw/verifier/browser.ts is bundled into
 * dist/skrypty/weryfikator-losowania.js (plus a chunk with the verification
 * code, loaded on first use), at a fixed address the pages can name.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import * as esbuild from 'esbuild';

const verifierEntryName = 'weryfikator-losowania';

export async function bundleDrawVerifier(root: string, outdir: string): Promise<void> {
  await esbuild.build({
    entryPoints: { [verifierEntryName]: join(root, 'src/draw/verifier/browser.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    chunkNames: 'weryfikator-[hash]',
    outdir,
    logLevel: 'silent',
  });
}

export default function drawVerifier(): AstroIntegration {
  let root = '';
  return {
    name: 'wspolnie:draw-verifier',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        await bundleDrawVerifier(root, fileURLToPath(new URL('skrypty/', dir)));
        logger.info(`Weryfikator losowań: /skrypty/${verifierEntryName}.js gotowy w ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
