/**
 * Builds the Pagefind search index of a built site, into dist/pagefind/ (run
 * by the build, src/integrations/pagefind.ts and finish-build.ts, and by
 * the live server after publishing, src/site/search-index.ts).
 *
 * Only pages that opt in with `data-pagefind-body` are indexed (see
 * SearchMeta.astro for the page contract). Each page goes to Pagefind from
 * memory, amended with the folded forms of its ł-words (searchable-html.ts),
 * so dist/ itself stays exactly as Astro wrote it. A large site is indexed
 * in parts, one Pagefind process after another, which the browser merges
 * (index-parts.ts): Pagefind holds every page in memory until it writes.
 *
 * Given the text of the stored attachments (attachment-cache.ts), a report
 * page that links them brings their pages and sections as records of their
 * own, in the same part (attachment-records.ts).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { pageFilters, searchBodies, withFoldedWords } from './searchable-html.ts';
import { filterCountsFile, type FilterCounts } from './filter-counts.ts';
import { compactPageIds, type CompactOutcome } from './compact-ids.ts';
import { indexPartsFile, pagesInEachPart, pagesPerPartFrom, partFolder } from './index-parts.ts';
import { attachmentLinks, attachmentRecords, fileKey, textsByFile } from './attachment-records.ts';
import type { AttachmentText } from './attachment-types.ts';

export interface IndexResult {
  /** Pages in the index. */
  pages: number;
  /** Records of attachments' pages and sections in the index (attachment-records.ts), besides the pages. */
  documentRecords: number;
  /** Attachments with at least one record. */
  documents: number;
  /** Parts the index was built in (index-parts.ts); 1 below `pagesPerPart` HTML files. */
  parts: number;
  /** Wall time of reading, indexing and writing, in milliseconds. */
  milliseconds: number;
  /** Whether the page names in the metadata were shortened (compact-ids.ts), and if not, why; summed over the parts. */
  compact: CompactOutcome;
  /** Links marked as stored attachments whose file is not among `attachments` (missing from pliki/): the page and the link. */
  missingAttachments: { page: string; file: string }[];
  /** Stored documents (a format whose text is read) that no page marks as its attachment, so no search shows them. */
  unlinkedAttachments: string[];
  /** Links whose given format (the link's attribute) is not the file's own: the page, the file, both formats. */
  misnamedAttachments: { page: string; file: string; given: string; actual: string }[];
}

export interface IndexOptions {
  /** HTML files per part (index-parts.ts); default from the environment, else `defaultPagesPerPart`. */
  pagesPerPart?: number;
  /** The extracted text of the attachments stored with the site (attachment-cache.ts `readAttachments`); none: pages only. */
  attachments?: readonly AttachmentText[];
}

// The archive page talks to the JS API directly; Pagefind's ready-made UIs would only be dead weight in dist/.
const unusedBundles = /^pagefind-(ui|component-ui|modular-ui|highlight)\.|^wasm\.unknown\./;
// A merged part needs only its entry file, metadata and folders: the first part's scripts and WebAssembly serve it.
const partFiles = /^pagefind-entry\.json$|\.pf_meta$/;
// Pages handed to the Pagefind process at once: enough to keep it busy, few enough to bound memory.
const concurrency = 32;
/**
 * Pagefind's Linux binary allocates with jemalloc (its `_RJEM_` build), which
 * by default keeps freed pages for ten seconds; returning them at once lowers
 * the process's peak by about a fifth (0.96 → 0.75 GB for 10,000 pages)
 * at no measurable cost in time. Another allocator ignores the variable.
 */
const pagefindAllocator = 'dirty_decay_ms:0,muzzy_decay_ms:0';

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

/** A part being filled: its Pagefind index (in a process of its own) and its bundle folder. */
interface OpenPart {
  index: pagefind.PagefindIndex;
  bundle: string;
  pages: number;
}

async function openPart(bundle: string): Promise<OpenPart> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'pl' });
  if (!index) throw new Error(`Pagefind nie uruchomił indeksu: ${errors.join('; ')}`);
  return { index, bundle, pages: 0 };
}

/**
 * Writes a part's bundle, closes its Pagefind process (so its memory is free
 * for the next part), removes what the bundle does not need (a later part
 * needs no scripts: the first part's serve it) and shortens its page names.
 */
