/**
 * `npm run build`: `astro build`, then, once Astro's process has ended, the
 * search index and the compressed copies (after-build.ts
 * says why). The two run side by side: Pagefind works in a process of its
 * own while the copies are made on libuv's thread pool; only the index's
 * own folder is compressed after it is written.
 *
 * Before indexing, the text of the attachments stored in `pliki/` is read
 * (src/search/attachment-cache.ts, cached by file hash), so the index
 * searches inside them (issue 15); a file that cannot be read is listed in
 * the log and never fails the build.
 *
 * The log lines are those the integrations print in a plain `astro build`
 * ("Indeks wyszukiwarki: N stron, M ms", "Skompresowano …"), plus
 * "Tekst załączników: …", which the bench and people read.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterBuildVariable, takeOver } from './after-build.ts';
import { describePrecompress, precompressFolder, shouldPrecompress, type PrecompressResult } from './precompress.ts';
import { indexSite, type IndexResult } from '../search/pagefind.ts';
import { attachmentProblemLines, defaultAttachmentCacheDir, readAttachments } from '../search/attachment-cache.ts';
import type { AttachmentText } from '../search/attachment-types.ts';
import { plural } from '../lib/plural.ts';
import { attachmentFormats, type AttachmentFormat } from '../data/reports.ts';

export interface FinishResult {
  pages: number;
  /** Records of attachments' pages and sections in the index, and the attachments they come from. */
  documentRecords: number;
  documents: number;
  parts: number;
  /** Wall time of indexing, and of all compression (undefined when the build makes no copies), milliseconds. */
  indexMs: number;
  compressMs: number | undefined;
}

/** Sums two compression results (a folder and a folder inside it compressed apart). */
function sum(a: PrecompressResult, b: PrecompressResult): PrecompressResult {
  return { files: a.files + b.files, originalBytes: a.originalBytes + b.originalBytes, brotliBytes: a.brotliBytes + b.brotliBytes, gzipBytes: a.gzipBytes + b.gzipBytes, ms: a.ms + b.ms };
}

/**
 * The text of the attachments in `<dir>/pliki/` for the index (readAttachments,
 * cached in `cacheDir`, by default under node_modules/.cache/), logging through `log`,
 * in Polish, each file that is not (fully) searchable (a scan, a damaged
 * file…) and one line the bench reads: "Tekst załączników: N plików, M stron,
 * X ms (z pamięci podręcznej: K)" (the nouns in the number's Polish form:
 * "2 pliki", "1 strona"; M: PDF pages with text; X: wall time of hashing,
 * cache and extraction). Never rejects: when the folder cannot be
 * read at all, it says so and the index is built without attachments.
 */
export async function readSiteAttachments(dir: string, log: (line: string) => void = console.log, cacheDir = defaultAttachmentCacheDir): Promise<AttachmentText[]> {
  try {
    const read = await readAttachments(dir, cacheDir);
    for (const line of attachmentProblemLines(read.texts)) log(line);
    const pages = read.texts.reduce((sum, text) => sum + text.parts.filter((part) => part.page !== undefined).length, 0);
    const files = plural(read.texts.length, 'plik', 'pliki', 'plików');
    if (read.texts.length > 0) log(`Tekst załączników: ${files}, ${plural(pages, 'strona', 'strony', 'stron')}, ${Math.round(read.extractedMs)} ms (z pamięci podręcznej: ${read.cachedCount})`);
    return read.texts;
  } catch (error) {
    log(`Nie udało się odczytać załączników (${error instanceof Error ? error.message : String(error)}); wyszukiwarka nie przeszuka ich treści.`);
    return [];
  }
}

/**
 * The build log's lines on attachment links (issue 15): a format field that
 * is not the file's own, a report that links a stored file the site does not
 * have (a 404 for residents), and a stored document no report has as an
 * attachment (so no search shows it).
 */
export function attachmentLinkLines(indexed: Pick<IndexResult, 'missingAttachments' | 'unlinkedAttachments' | 'misnamedAttachments'>): string[] {
  const label = (format: string) => ((attachmentFormats.values as readonly string[]).includes(format) ? attachmentFormats.label(format as AttachmentFormat) : format);
  return [
    ...indexed.misnamedAttachments.map(({ page, file, given, actual }) => `Strona ${page} podaje format ${label(given)} pliku ${file}, a to plik ${label(actual)}: popraw pole „Format”, żeby mieszkańcy wiedzieli, co pobierają.`),
    ...indexed.missingAttachments.map(({ page, file }) => `Strona ${page} odsyła do pliku ${file}, którego nie ma w folderze plików (public/pliki/): mieszkańcy zobaczą błąd 404. Wgraj plik albo popraw link.`),
    ...indexed.unlinkedAttachments.map((file) => `Plik ${file} nie jest załącznikiem żadnego wpisu archiwum, więc wyszukiwarka go nie pokaże. Dodaj go do wpisu albo usuń z folderu plików.`),
  ];
}

