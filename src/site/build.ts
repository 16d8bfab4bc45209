/**
 * One build of the site into a given folder: `astro build --outDir <folder>`
 * in a child process, so that each build starts from a clean module graph
 * and a failing one cannot take the server down with it.
 */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { cataloguePath } from '../catalogue/catalogue.ts';
import { eventsPath } from '../notices/events-file.ts';

export interface BuildOptions {
  /** The project (astro.config.mjs, src/, public/). */
  projectRoot: string;
  /** An empty folder the build writes into. */
  outDir: string;
  /** Added to the server's environment for the build: SITE_URL, CMS_LOCAL_BACKEND_URL, … */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `output`: the end of what the build printed (its warnings on success, its errors on failure). */
export type BuildResult = { ok: boolean; durationMs: number; output: string };

/** The last part of the build's output kept for the explanation: errors come last. */
const keptOutputChars = 64 * 1024;

/** Files without which a folder is not a site the server and the functions can use. */
const requiredFiles = ['index.html', '404.html', cataloguePath.slice(1), eventsPath.slice(1)];

/** Runs the build; resolves (never rejects) with its outcome and, on failure, its output. */
export function buildSite({ projectRoot, outDir, env = {} }: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-keptOutputChars);
    };
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: projectRoot,
      // Plain text: the explanation is read from it.
      env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ ok: false, durationMs: performance.now() - started, output: `${output}\n${error.message}` }));
    child.on('close', async (code) => {
      const durationMs = performance.now() - started;
      if (code !== 0) return resolve({ ok: false, durationMs, output });
      for (const file of requiredFiles) {
        try {
          await access(join(outDir, file));
        } catch {
          return resolve({ ok: false, durationMs, output: `${output}\nBudowanie zakończyło się, ale brak pliku ${file}.` });
        }
      }
      resolve({ ok: true, durationMs, output });
    });
  });
}
