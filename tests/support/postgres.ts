/**
 * A real PostgreSQL server for the database tests (used by global-setup.ts).
 *
 * - TEST_DATABASE_URL set: use that server (it must allow CREATE DATABASE).
 * - Otherwise start a throw-away cluster from /usr/lib/postgresql/15/bin
 *   (POSTGRES_BIN overrides) in a temporary folder on a free port, and stop
 *   and delete it at the end. Postgres refuses to run as root, so as root it
 *   runs as the `postgres` user through runuser.
 * - Neither available: fail, naming the fix. The tests never skip silently.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const serverUser = 'postgres';

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

async function startCluster(): Promise<TestPostgres> {
  const bin = process.env['POSTGRES_BIN'] ?? '/usr/lib/postgresql/15/bin';
  if (!existsSync(join(bin, 'pg_ctl'))) {
    throw new Error(
      `The database tests need PostgreSQL 15 and found none: no ${bin}/pg_ctl and no TEST_DATABASE_URL. ` +
        'Install it (apt-get install postgresql-15; .ci/run does this) or point TEST_DATABASE_URL at a server where the user may CREATE DATABASE.',
    );
  }
  const asRoot = process.getuid?.() === 0;
  // As root, TMPDIR may point somewhere the postgres user cannot enter; /tmp it can.
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'wspolnie-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', serverUser], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', serverUser], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', serverUser, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
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
