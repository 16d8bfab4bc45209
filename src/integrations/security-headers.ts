/**
 * Writes dist/_headers after the build: the security headers of
 * src/lib/security-headers.ts for Netlify's CDN, so the deployed site sends
 * what `npm start` sends. Runs last, when every top-level file and folder of
 * dist/ exists (pagefind/ included), since the rules are written per entry.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { netlifyHeadersFile } from '../lib/security-headers.ts';

async function writeNetlifyHeaders(dist: string): Promise<void> {
  const entries = (await readdir(dist, { withFileTypes: true })).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
  await writeFile(join(dist, '_headers'), netlifyHeadersFile(entries));
}

export default function securityHeaders(): AstroIntegration {
  return {
    name: 'wspolnie:security-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await writeNetlifyHeaders(fileURLToPath(dir));
        logger.info('Nagłówki bezpieczeństwa dla Netlify zapisane w dist/_headers');
      },
    },
  };
}
