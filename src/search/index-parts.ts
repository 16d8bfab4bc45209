/**
 * The archive's search index in parts, so that building it stays within a
 * bounded memory however large the archive grows.
 *
 * Pagefind 1.x keeps every page it indexes in memory, twice while it builds
 * the index (its `build_indexes` clones each page's data), and writes the
 * whole index at the end: about 75 kB per page of this site at its peak, so
 * 3–4 GB at 50,000 entries in one process. It has no option to bound that.
 * What it does offer is `mergeIndex`: the browser searches several indexes
 * as one, sorting their results together by score, and a merged index reuses
 * the first one's WebAssembly (loaded with `load_wasm: false`), so each part
 * adds only its metadata's fixed overhead and its own `pagefind-entry.json`
 * to a first search.
 *
 * So the indexer (pagefind.ts) splits the searchable pages, in path order,
 * into parts of at most `pagesPerPart` pages (`pagesInEachPart`), each
 * indexed by a Pagefind process of its own that is closed before the next
 * starts. The first part
 * is the ordinary bundle in `/pagefind/`; the others are `/pagefind/czesc-1/`,
 * `/pagefind/czesc-2/`…, holding only their index files (no scripts, no
 * WebAssembly). The list of the others is `/pagefind/czesci.json`, which the
 * archive's script (browser.ts) reads and merges. A site below
 * `pagesPerPart` pages has one part and an empty list, as before parts.
 */

/** The list of parts after the first, written beside Pagefind's files. */
export const indexPartsFile = 'czesci.json';

/**
 * HTML files per part unless `WSPOLNIE_SEARCH_PART_PAGES` says otherwise.
 * Parts cost bytes in every search: each part loads its own index chunk for
 * a word, and Pagefind closes a chunk at 20,000 word positions, so a part's
 * chunk is about as large as one index's. At 50,000 entries in three parts
 * (20,000 a part) the first search for "lodz" loaded 335 kB (index chunks
 * 62 kB instead of 15 kB), over the 300 kB budget that one index meets
 * (283 kB), for a Pagefind process of 1.3 GB instead of about 3.4 GB
 * (docs/benchmark.md). So a site is one index up to 60,000 pages, and
 * parts bound the memory of the larger ones, whose first search is over
 * the budget anyway (Pagefind's metadata alone grows ~3.5 bytes a page).
 */
export const defaultPagesPerPart = 60_000;

/** The environment variable that sets the part size (a positive whole number), for tests of the parts on a small site. */
export const partPagesVariable = 'WSPOLNIE_SEARCH_PART_PAGES';

/** The part size from the environment, or the default; throws in Polish on a value that is not a positive whole number. */
export function pagesPerPartFrom(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[partPagesVariable];
  if (raw === undefined || raw === '') return defaultPagesPerPart;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${partPagesVariable} musi być dodatnią liczbą całkowitą, a jest „${raw}”.`);
  return value;
}

/**
 * Searchable pages per part for a site of `htmlFiles` HTML files: as few
 * parts as keep each within `pagesPerPart` files, evened out (50,010 pages in
 * 52,039 files at 20,000: three parts of 17,347 pages at most, not 20,000,
 * 20,000 and 10,010). The indexer fills each part with that many searchable
 * pages in path order (pages without a search body count for nothing), so
 * no part is empty unless the whole site is.
 */
export function pagesInEachPart(htmlFiles: number, pagesPerPart: number): number {
  if (!Number.isInteger(pagesPerPart) || pagesPerPart < 1) throw new Error('Część indeksu musi mieć co najmniej jedną stronę.');
  const parts = Math.max(1, Math.ceil(htmlFiles / pagesPerPart));
  return Math.max(1, Math.ceil(htmlFiles / parts));
}

/** The folder of part `n` (1, 2, …) inside the first part's bundle, with a trailing slash: "czesc-1/". */
export const partFolder = (n: number) => `czesc-${n}/`;

/**
 * Parses `czesci.json`: the folders of the parts after the first, relative to
 * `/pagefind/`, each `czesc-<n>/`. Throws in Polish on anything else (a
 * path elsewhere would make the browser merge an index from any address).
 */
export function parseIndexParts(json: unknown): string[] {
  if (!Array.isArray(json) || !json.every((p) => typeof p === 'string' && /^czesc-[1-9]\d*\/$/.test(p))) {
    throw new Error('Lista części indeksu wyszukiwarki ma nieprawidłową postać.');
  }
  return json as string[];
}
