/**
 * The archive's search index for a live rebuild. The build itself skips it
 * (`WSPOLNIE_LIVE_BUILD`, src/integrations/live-build.ts): the new pages are
 * published at once with the previous index linked in — it finds what it
 * found a moment ago — and the index of the new pages follows as its own
 * publication a few seconds later (at 10,000 archive entries, indexing is a
 * third of a full build).
 */
import { spawn } from 'node:child_process';
import { link, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const searchIndexFolder = 'pagefind';

export type IndexOutcome = { ok: true; pages: number; milliseconds: number } | { ok: false; output: string };

/** Indexes the site in `dir` (writes `dir/pagefind/`) in a child process. */
export function indexSearch(dir: string): Promise<IndexOutcome> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [new URL('./search-index-child.ts', import.meta.url).pathname, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
    child.on('error', (error) => resolve({ ok: false, output: error.message }));
    child.on('close', (code) => {
      if (code !== 0) return resolve({ ok: false, output: stderr || `kod wyjścia ${code}` });
      try {
        const { pages, milliseconds } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { pages: number; milliseconds: number };
        resolve({ ok: true, pages, milliseconds });
      } catch {
        resolve({ ok: false, output: stdout.slice(-2_000) });
      }
    });
  });
}

/**
 * Recreates the tree `from` under `to` with hard links: a copy that costs
 * no file data, safe because published files are never written in place (a
 * new index or build writes new files). `except`: top-level names to leave out.
 */
export async function linkTree(from: string, to: string, except: readonly string[] = []): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = (await readdir(from, { recursive: true, withFileTypes: true })).filter((entry) => {
    const top = join(entry.parentPath, entry.name).slice(from.length + 1).split('/')[0]!;
    return !except.includes(top);
  });
  for (const entry of entries) if (entry.isDirectory()) await mkdir(join(to, join(entry.parentPath, entry.name).slice(from.length)), { recursive: true });
  const files = entries.filter((entry) => entry.isFile());
  // Batches: tens of thousands of links at once would exhaust file handles.
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(
      files.slice(i, i + 256).map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return link(path, join(to, path.slice(from.length)));
      }),
    );
  }
}
