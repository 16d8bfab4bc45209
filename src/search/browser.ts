/**
 * Enhances the archive's search form (ArchiveSearch.astro) with Pagefind's
 * JS API: filters by type, year and programme, results announced through the
 * form's status line. The address keeps the query (?q=…&typ=…), so a search
 * can be shared and survives reload. A hit inside an attached document
 * (attachment-records.ts) says which document and page, links to the file
 * at that page and to its report, with the file's format and size.
 */
import { fold } from '../lib/fold.ts';
import { documentFilter, documentHit, documentMetaWeights, excerptSegments, foldedExcerpt, resultsSentence, type Segment } from './results.ts';
import { filterCountsFile, parseFilterCounts, type FilterCounts } from './filter-counts.ts';
import { indexPartsFile, parseIndexParts } from './index-parts.ts';

interface PagefindResultData {
  url: string;
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}
interface PagefindResult {
  score: number;
  data(): Promise<PagefindResultData>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, string[] | Record<string, string[]>> }): Promise<{ results: PagefindResult[] }>;
}

/** Filters in the order shown, with their Polish labels. */
const filterLabels: [name: string, label: string][] = [
  ['typ', 'Rodzaj dokumentu'],
  ['rok', 'Rok'],
  ['program', 'Program'],
];
const perPage = 10;
// A variable, so the bundler leaves the import to the browser: the index is written after the build.
const bundle = '/pagefind/pagefind.js';
// The filters' values and counts, written by the indexer: Pagefind's filter index loads only when a filter is used.
const filterCountsUrl = `/pagefind/${filterCountsFile}`;
// A large archive's index comes in parts searched as one (index-parts.ts); an index without the list is one part.
const indexPartsUrl = `/pagefind/${indexPartsFile}`;
// A document record's labels weigh nothing: a record found through them alone scores 0 and is not listed.
const searchOptions = { excerptLength: 30, ranking: { metaWeights: documentMetaWeights } };

const form = document.querySelector<HTMLFormElement>('[data-archive-search]');
if (form) void enhance(form);

async function enhance(form: HTMLFormElement): Promise<void> {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = document.querySelector<HTMLElement>('[data-search-status]')!;
  const resultsBox = document.querySelector<HTMLElement>('[data-search-results]')!;
  const list = document.querySelector<HTMLOListElement>('[data-search-list]')!;
  const more = document.querySelector<HTMLButtonElement>('[data-search-more]')!;

  let pagefind: Pagefind;
  let filterValues: FilterCounts;
  try {
    // Revalidated: a live rebuild publishes a new index under the same name.
    const counts = fetch(filterCountsUrl, { cache: 'no-cache' }).then(async (r) => {
      if (!r.ok) throw new Error(`${filterCountsUrl}: ${r.status}`);
      return parseFilterCounts(await r.json());
    });
    const parts = fetch(indexPartsUrl, { cache: 'no-cache' }).then(async (r) => {
      if (r.status === 404) return [];
      if (!r.ok) throw new Error(`${indexPartsUrl}: ${r.status}`);
      return parseIndexParts(await r.json());
    });
    let partFolders: string[];
    [pagefind, filterValues, partFolders] = await Promise.all([import(/* @vite-ignore */ bundle) as Promise<Pagefind>, counts, parts]);
    await pagefind.options(searchOptions);
    // Starts loading the index's metadata and WebAssembly now, so the first search need not wait for them.
    await pagefind.init();
    await Promise.all(partFolders.map((folder) => pagefind.mergeIndex(`/pagefind/${folder}`, searchOptions)));
  } catch {
    status.textContent = 'Nie udało się uruchomić wyszukiwarki. Przeglądaj listę dokumentów poniżej.';
    return;
  }

  const selects = buildFilters(form, filterValues);
  form.querySelector<HTMLElement>('[data-search-nojs]')!.hidden = true;

  let latest = 0;
  let shown: PagefindResult[] = [];
  let query = '';

  async function run(): Promise<void> {
    const ticket = ++latest;
    query = input.value.trim();
    const filters = Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, [s.value]]));
    if (!query && Object.keys(filters).length === 0) {
      resultsBox.hidden = true;
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    // Emptied first, so the same sentence for a new search is announced again.
    status.textContent = '';
    // Filters alone list the archive's entries, not the pages of their documents (results.ts documentFilter).
    const searchFilters = query ? filters : { ...filters, not: { [documentFilter]: ['tak'] } };
    let search = await pagefind.search(query || null, { filters: searchFilters });
    // Pagefind folds ą, ó, ż… but not ł; a query typed with some Polish letters may only match folded.
    if (search.results.length === 0 && query && fold(query) !== query) search = await pagefind.search(fold(query), { filters: searchFilters });
    if (ticket !== latest) return;
    // A query that matched nothing weighed (only a document's labels, see documentMetaWeights) found nothing; filters alone score nothing.
    shown = query ? search.results.filter((r) => r.score > 0) : search.results;
    list.replaceChildren();
    await showMore(ticket);
    resultsBox.hidden = false;
    status.textContent = resultsSentence(shown.length, query, Object.values(filters).flat());
  }

  async function showMore(ticket: number): Promise<HTMLAnchorElement | undefined> {
    const from = list.children.length;
    const page = await Promise.all(shown.slice(from, from + perPage).map((r) => r.data()));
    if (ticket !== latest) return undefined;
    const items = page.map((data) => resultItem(data, query));
    list.append(...items);
    more.hidden = list.children.length >= shown.length;
    return items[0]?.querySelector('a') ?? undefined;
  }

  async function update(): Promise<void> {
    remember(form);
    try {
      await run();
    } catch {
      status.textContent = 'Wyszukiwanie nie powiodło się. Spróbuj ponownie albo przeglądaj listę dokumentów poniżej.';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void update();
  });
  for (const select of selects) select.addEventListener('change', () => void update());
  more.addEventListener('click', async () => {
    const first = await showMore(latest);
    // Keyboard and screen reader users continue from the first new result.
    first?.focus();
  });

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const select of selects) select.value = params.get(select.name) ?? '';
  if (input.value || selects.some((s) => s.value)) await update();
}