/**
 * Indexes the built site in `dir` into `output` (default `<dir>/pagefind/`)
 * with the text of its attachments, logging through `log` what a build says
 * of them (`readSiteAttachments`, then `attachmentLinkLines`). The one way
 * each kind of build indexes: `npm run build` (finishBuild), a plain `astro
 * build` (integrations/pagefind.ts) and the live server's re-index
 * (site/search-index-child.ts). Rejects when Pagefind fails.
 */
export async function indexWithAttachments(dir: string, output: string | undefined, log: (line: string) => void, cacheDir = defaultAttachmentCacheDir): Promise<IndexResult> {
  const attachments = await readSiteAttachments(dir, log, cacheDir);
  const indexed = await indexSite(dir, output, { attachments });
  for (const line of attachmentLinkLines(indexed)) log(line);
  return indexed;
}

/**
 * Indexes the built site in `dir`, with the text of its attachments
 * (`indexWithAttachments`), and, where the build makes them
 * (precompress.ts `shouldPrecompress`), writes its compressed copies,
 * printing each step's line through `log` (`options.attachmentCacheDir`:
 * where extracted texts are cached). Rejects when indexing or
 * compressing fails; an attachment never makes it fail.
 */
export async function finishBuild(dir: string, log: (line: string) => void = console.log, options: { attachmentCacheDir?: string } = {}): Promise<FinishResult> {
  const compress = shouldPrecompress();
  const started = performance.now();
  const [indexed, compressed] = await Promise.all([
    indexWithAttachments(dir, undefined, log, options.attachmentCacheDir),
    compress ? precompressFolder(dir, { atomic: false, skip: ['pagefind'] }) : undefined,
  ]);
  if (!indexed.compact.compacted) log(`Indeks wyszukiwarki: nazwy stron nieskrócone (${indexed.compact.reason}); pierwsze wyszukiwanie pobierze więcej.`);
  // The bench reads this line; keep its shape (as in pagefind.ts).
  log(`Indeks wyszukiwarki: ${indexed.pages} stron, ${indexed.milliseconds} ms${indexed.parts > 1 ? `, w ${indexed.parts} częściach` : ''}`);
  if (indexed.documents > 0) log(`Indeks wyszukiwarki: ${indexed.documentRecords} stron i części z ${indexed.documents} załączników`);
  if (indexed.pages === 0) log('Żadna strona nie ma atrybutu data-pagefind-body: wyszukiwarka w archiwum nic nie znajdzie.');
  const found = { pages: indexed.pages, documentRecords: indexed.documentRecords, documents: indexed.documents, parts: indexed.parts, indexMs: indexed.milliseconds };
  if (!compressed) return { ...found, compressMs: undefined };
  const all = sum(compressed, await precompressFolder(join(dir, 'pagefind'), { atomic: false }));
  log(describePrecompress({ ...all, ms: performance.now() - started }));
  return { ...found, compressMs: performance.now() - started };
}

/**
 * Runs `astro build` with `args` in `cwd` (the project's own Astro, on this
 * Node), its output passed through, then `finishBuild` on the folder it
 * wrote. Resolves with the process exit code to use: Astro's when it failed,
 * 1 when a later step failed (its error printed), else 0.
 */
export async function buildSite(args: readonly string[], cwd = process.cwd()): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), 'wspolnie-build-'));
  const handover = join(scratch, 'zbudowano.json');
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const astro = spawn(process.execPath, [join(cwd, 'node_modules/astro/bin/astro.mjs'), 'build', ...args], {
        cwd,
        env: { ...process.env, [afterBuildVariable]: handover },
        stdio: 'inherit',
      });
      astro.on('error', reject);
      astro.on('close', (exit, signal) => resolve(exit ?? (signal ? 1 : 0)));
    });
    if (code !== 0) return code;
    // The bench reads this line as the end of Astro's part.
    console.log('Strony zbudowane; indeks wyszukiwarki i skompresowane kopie powstają po zakończeniu procesu Astro.');
    await finishBuild((await takeOver(handover)).dir);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
