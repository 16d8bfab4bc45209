/**
 * The archive form's filter choices without Pagefind's filter index.
 *
 * Pagefind keeps, for each filter, the list of every page with each value;
 * `pagefind.filters()` loads all of them to count. At 50,000 entries that is
 * hundreds of kilobytes before the first search. Its `search()` loads a
 * filter's index only when that filter is used, so the indexer writes the
 * values and their page counts here (a few hundred bytes), and the form
 * builds its selects from this file: a filter's index is fetched only when
 * someone picks from it.
 */

/** filter name → value → number of pages; the shape of Pagefind's own `filters()`. */
export type FilterCounts = Record<string, Record<string, number>>;

/** Written beside Pagefind's files, so it is published with the index it describes. */
export const filterCountsFile = 'filtry.json';

/** Parses the file's JSON; throws (in Polish) when it is not name → value → count. */
export function parseFilterCounts(json: unknown): FilterCounts {
  const fail = () => new Error('Plik filtrów wyszukiwarki ma nieprawidłową postać.');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail();
  for (const values of Object.values(json)) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) throw fail();
    if (!Object.values(values).every((count) => Number.isInteger(count) && (count as number) > 0)) throw fail();
  }
  return json as FilterCounts;
}