/** Adds a labelled <select> for each filter the index has; returns them. */
function buildFilters(form: HTMLFormElement, values: FilterCounts): HTMLSelectElement[] {
  const box = form.querySelector<HTMLElement>('[data-search-filter-fields]')!;
  const selects: HTMLSelectElement[] = [];
  for (const [name, label] of filterLabels) {
    const options = Object.entries(values[name] ?? {});
    if (options.length === 0) continue;
    options.sort(([a], [b]) => (name === 'rok' ? b.localeCompare(a) : a.localeCompare(b, 'pl')));
    const field = document.createElement('div');
    const labelEl = document.createElement('label');
    const select = document.createElement('select');
    select.id = `archive-search-${name}`;
    select.name = name;
    labelEl.htmlFor = select.id;
    labelEl.textContent = label;
    select.append(new Option('Wszystkie', ''), ...options.map(([value, count]) => new Option(`${value} (${count})`, value)));
    field.append(labelEl, select);
    box.append(field);
    selects.push(select);
  }
  box.closest<HTMLElement>('[data-search-filters]')!.hidden = selects.length === 0;
  return selects;
}

/** Puts the form's fields in the address (without reloading), so the search can be shared. */
function remember(form: HTMLFormElement): void {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value.trim()) params.set(name, value.trim());
  const search = params.toString();
  history.replaceState(null, '', search ? `?${search}` : location.pathname);
}

function resultItem(data: PagefindResultData, query: string): HTMLLIElement {
  const item = document.createElement('li');
  const heading = document.createElement('h3');
  const link = document.createElement('a');
  const hit = documentHit(data.url, data.meta);
  link.href = hit?.fileUrl ?? data.url;
  link.textContent = hit?.label ?? data.meta['title'] ?? data.url;
  heading.append(link);
  if (hit?.fileFacts) {
    const facts = document.createElement('span');
    facts.className = 'file-facts';
    facts.textContent = ` (${hit.fileFacts})`;
    heading.append(facts);
  }
  item.append(heading);

  const facts = [data.filters['typ']?.[0], data.filters['rok']?.[0], data.filters['program']?.[0]].filter(Boolean);
  if (hit) {
    // The report the document belongs to, as a link, before its type, year and programme.
    const from = document.createElement('p');
    from.className = 'meta';
    const report = document.createElement('a');
    report.href = hit.reportUrl;
    report.textContent = hit.reportTitle;
    from.append('Załącznik do: ', report, ...(facts.length ? [` · ${facts.join(' · ')}`] : []));
    item.append(from);
  } else if (facts.length) {
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = facts.join(' · ');
    item.append(meta);
  }

  let segments: Segment[] = excerptSegments(data.excerpt);
  // A match through folded words (e.g. "lodz" for "Łódź") has nothing marked: find and mark it ourselves.
  if (query && !segments.some((s) => s.marked)) segments = foldedExcerpt(data.content, query) ?? segments;
  const excerpt = document.createElement('p');
  // "Raport końcowy, strona 14: … zieleń osiedlowa …": where the words are, before them.
  if (hit) excerpt.append(`${hit.label}: `);
  for (const segment of segments) {
    if (segment.marked) {
      const mark = document.createElement('mark');
      mark.textContent = segment.text;
      excerpt.append(mark);
    } else excerpt.append(segment.text);
  }
  item.append(excerpt);
  return item;
}
