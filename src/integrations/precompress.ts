/**
 * Brotli and gzip copies of the built site's text files, made once at build
 * time so that the self-hosted server (src/server/static-files.ts, through
 * sirv) sends them by the request's Accept-Encoding without compressing per
 * request: `page/index.html` gets `page/index.html.br` and
 * `page/index.html.gz` beside it. Netlify compresses on its own CDN, so these
 * files are simply never asked for there.
 *
 * What is left alone: files under 1 kB (a packet either way), formats that
 * are compressed already (WOFF2, images, PDF, Pagefind's `.pf_*` files and
 * its `.pagefind` WebAssembly, which are gzip inside), and any copy that
 * would not be at least 5 % smaller than its original.
 *
 * In a folder already served (the live site compresses after publishing),
 * each copy is written under a temporary name and renamed into place, so a
 * server looking files up per request never sends half a file. A copy is
 * newer than its original, so the original's modification time is a safe
 * If-Modified-Since bound for every variant (src/server/static-files.ts).
 * The work runs on libuv's thread pool, several files at once.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { isLiveBuild } from './live-build.ts';
import { afterBuildFile } from './after-build.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Extensions whose files are text and worth compressing (Pagefind's own `.pf_*` and `.pagefind` are gzip already). */
export const compressibleExtensions: ReadonlySet<string> = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.ics', '.yml', '.map', '.webmanifest']);

/** Files smaller than this (bytes) are sent as they are. */
export const minimumBytes = 1024;

/** A copy is kept only when it is at most this fraction of its original. */
const worthwhileRatio = 0.95;

/**
 * Brotli quality (0–11). On this project's pages 5, 7 and 9 give the same
 * size within 0.6 % (7–8 % under gzip -9), 11 another 8 % less for twenty to
 * forty times the CPU, which a build of 10,000 pages and the live server
 * after every save would pay; 5 is the cheap end of that plateau.
 */
const brotliQuality = 5;

export interface PrecompressResult {
  /** Text files given a compressed copy (a .br, a .gz, or both). */
  files: number;
  /** Their total size before compression, bytes; the two below are their copies' (or what they would have been). */
  originalBytes: number;
  brotliBytes: number;
  gzipBytes: number;
  /** Wall-clock time, milliseconds. */
  ms: number;
}

async function textFiles(root: string, skipped: readonly string[]): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const outside = (path: string) => !skipped.some((folder) => path.startsWith(join(root, folder, sep)));
  return entries
    .filter((entry) => entry.isFile() && compressibleExtensions.has(extname(entry.name)))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(outside);
}

/**
 * Writes `<file><suffix>`: under a temporary name renamed into place when the
 * folder may be served meanwhile (`atomic`), else directly.
 */
async function writeBeside(file: string, suffix: string, bytes: Buffer, atomic: boolean): Promise<void> {
  if (!atomic) return writeFile(`${file}${suffix}`, bytes);
  const temporary = `${file}${suffix}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, `${file}${suffix}`);
}

export interface PrecompressOptions {
  /**
   * Whether the folder may be served while its copies are written (the live
   * site's, compressed after publishing): each copy then appears whole, by
   * rename. Default true; a build's own output folder can skip it.
   */
  atomic?: boolean;
  /**
   * Folders of `root` (relative names, e.g. "pagefind") left out, for one
   * still being written meanwhile; compress it with a call of its own later.
   */
  skip?: readonly string[];
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of `root`
 * (recursively) that is at least `minimumBytes` long, replacing older copies.
 * Resolves with what it did; rejects on a file-system error (the build fails
 * rather than publishing a folder whose copies may not match).
 */
export async function precompressFolder(root: string, options: PrecompressOptions = {}): Promise<PrecompressResult> {
  const started = performance.now();
  const atomic = options.atomic ?? true;
  const files = await textFiles(root, options.skip ?? []);
  const result: PrecompressResult = { files: 0, originalBytes: 0, brotliBytes: 0, gzipBytes: 0, ms: 0 };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const original = await readFile(file);
      if (original.length < minimumBytes) continue;
      const [br, gz] = await Promise.all([
        brotli(original, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: original.length } }),
        gzipped(original, { level: 9 }),
      ]);
      const writes: Promise<void>[] = [];
      if (br.length <= original.length * worthwhileRatio) writes.push(writeBeside(file, '.br', br, atomic));
      if (gz.length <= original.length * worthwhileRatio) writes.push(writeBeside(file, '.gz', gz, atomic));
      if (writes.length === 0) continue;
      await Promise.all(writes);
      result.files += 1;
      result.originalBytes += original.length;
      result.brotliBytes += br.length;
      result.gzipBytes += gz.length;
    }
  };
  // Two compressions per file run on libuv's pool (4 threads by default); a few files ahead keep it busy while others read and write.
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism() * 2) }, worker));
  result.ms = performance.now() - started;
  return result;
}

/**
 * Whether a build makes compressed copies at all: not the live server's
 * rebuilds (they compress after publishing, src/site/rebuild.ts), not on
 * Netlify (its CDN compresses; thousands of copies would only lengthen its
 * upload).
 */
export function shouldPrecompress(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return !isLiveBuild(env) && env['NETLIFY'] !== 'true';
}

/** "Skompresowano 12 plików tekstowych (…)": the log line of a finished compression. */
export function describePrecompress(done: PrecompressResult): string {
  const kB = (bytes: number) => Math.round(bytes / 1000).toLocaleString('pl-PL');
  return `Skompresowano ${done.files} plików tekstowych (${kB(done.originalBytes)} kB → brotli ${kB(done.brotliBytes)} kB, gzip ${kB(done.gzipBytes)} kB) w ${Math.round(done.ms)} ms.`;
}

/**
 * The integration, named "wspolnie:precompress"; list it last in
 * astro.config.mjs, since `astro:build:done` hooks run in order and the
 * files written by earlier ones (Pagefind's scripts, the panel's script) are
 * to be compressed too.
 */
export default function precompress(): AstroIntegration {
  return {
    name: 'wspolnie:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // The live server's rebuilds publish first and compress after (src/site/rebuild.ts), like their search index;
        // Netlify compresses on its CDN, and thousands of copies would only lengthen its upload.
        if (!shouldPrecompress()) return;
        // `npm run build` compresses after Astro's process has ended, beside the search index (after-build.ts).
        if (afterBuildFile()) return;
        // Nothing serves a build's output folder before the build is done.
        logger.info(describePrecompress(await precompressFolder(fileURLToPath(dir), { atomic: false })));
      },
    },
  };
}
