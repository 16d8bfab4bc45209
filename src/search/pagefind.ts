/**
 * Builds the Pagefind search index after `astro build`, into dist/pagefind/.
 *
 * Only pages that opt in with `data-pagefind-body` are indexed (see
 * SearchMeta.astro for the page contract). Each page goes to Pagefind from
 * memory, amended with the folded forms of its ł-words (searchable-html.ts),
 * so dist/ itself stays exactly as Astro wrote it.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { pageFilters, searchBodies, withFoldedWords } from './searchable-html.ts';
import { filterCountsFile, type FilterCounts } from './filter-counts.ts';
import { compactPageIds, type CompactOutcome } from './compact-ids.ts';
import { isLiveBuild } from '../integrations/live-build.ts';

export interface IndexResult {
  /** Pages in the index. */
  pages: number;
  /** Wall time of reading, indexing and writing, in milliseconds. */
  milliseconds: number;
  /** Whether the page names in the metadata were shortened (compact-ids.ts), and if not, why. */
  compact: CompactOutcome;
}

// The archive page talks to the JS API directly; Pagefind's ready-made UIs would only be dead weight in dist/.
const unusedBundles = /^pagefind-(ui|component-ui|modular-ui|highlight)\.|^wasm\.unknown\./;
// Pages handed to the Pagefind process at once: enough to keep it busy, few enough to bound memory.
const concurrency = 32;

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(dir, path).startsWith(`pagefind${sep}`))
    .sort();
}

/** "archiwum/raport/index.html" → "/archiwum/raport/" (the site uses directory URLs). */
function urlOf(dir: string, file: string): string {
  const path = relative(dir, file).split(sep).join('/');
  return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Indexes every opted-in page of a built site and writes the index to `outputPath` (default `<dir>/pagefind/`). */
export async function indexSite(dir: string, outputPath = join(dir, 'pagefind')): Promise<IndexResult> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'pl' });
  if (!index) throw new Error(`Pagefind nie uruchomił indeksu: ${errors.join('; ')}`);
  try {
    const files = await htmlFiles(dir);
    const counts: FilterCounts = {};
    let pages = 0;
    for (let i = 0; i < files.length; i += concurrency) {
      await Promise.all(
        files.slice(i, i + concurrency).map(async (file) => {
          // One scan of the whole page; the rest reads only its search bodies.
          const bodies = searchBodies(await readFile(file, 'utf8'));
          if (bodies === undefined) return;
          for (const [name, value] of pageFilters(bodies)) (counts[name] ??= {})[value] = (counts[name]?.[value] ?? 0) + 1;
          const added = await index.addHTMLFile({ url: urlOf(dir, file), content: withFoldedWords(bodies) });
          if (added.errors.length) throw new Error(`Pagefind: ${urlOf(dir, file)}: ${added.errors.join('; ')}`);
          pages += 1;
        }),
      );
    }
    await rm(outputPath, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind nie zapisał indeksu: ${written.errors.join('; ')}`);
    for (const name of await readdir(outputPath)) {
      if (unusedBundles.test(name)) await rm(join(outputPath, name));
    }
    // The form's filter choices, so the first search need not load Pagefind's filter index (see filter-counts.ts).
    await writeFile(join(outputPath, filterCountsFile), JSON.stringify(counts));
    const compact = await compactPageIds(outputPath);
    return { pages, milliseconds: Math.round(performance.now() - started), compact };
  } finally {
    await pagefind.close();
  }
}

/** Astro integration: index the site once the build has written it. */
export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'wspolnie:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The live server publishes the pages first and indexes them right after (src/site/search-index.ts).
        if (isLiveBuild()) return logger.info('Indeks wyszukiwarki: zbuduje go serwer po opublikowaniu stron.');
        const { pages, milliseconds, compact } = await indexSite(fileURLToPath(dir));
        if (!compact.compacted) logger.warn(`Indeks wyszukiwarki: nazwy stron nieskrócone (${compact.reason}); pierwsze wyszukiwanie pobierze więcej.`);
        // The bench reads this line; keep its shape.
        logger.info(`Indeks wyszukiwarki: ${pages} stron, ${milliseconds} ms`);
        if (pages === 0) logger.warn('Żadna strona nie ma atrybutu data-pagefind-body: wyszukiwarka w archiwum nic nie znajdzie.');
      },
    },
  };
}
