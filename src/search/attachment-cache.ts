/**
 * The text of every attachment stored with the site, cached by content
 * (issue 15): each file under `<dir>/pliki/` is hashed (SHA-256) and its text
 * read from `<cacheDir>/<sha256>-<extractorVersion>.json` when an earlier
 * build extracted it, so a rebuild re-reads only new or changed files.
 * Extraction runs in worker threads (attachment-thread.ts), two at a time by
 * default: the build machines have two cores.
 *
 * The default cache folder is under `node_modules/.cache/`: Netlify restores
 * `node_modules` from its build cache before every build and saves it after
 * (netlify/build-image, run-build-functions.sh: `restore_cwd_cache
 * node_modules`; the same script points Cypress's binary cache at
 * `./node_modules/.cache/CypressBinary` for that reason), and the self-hosted
 * server builds in a folder that keeps its node_modules between builds.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { problemSentence } from './attachment-problems.ts';
import { extractorVersion } from './attachment-text.ts';
import type { AttachmentText } from './attachment-types.ts';

/**
 * Where the extracted texts are kept between builds: WSPOLNIE_ATTACHMENT_CACHE_DIR
 * when set (the bench gives each copy its own, so a first build is a first
 * build), else node_modules/.cache/wspolnie/zalaczniki, relative to the
 * project root (the working directory).
 */
export const defaultAttachmentCacheDir = process.env['WSPOLNIE_ATTACHMENT_CACHE_DIR']?.trim() || 'node_modules/.cache/wspolnie/zalaczniki';

/** How readAttachments works. */
export interface ReadAttachmentsOptions {
  /** Files extracted at once, each in its own worker thread; default 2 (or 1 on a single core). */
  concurrency?: number;
  /** Milliseconds one file may take before its thread is stopped and the file reported damaged; default 120,000. */
  timeoutMs?: number;
}

/** What readAttachments found. */
export interface ReadAttachmentsResult {
  /** One per file under `<dir>/pliki/`, ordered by `file`. */
  texts: AttachmentText[];
  /** Wall-clock milliseconds of the whole call: listing, hashing, cache reads, extraction, cache writes. */
  extractedMs: number;
  /** Files whose text came from the cache. */
  cachedCount: number;
  /** Files extracted in this call (and written to the cache). */
  extractedCount: number;
}

/** Every file under `folder`, recursively, skipping names that start with a dot; [] when it does not exist. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(folder, path).split(sep).some((part) => part.startsWith('.')))
    .sort();
}

const cachePath = (cacheDir: string, sha256: string) => join(cacheDir, `${sha256}-${extractorVersion}.json`);

/** A cached text, or undefined when the entry is missing, unreadable or not what this version writes. */
async function readCached(cacheDir: string, sha256: string, file: string): Promise<AttachmentText | undefined> {
  try {
    const entry = JSON.parse(await readFile(cachePath(cacheDir, sha256), 'utf8')) as { extractorVersion?: unknown; text?: Partial<AttachmentText> };
    const text = entry.text;
    const valid =
      entry.extractorVersion === extractorVersion &&
      text?.sha256 === sha256 &&
      typeof text.bytes === 'number' &&
      Array.isArray(text.parts) &&
      text.parts.every((part) => typeof part?.text === 'string');
    return valid ? ({ ...text, file } as AttachmentText) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache entry atomically: a temporary file in the same folder,
 * renamed over the entry. Returns false when it could not (a full disk, a
 * read-only cache): the text is still used, only the next build reads the
 * file again.
 */
async function writeCached(cacheDir: string, text: AttachmentText): Promise<boolean> {
  const path = cachePath(cacheDir, text.sha256);
  const temporary = `${path}.${process.pid}-${randomUUID()}.tmp`;
  const { file: _file, ...stored } = text;
  try {
    await writeFile(temporary, JSON.stringify({ extractorVersion, text: stored }));
    await rename(temporary, path);
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}

interface Job {
  file: string;
  bytes: Uint8Array;
  sha256: string;
  /** `cacheable` is false when the extraction did not finish (a time limit, a crash): the next build tries again. */
  done: (result: { text: AttachmentText; cacheable: boolean }) => void;
}

/** The text of a file whose extraction did not finish: `damaged`, with why. */
const unfinished = (job: Job, detail: string): AttachmentText => ({
  file: job.file,
  sha256: job.sha256,
  bytes: job.bytes.length,
  format: undefined,
  parts: [],
  problem: { kind: 'damaged', detail },
});

/**
 * Worker threads extracting one file each at a time. A thread that dies, or
 * takes longer than the time limit (a malformed PDF can keep pdf.js busy),
 * leaves its file `damaged` and is replaced.
 */
class ExtractorPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>();
  private started = 0;
  private readonly size: number;
  private readonly timeoutMs: number;

  constructor(size: number, timeoutMs: number) {
    this.size = size;
    this.timeoutMs = timeoutMs;
  }

  extract(file: string, bytes: Uint8Array, sha256: string): Promise<{ text: AttachmentText; cacheable: boolean }> {
    return new Promise((done) => {
      this.queue.push({ file, bytes, sha256, done });
      this.next();
    });
  }

  private next(): void {
    while (this.queue.length && (this.idle.length || this.started < this.size)) {
      const worker = this.idle.pop() ?? this.spawn();
      const job = this.queue.shift()!;
      const timer = setTimeout(() => this.fail(worker, `odczyt trwał dłużej niż ${(this.timeoutMs / 1000).toLocaleString('pl-PL', { maximumFractionDigits: 3 })} s i został przerwany`), this.timeoutMs);
      this.running.set(worker, { job, timer });
      worker.postMessage({ id: 0, file: job.file, bytes: job.bytes, sha256: job.sha256 });
    }
  }

  /** Ends a thread's work: its file is `damaged` with `detail`, the thread is stopped, another may start. */
  private fail(worker: Worker, detail: string): void {
    const running = this.running.get(worker);
    this.running.delete(worker);
    if (running) clearTimeout(running.timer);
    this.started--;
    worker.removeAllListeners('message');
    void worker.terminate();
    running?.job.done({ text: unfinished(running.job, detail), cacheable: false });
    this.next();
  }

  private spawn(): Worker {
    this.started++;
    // A heap limit, so that a document that inflates in pdf.js fails alone instead of taking the build down.
    const worker = new Worker(new URL('./attachment-thread.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', ({ text }: { text: AttachmentText }) => {
      const { job, timer } = this.running.get(worker)!;
      clearTimeout(timer);
      this.running.delete(worker);
      this.idle.push(worker);
      job.done({ text, cacheable: true });
      this.next();
    });
    worker.on('error', (error: Error) => this.fail(worker, `odczyt przerwany błędem czytnika (${error.message.slice(0, 160)})`));
    return worker;
  }

  /** Stops every thread, idle or busy (a build that gave up on its attachments must still exit). */
  async close(): Promise<void> {
    for (const { timer } of this.running.values()) clearTimeout(timer);
    await Promise.all([...this.idle, ...this.running.keys()].map((worker) => worker.terminate()));
  }
}

/** An entry name: a SHA-256, the extractor's version, `.json` (cachePath). */
const entryName = /^[0-9a-f]{64}-(.+)\.json$/;

/**
 * Removes the entries an earlier extractor version wrote, which this one
 * never reads (an upgrade would otherwise leave a copy of every text behind).
 * Entries of this version stay, even for files no longer stored: a branch or
 * a deploy preview may still have them. Best effort: a failure is ignored.
 */
async function pruneOtherVersions(cacheDir: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  const stale = names.filter((name) => entryName.exec(name)?.[1] !== undefined && entryName.exec(name)![1] !== extractorVersion);
  await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true }).catch(() => undefined)));
}

