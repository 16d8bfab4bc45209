/**
 * The Astro integration "wspolnie:pagefind": indexes the built site for the
 * archive search (src/search/pagefind.ts) once `astro build` has written it.
 *
 * Not in every build: the live server's rebuilds publish the pages first and
 * index them right after (src/site/search-index.ts), and `npm run build`
 * indexes once Astro's process has ended (after-build.ts, finish-build.ts);
 * this integration then only hands the output folder over. A plain
 * `astro build` (the test fixtures') indexes here.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterBuildFile, handOver } from './after-build.ts';
import { indexWithAttachments } from './finish-build.ts';
import { isLiveBuild } from './live-build.ts';

/** The integration; list it before precompress in astro.config.mjs, so that the index's scripts are compressed too. */
export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'wspolnie:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The live server publishes the pages first and indexes them right after (src/site/search-index.ts).
        if (isLiveBuild()) return logger.info('Indeks wyszukiwarki: zbuduje go serwer po opublikowaniu stron.');
        // `npm run build` indexes once Astro's process has ended, so that their memory does not add up (after-build.ts).
        const handover = afterBuildFile();
        if (handover) {
          // The folder exists from now on, as it would with the index, for what is written per top-level folder
          // after this hook (dist/_headers, security-headers.ts); the index replaces it.
          await mkdir(join(fileURLToPath(dir), 'pagefind'), { recursive: true });
          return handOver(handover, { dir: fileURLToPath(dir) });
        }
        // With the text of the stored attachments, as `npm run build` indexes (finish-build.ts).
        const { pages, parts, milliseconds, compact } = await indexWithAttachments(fileURLToPath(dir), undefined, (line) => logger.info(line));
        if (!compact.compacted) logger.warn(`Indeks wyszukiwarki: nazwy stron nieskrócone (${compact.reason}); pierwsze wyszukiwanie pobierze więcej.`);
        // The bench reads this line; keep its shape.
        logger.info(`Indeks wyszukiwarki: ${pages} stron, ${milliseconds} ms${parts > 1 ? `, w ${parts} częściach` : ''}`);
        if (pages === 0) logger.warn('Żadna strona nie ma atrybutu data-pagefind-body: wyszukiwarka w archiwum nic nie znajdzie.');
      },
    },
  };
}
