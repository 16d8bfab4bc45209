/**
 * The archive's search index for a live rebuild. The build itself skips it
 * (`WSPOLNIE_LIVE_BUILD`, src/integrations/live-build.ts): the new pages are
 * published at once, served with the previous index — it finds what it found
 * a moment ago — and the index of the new pages follows as its own
 * publication a few seconds later (generations.ts `publishIndex`; at 10,000
 * archive entries, indexing is a third of a full build).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const searchIndexFolder = 'pagefind';

/** `notes`: the attachments' lines (problems, the text's summary) the build log shows, for the server's log. */
export type IndexOutcome = { ok: true; pages: number; milliseconds: number; notes: string[] } | { ok: false; output: string };

/** Indexes the site in `dir` into `<folder>/pagefind/` (served as /pagefind/), in a child process. */
export function indexSearch(dir: string, folder: string): Promise<IndexOutcome> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(process.execPath, [new URL('./search-index-child.ts', import.meta.url).pathname, dir, join(folder, searchIndexFolder)], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)));
    child.on('error', (error) => resolve({ ok: false, output: error.message }));
    child.on('close', (code) => {
      if (code !== 0) return resolve({ ok: false, output: stderr || `kod wyjścia ${code}` });
      try {
        const { pages, milliseconds, notes } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { pages: number; milliseconds: number; notes?: string[] };
        resolve({ ok: true, pages, milliseconds, notes: notes ?? [] });
      } catch {
        resolve({ ok: false, output: stdout.slice(-2_000) });
      }
    });
  });
}
