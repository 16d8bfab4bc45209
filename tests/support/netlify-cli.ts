/**
 * Netlify's own command-line tools (the `netlify-cli` dev dependency), run
 * offline against a throw-away copy of what a deploy is made of:
 * `functions/`, `src/`, `netlify.toml` (verbatim), `tsconfig.json` and
 * `package.json`, with node_modules linked. The copy's `npm run build` only
 * prints a line: the site build is tested elsewhere, and the test writes the
 * published folder (`dist/`) itself. The CLI's global settings live in a
 * folder of the copy (XDG_CONFIG_HOME) with telemetry off, so nothing is
 * written to the user's home and nothing is sent anywhere.
 *
 * `netlify dev` needs one internal flag offline: without
 * `--internal-disable-edge-functions` it downloads Deno for edge functions
 * (this project has none) and ends with "fetch failed".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './fixture-site.ts';
import { freePort } from './free-port.ts';

const netlifyBin = join(projectRoot, 'node_modules/netlify-cli/bin/run.js');

export interface NetlifyProject {
  root: string;
  /** The published folder (netlify.toml's `publish`), empty until the test writes it. */
  dist: string;
  /** The environment every CLI run gets: the caller's, the private settings folder, and `extra`. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

export async function createNetlifyProject(): Promise<NetlifyProject> {
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-netlify-'));
  for (const entry of ['functions', 'src', 'netlify.toml', 'tsconfig.json']) await cp(join(projectRoot, entry), join(root, entry), { recursive: true });
  const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  pkg.scripts['build'] = 'echo "Strona zbudowana wcześniej przez test (dist/)."';
  await writeFile(join(root, 'package.json'), JSON.stringify(pkg, null, 2));
  await symlink(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const dist = join(root, 'dist');
  await mkdir(dist);
  const config = join(root, '.config');
  await mkdir(join(config, 'netlify'), { recursive: true });
  await writeFile(join(config, 'netlify', 'config.json'), JSON.stringify({ telemetryDisabled: true }));
  return {
    root,
    dist,
    env: (extra = {}) => ({ ...process.env, XDG_CONFIG_HOME: config, ...extra }),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

function runCli(project: NetlifyProject, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // The CLI needs Node 22.13+: run it on the Node that runs the tests (the project's), not whatever `node` PATH finds first.
  return spawn(process.execPath, [netlifyBin, ...args], { cwd: project.root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Runs a CLI command to its end; its exit code and everything it printed (colours removed). */
export function runNetlify(project: NetlifyProject, args: string[], env = project.env()): Promise<{ code: number | null; output: string }> {
  const child = runCli(project, args, env);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output: plain(output) }));
  });
}

export interface NetlifyDev {
  /** `http://localhost:<port>`: static files and functions on one origin, as on Netlify. */
  origin: string;
  /** Everything it printed so far (the functions' log lines included). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `netlify dev --offline` serving `project.dist` and the functions,
 * with `extraEnv(origin)` in the environment the functions see, and
 * resolves once it is listening and has loaded every one of `functionNames`
 * (it prints "Loaded function <name>"); rejects with its output if it ends
 * first.
 */
export async function startNetlifyDev(project: NetlifyProject, functionNames: readonly string[], extraEnv: (origin: string) => Record<string, string> = () => ({})): Promise<NetlifyDev> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const args = ['dev', '--offline', '--internal-disable-edge-functions', '--dir', 'dist', '--port', String(port), '--no-open', '--skip-gitignore'];
  const child = runCli(project, args, project.env(extraEnv(origin)));
  let output = '';
  let exited = false;
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await gone;
  };
  const killOnExit = () => {
    if (!exited && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => {
    exited = true;
    process.off('exit', killOnExit);
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const text = plain(output);
      const loaded = new Set([...text.matchAll(/Loaded function ([\w-]+)/g)].map((m) => m[1]));
      if (text.includes('Local dev server ready') && functionNames.every((name) => loaded.has(name))) resolve();
    };
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      check();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.once('exit', (code) => reject(new Error(`netlify dev ended (${code}) before it was ready:\n${plain(output).slice(-4000)}`)));
  });
  return { origin, output: () => plain(output), stop };
}
