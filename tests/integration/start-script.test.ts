/**
 * `npm start` as a process: it listens where PORT says, serves the site and
 * the sign-up functions with the security headers, stops cleanly on SIGTERM
 * and SIGINT (exit 0, the database folder released for the next start, the
 * sign-up kept), keeps all its local state (database, outbox, link key) in
 * WSPOLNIE_DATA_DIR and names those folders at start, and in production
 * refuses to start without its link key.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.ts';
import type { CatalogueFile } from '../../src/catalogue/catalogue.ts';
import { freePort } from '../support/free-port.ts';

const script = new URL('../../scripts/start.ts', import.meta.url).pathname;
/** The project's own data folder: what `npm start` uses with no WSPOLNIE_DATA_DIR (the tests run from the project root). */
const projectData = fileURLToPath(new URL('../../.data/', import.meta.url));
let dir: string;
/** WSPOLNIE_DATA_DIR of the first test. */
let data: string;

const catalogue: CatalogueFile = {
  generatedAt: new Date().toISOString(),
  entries: [{
    id: 'spacer',
    kind: 'programme',
    title: 'Spacer badawczy',
    page: '/programy/spacer/',
    closedEarly: false,
    enrolment: { opens: new Date(Date.now() - 86_400_000).toISOString(), closes: new Date(Date.now() + 86_400_000).toISOString(), mode: 'open', fields: [] },
  }],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wspolnie-start-'));
  data = join(dir, 'data');
  await mkdir(join(dir, 'site/dane'), { recursive: true });
  await writeFile(join(dir, 'site/index.html'), '<!doctype html><html lang="pl"><title>Wspólnie</title><h1>Wspólnie</h1></html>');
  await writeFile(join(dir, 'site/404.html'), '<!doctype html><title>Nie znaleziono</title>');
  await writeFile(join(dir, 'site/dane/zapisy.json'), JSON.stringify(catalogue));
  // A PGlite folder already initialised (initdb in WebAssembly is slow); the start script migrates it.
  await cp(inject('pgliteTemplate'), join(data, 'pglite'), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>, args = ['--no-build', '--no-cms']): Started {
  let output = '';
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      PATH: process.env['PATH'] ?? '',
      HOST: '127.0.0.1',
      WSPOLNIE_SITE_DIR: join(dir, 'site'),
      WSPOLNIE_DATA_DIR: data,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function ready(started: Started): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!started.output().includes('Wspólnie działa')) {
    if (started.child.exitCode !== null || Date.now() > deadline) throw new Error(`did not start:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start', () => {
  it('listens on PORT, serves the site and the functions, and stops cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const port = await freePort();
      const started = start({ PORT: String(port) });
      await ready(started);
      expect(started.output()).toContain(`Wspólnie działa: http://127.0.0.1:${port}/`);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      const email = `start-${signal.toLowerCase()}@example.pl`;
      const signUp = await fetch(`http://127.0.0.1:${port}/api/zapisy`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ programme: 'spacer', email, consent: 'tak' }),
      });
      expect(signUp.status).toBe(202);
      // The local mail sink prints the subject and the links, never the address.
      await expect.poll(() => started.output(), { timeout: 10_000 }).toContain('Potwierdź zgłoszenie: Spacer badawczy');
      expect(started.output()).not.toContain(email);

      started.child.kill(signal);
      expect(await started.exited).toBe(0);
      expect(started.output()).toContain(`Zatrzymuję (${signal})`);
      expect(existsSync(join(data, 'pglite.lock'))).toBe(false);
    }
    // Both sign-ups were kept, and the folder opens again at once.
    const db = await openPglite(join(data, 'pglite'));
    try {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE programme_id = 'spacer'`);
      expect(rows[0]?.n).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('keeps the database, the outbox and the link key in WSPOLNIE_DATA_DIR, names them at start, and creates nothing in the project\'s .data', async () => {
    const fresh = join(dir, 'fresh'); // not there yet, as on a first start
    const email = 'start-data-dir@example.pl';
    const projectBefore = localState(projectData);
    const port = await freePort();
    const started = start({ PORT: String(port), WSPOLNIE_DATA_DIR: fresh });
    await ready(started);
    const pid = String(started.child.pid);
    try {
      // The banner names the folders really used; the start script prints describeDataPaths().
      expect(started.output()).toContain(`Baza danych: PGlite w ${join(fresh, 'pglite')}`);
      expect(started.output()).toContain(`Poczta: pliki .eml w ${join(fresh, 'outbox')}`);
      expect(started.output()).toContain(`Klucz linków: plik ${join(fresh, 'secret')}`);

      expect(existsSync(join(fresh, 'pglite/PG_VERSION'))).toBe(true);
      expect(readFileSync(join(fresh, 'pglite.lock'), 'utf8').trim()).toBe(pid);
      const secret = readFileSync(join(fresh, 'secret'), 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(statSync(join(fresh, 'secret')).mode & 0o777).toBe(0o600);

      const signUp = await fetch(`http://127.0.0.1:${port}/api/zapisy`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ programme: 'spacer', email, consent: 'tak' }),
      });
      expect(signUp.status).toBe(202);
      await expect.poll(() => started.output(), { timeout: 10_000 }).toContain(`zapisana w ${join(fresh, 'outbox')}/`);
      const emails = readdirSync(join(fresh, 'outbox'));
      expect(emails).toEqual([expect.stringMatching(/\.eml$/)]);
      expect(readFileSync(join(fresh, 'outbox', emails[0]!), 'utf8')).toContain(`To: ${email}`);

      expect(started.output()).not.toContain(secret);
      // While it runs, the project's own database is not the one held.
      expect(existsSync(join(projectData, 'pglite.lock')) && readFileSync(join(projectData, 'pglite.lock'), 'utf8').trim()).not.toBe(pid);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
    expect(existsSync(join(fresh, 'pglite.lock'))).toBe(false);

    // Nothing of this run in the project's .data: no part created there, no email to this address.
    const projectAfter = localState(projectData);
    for (const part of ['pglite', 'pglite.lock', 'outbox', 'secret', 'site'] as const) {
      if (!projectBefore.parts.includes(part)) expect(projectAfter.parts).not.toContain(part);
    }
    for (const file of projectAfter.emails) expect(readFileSync(join(projectData, 'outbox', file), 'utf8')).not.toContain(email);
  });

  it('refuses an unknown option in Polish, exits 2 and starts nothing; --help lists the options', async () => {
    const port = await freePort();
    const started = start({ PORT: String(port) }, ['--no-build', '--bez-cms']);
    expect(await started.exited).toBe(2);
    expect(started.output().trim()).toBe('Nieznana opcja --bez-cms. Zobacz: npm start -- --help');
    const help = start({ PORT: String(port) }, ['--help']);
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain('--no-watch');
    expect(help.output()).toContain('--no-cms');
  });

  it('refuses to start in production without WSPOLNIE_SECRET, saying so in Polish', async () => {
    const started = start({ PORT: String(await freePort()), NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:1' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('Brak WSPOLNIE_SECRET: w środowisku produkcyjnym ustaw ten klucz');
    expect(started.output()).not.toMatch(/\n\s+at /);
  });
});

/** Which parts of local state a data folder holds, and the emails in its outbox. */
function localState(root: string): { parts: string[]; emails: string[] } {
  const list = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);
  return { parts: list(root), emails: list(join(root, 'outbox')).filter((name) => name.endsWith('.eml')) };
}