async function closePart(part: OpenPart, first: boolean): Promise<CompactOutcome> {
  try {
    const written = await part.index.writeFiles({ outputPath: part.bundle });
    if (written.errors.length) throw new Error(`Pagefind nie zapisał indeksu: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  for (const entry of await readdir(part.bundle, { withFileTypes: true })) {
    const unused = first ? unusedBundles.test(entry.name) : entry.isFile() && !partFiles.test(entry.name);
    if (unused) await rm(join(part.bundle, entry.name));
  }
  return compactPageIds(part.bundle);
}

/** Adds two outcomes of compactPageIds: compacted only if both were (else the first reason). */
function addCompact(a: CompactOutcome | undefined, b: CompactOutcome): CompactOutcome {
  if (!a) return b;
  if (!a.compacted) return a;
  if (!b.compacted) return b;
  return { compacted: true, pages: a.pages + b.pages, bytesBefore: a.bytesBefore + b.bytesBefore, bytesAfter: a.bytesAfter + b.bytesAfter };
}

/**
 * Indexes every opted-in page of a built site and writes the index to
 * `outputPath` (default `<dir>/pagefind/`): one Pagefind bundle per part
 * (index-parts.ts), then `filtry.json` (every part's filter values and
 * counts) and `czesci.json` (the parts to merge). `outputPath` is replaced.
 * Rejects, in Polish, when Pagefind fails.
 */
export async function indexSite(dir: string, outputPath = join(dir, 'pagefind'), options: IndexOptions = {}): Promise<IndexResult> {
  const started = performance.now();
  process.env['_RJEM_MALLOC_CONF'] ??= pagefindAllocator;
  const files = await htmlFiles(dir);
  const perPart = pagesInEachPart(files.length, options.pagesPerPart ?? pagesPerPartFrom());
  await rm(outputPath, { recursive: true, force: true });
  const counts: FilterCounts = {};
  let pages = 0;
  let documentRecords = 0;
  const texts = textsByFile(options.attachments ?? []);
  const indexedFiles = new Map<string, number>();
  const documents = new Set<string>();
  const linked = new Set<string>();
  const missingAttachments: IndexResult['missingAttachments'] = [];
  const misnamedAttachments: IndexResult['misnamedAttachments'] = [];
  let parts = 0;
  let part: OpenPart | undefined;
  let compact: CompactOutcome | undefined;
  const next = async () => {
    if (part) compact = addCompact(compact, await closePart(part, parts === 1));
    part = await openPart(parts === 0 ? outputPath : join(outputPath, partFolder(parts)));
    parts += 1;
    return part;
  };
  for (let i = 0; i < files.length; i += concurrency) {
    // One scan of each whole page; the rest reads only its search bodies.
    const read = await Promise.all(files.slice(i, i + concurrency).map(async (file) => ({ url: urlOf(dir, file), bodies: searchBodies(await readFile(file, 'utf8')) })));
    const searchable = read.filter((page): page is { url: string; bodies: string } => page.bodies !== undefined);
    while (searchable.length > 0) {
      const into = part && part.pages < perPart ? part : await next();
      const batch = searchable.splice(0, perPart - into.pages);
      into.pages += batch.length;
      await Promise.all(
        batch.map(async ({ url, bodies }) => {
          for (const [name, value] of pageFilters(bodies)) (counts[name] ??= {})[value] = (counts[name]?.[value] ?? 0) + 1;
          const added = await into.index.addHTMLFile({ url, content: withFoldedWords(bodies) });
          if (added.errors.length) throw new Error(`Pagefind: ${url}: ${added.errors.join('; ')}`);
          // Its attachments' pages go with it: the same part, the same filters.
          for (const link of attachmentLinks(bodies)) {
            const text = texts.get(fileKey(link.href));
            linked.add(fileKey(link.href));
            if (!text) missingAttachments.push({ page: url, file: link.href });
            else if (link.format && text.format && link.format !== text.format) misnamedAttachments.push({ page: url, file: link.href, given: link.format, actual: text.format });
          }
          const records = texts.size > 0 ? attachmentRecords({ url, body: bodies }, texts, indexedFiles) : [];
          // Not in the form's counts: they count the archive's entries, which a search by filters alone lists (results.ts documentFilter).
          for (const record of records) documents.add(fileKey(record.url));
          // At once, as the pages of a batch: Pagefind's process works on several while this one waits.
          await Promise.all(
            records.map(async (record) => {
              const added = await into.index.addCustomRecord(record);
              if (added.errors.length) throw new Error(`Pagefind: ${record.url}: ${added.errors.join('; ')}`);
            }),
          );
          documentRecords += records.length;
        }),
      );
      pages += batch.length;
    }
  }
  // A site without searchable pages still gets an (empty) index, as Pagefind writes one.
  if (!part) await next();
  compact = addCompact(compact, await closePart(part!, parts === 1));
  // The form's filter choices, so the first search need not load Pagefind's filter index (see filter-counts.ts).
  await writeFile(join(outputPath, filterCountsFile), JSON.stringify(counts));
  await writeFile(join(outputPath, indexPartsFile), JSON.stringify(Array.from({ length: parts - 1 }, (_, n) => partFolder(n + 1))));
  const unlinkedAttachments = [...texts.values()].filter((text) => text.format !== undefined && !linked.has(fileKey(text.file))).map((text) => text.file);
  return { pages, documentRecords, documents: documents.size, parts, milliseconds: Math.round(performance.now() - started), compact: compact!, missingAttachments, unlinkedAttachments, misnamedAttachments };
}
