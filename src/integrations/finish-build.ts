/**
 * `npm run build`: `astro build`, then, once Astro's process has ended, the
 * search index and the compressed copies (after-build.ts
 * says why). The two run side by side: Pagefind works in a process of its
 * own while the copies are made on libuv's thread pool; only the index's
 * own folder is compressed after it is written.
 *
 * The log lines are those the integrations print in a plain `astro build`
 * ("Indeks wyszukiwarki: N stron, M ms", "Skompresowano …"), which the bench
 * and people read.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterBuildVariable, takeOver } from './after-build.ts';
import { describePrecompress, precompressFolder, shouldPrecompress, type PrecompressResult } from './precompress.ts';
import { indexSite } from '../search/pagefind.ts';

export interface FinishResult {
  pages: number;
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
 * Indexes the built site in `dir` and, where the build makes them
 * (precompress.ts `shouldPrecompress`), writes its compressed copies,
 * printing each step's line through `log`. Rejects when either fails.
 */
export async function finishBuild(dir: string, log: (line: string) => void = console.log): Promise<FinishResult> {
  const compress = shouldPrecompress();
  const started = performance.now();
  const [indexed, compressed] = await Promise.all([
    indexSite(dir),
    compress ? precompressFolder(dir, { atomic: false, skip: ['pagefind'] }) : undefined,
  ]);
  if (!indexed.compact.compacted) log(`Indeks wyszukiwarki: nazwy stron nieskrócone (${indexed.compact.reason}); pierwsze wyszukiwanie pobierze więcej.`);
  // The bench reads this line; keep its shape (as in pagefind.ts).
  log(`Indeks wyszukiwarki: ${indexed.pages} stron, ${indexed.milliseconds} ms${indexed.parts > 1 ? `, w ${indexed.parts} częściach` : ''}`);
  if (indexed.pages === 0) log('Żadna strona nie ma atrybutu data-pagefind-body: wyszukiwarka w archiwum nic nie znajdzie.');
  if (!compressed) return { pages: indexed.pages, parts: indexed.parts, indexMs: indexed.milliseconds, compressMs: undefined };
  const all = sum(compressed, await precompressFolder(join(dir, 'pagefind'), { atomic: false }));
  log(describePrecompress({ ...all, ms: performance.now() - started }));
  return { pages: indexed.pages, parts: indexed.parts, indexMs: indexed.milliseconds, compressMs: performance.now() - started };
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