/**
 * The text of every file under `<dir>/pliki/` (the built site's folder, or
 * `public/`: either serves them as `/pliki/…`), from the cache or extracted.
 *
 * @param dir the folder holding `pliki/`
 * @param cacheDir the cache folder (created when missing), default `defaultAttachmentCacheDir`
 * @returns the texts ordered by served path, the time it took and how many came from the cache.
 *   A file that cannot be read is a text with a `problem`; only an unreadable folder rejects.
 *   A corrupt or foreign cache entry is ignored and rewritten. A file whose extraction did not
 *   finish (`timeoutMs`, a crashed thread) is reported `damaged` and not cached.
 */
export async function readAttachments(dir: string, cacheDir: string = defaultAttachmentCacheDir, options: ReadAttachmentsOptions = {}): Promise<ReadAttachmentsResult> {
  const started = performance.now();
  const folder = resolve(dir, 'pliki');
  const paths = await listFiles(folder);
  // A cache that cannot be made costs a re-read next time, never the texts.
  const caching = await mkdir(cacheDir, { recursive: true }).then(() => true, () => false);
  const pool = new ExtractorPool(Math.max(1, options.concurrency ?? Math.min(2, availableParallelism())), options.timeoutMs ?? 120_000);
  const texts: AttachmentText[] = new Array(paths.length);
  let cachedCount = 0;
  let extractedCount = 0;
  let nextIndex = 0;
  // Reading, hashing and cache look-ups overlap a few files more than the threads extract at once.
  const reader = async () => {
    while (nextIndex < paths.length) {
      const index = nextIndex++;
      const path = paths[index]!;
      const file = `/pliki/${relative(folder, path).split(sep).join('/')}`;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(path));
      } catch (error) {
        // Removed or unreadable since it was listed: reported, and the others go on.
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'plik zniknął z dysku w trakcie budowania' : 'nie udało się odczytać pliku z dysku';
        texts[index] = { file, sha256: '', bytes: 0, format: undefined, parts: [], problem: { kind: 'damaged', detail: why } };
        continue;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const cached = caching ? await readCached(cacheDir, sha256, file) : undefined;
      if (cached) {
        cachedCount++;
        texts[index] = cached;
        continue;
      }
      const { text, cacheable } = await pool.extract(file, bytes, sha256);
      if (cacheable && caching) await writeCached(cacheDir, text);
      extractedCount++;
      texts[index] = text;
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, reader));
  } finally {
    await pool.close();
  }
  if (caching) await pruneOtherVersions(cacheDir);
  return { texts, extractedMs: performance.now() - started, cachedCount, extractedCount };
}

/** Files that are pictures or media for pages, not documents: their `unsupported` is no problem worth a line. */
const mediaExtensions = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.svg', '.ico', '.mp3', '.mp4', '.webm', '.ogg']);

/**
 * The Polish lines the build log shows about attachments that are not (fully)
 * searchable: `problemSentence` of each, in file order. Pictures and media
 * (by extension) are left out: their text is not expected to be searched.
 */
export function attachmentProblemLines(texts: readonly AttachmentText[]): string[] {
  return texts
    .filter((text) => !(text.problem?.kind === 'unsupported' && mediaExtensions.has(extname(text.file).toLowerCase())))
    .map(problemSentence)
    .filter((line): line is string => line !== undefined);
}
