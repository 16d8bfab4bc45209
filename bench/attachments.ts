/**
 * The attachments' text at scale (issue 15, part of `npm run bench --
 * --scale`): N generated PDFs of 20 pages of Polish text (default 1,000) in a
 * temporary `pliki/`, read by `readAttachments` with an empty cache (a first
 * build) and again with the cache it filled (a rebuild with nothing changed).
 * Target: the rebuild spends at most 5 % of the first build's extraction time.
 * Reports the peak resident memory of this process (its worker threads
 * included) during the two runs, sampled every 100 ms.
 *
 * Alone: `node bench/attachments.ts [--files=1000] [--pages=20]`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachmentProblemLines, readAttachments } from '../src/search/attachment-cache.ts';
import { makePdf } from '../tests/support/documents.ts';
import { seededRandom } from '../tests/support/seeded-random.ts';

/** The rebuild's extraction time as a share of the first build's (issue 15). */
export const warmRatioBudget = 0.05;

/** What benchAttachments measured. */
export interface AttachmentsBench {
  files: number;
  /** Pages in all the files. */
  pages: number;
  /** readAttachments with an empty cache, ms (listing, hashing, extracting, writing the cache). */
  coldExtractMs: number;
  /** readAttachments again, nothing changed, ms. */
  warmExtractMs: number;
  /** warmExtractMs / coldExtractMs. */
  ratio: number;
  /** Peak RSS of this process during the two runs, MB (10^6 bytes). */
  peakRssMB: number;
  /** os.loadavg() (1, 5, 15 minutes) at the end. */
  loadavg: number[];
}

const words = (
  'zieleń osiedlowa ławki drzewa chodnik ścieżka rowerowa plac zabaw skwer mieszkańcy dzielnica konsultacje budżet ' +
  'obywatelski rekomendacje wnioski ekspertyza przestrzeń publiczna komunikacja miejska przystanek tramwaj łąka kwietna ' +
  'retencja wody deszczowej ogród społeczny świetlica biblioteka seniorzy młodzież dostępność oświetlenie bezpieczeństwo ' +
  'parking strefa płatnego parkowania hałas powietrze smog Kraków Nowa Huta Podgórze Krowodrza Grzegórzki Łagiewniki Bronowice'
).split(' ');

/** The lines of one page: deterministic Polish text, ~15 lines of ~12 words, naming its document and page. */
function pageLines(random: (n: number) => number, file: number, page: number): string[] {
  const lines = [`Raport ${file + 1}, strona ${page}: wyniki konsultacji społecznych.`];
  for (let line = 0; line < 15; line++) lines.push(Array.from({ length: 12 }, () => words[random(words.length)]).join(' '));
  return lines;
}

/** The name of the nth generated PDF (from 0): dokument-0001.pdf, … */
export const documentName = (n: number): string => `dokument-${String(n + 1).padStart(4, '0')}.pdf`;

/** Writes `files` PDFs of `pages` pages into `<root>/pliki/` (documentName of each). */
export async function generate(root: string, files: number, pages: number): Promise<void> {
  const folder = join(root, 'pliki');
  await mkdir(folder, { recursive: true });
  const random = seededRandom(15);
  for (let file = 0; file < files; file++) {
    const content = Array.from({ length: pages }, (_, page) => pageLines(random, file, page + 1));
    await writeFile(join(folder, documentName(file)), await makePdf(content));
  }
}

/** Samples process.memoryUsage.rss() until stop() is called; stop() gives the peak in bytes. */
function samplePeakRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage.rss());
  };
}

/**
 * Generates the files, reads them cold then warm, prints each figure (with
 * its limit and the load average) through `print`, and removes the temporary
 * folder.
 */
export async function benchAttachments(options: { files?: number; pages?: number; print?: (line: string) => void } = {}): Promise<AttachmentsBench> {
  const { files = 1000, pages = 20, print = console.log } = options;
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-bench-attachments-'));
  try {
    print(`Attachments: generating ${files} PDFs of ${pages} pages (${cpus().length} CPU cores; load average ${load()})`);
    const generating = performance.now();
    await generate(root, files, pages);
    print(`  generated in ${((performance.now() - generating) / 1000).toFixed(1)} s`);
    const cacheDir = join(root, 'cache');
    const rssBefore = process.memoryUsage.rss();
    const stop = samplePeakRss();
    const cold = await readAttachments(root, cacheDir);
    const warm = await readAttachments(root, cacheDir);
    const peak = stop();
    const extractedPages = cold.texts.reduce((sum, text) => sum + text.parts.length, 0);
    if (cold.extractedCount !== files || warm.cachedCount !== files || extractedPages !== files * pages) {
      throw new Error(`expected ${files} files of ${pages} pages: cold extracted ${cold.extractedCount} (${extractedPages} pages), warm cached ${warm.cachedCount}`);
    }
    const problems = attachmentProblemLines(cold.texts);
    if (problems.length) throw new Error(`unexpected problems: ${problems.slice(0, 3).join(' | ')}`);
    const result: AttachmentsBench = {
      files,
      pages: extractedPages,
      coldExtractMs: cold.extractedMs,
      warmExtractMs: warm.extractedMs,
      ratio: warm.extractedMs / cold.extractedMs,
      peakRssMB: peak / 1e6,
      loadavg: loadavg(),
    };
    const ok = (met: boolean) => (met ? 'met' : 'NOT MET');
    print(`  first build (empty cache): ${(result.coldExtractMs / 1000).toFixed(1)} s for ${files} files, ${result.pages} pages (${(result.pages / (result.coldExtractMs / 1000)).toFixed(0)} pages/s; no limit of its own)`);
    print(`  rebuild (warm cache): ${(result.warmExtractMs / 1000).toFixed(2)} s = ${(result.ratio * 100).toFixed(1)} % of the first (limit ${warmRatioBudget * 100} %: ${ok(result.ratio <= warmRatioBudget)})`);
    print(`  peak RSS of the process and its extraction threads: ${result.peakRssMB.toFixed(0)} MB (${(rssBefore / 1e6).toFixed(0)} MB before the first run, after generating); load average ${load()}`);
    return result;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name: string, fallback: number) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const result = await benchAttachments({ files: option('files', 1000), pages: option('pages', 20) });
  console.log(JSON.stringify(result));
}
