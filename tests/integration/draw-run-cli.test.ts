/**
 * `npm run draw -- run` as an operator of a self-hosted installation runs
 * it: the real script in a child process, on a real PostgreSQL database and
 * a built catalogue file. Refusals are Polish sentences without a stack
 * trace; the draw runs once, as the named staff member, and is audited.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProtocol } from '../../src/draw/verify.ts';
import type { CatalogueFile } from '../../src/catalogue/catalogue.ts';
import { newRegistrationCode } from '../../src/enrolment/registration-code.ts';
import { postgresEngine, type TestDatabase } from '../support/databases.ts';

const script = new URL('../../scripts/draw.ts', import.meta.url).pathname;
const hour = 3_600_000;
const closes = new Date(Date.now() - 72 * hour);
const staffEmail = 'koordynatorka@krakow.example';

let database: TestDatabase;
let siteDir: string;

interface Run { code: number; stdout: string; stderr: string }

function draw(...args: string[]): Promise<Run> {
  const env = { PATH: process.env['PATH'], DATABASE_URL: database.location, WSPOLNIE_SITE_DIR: siteDir, WSPOLNIE_SECRET: 'cli-test-secret-cli-test-secret-cli-test-0123', SITE_URL: 'https://wspolnie.example', STAFF_EMAILS: staffEmail };
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 60_000, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const noTrace = (run: Run) => expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |node:internal/);

beforeAll(async () => {
  database = await postgresEngine.create();
  siteDir = await mkdtemp(join(tmpdir(), 'wspolnie-draw-run-'));
  const catalogue: CatalogueFile = {
    generatedAt: new Date().toISOString(),
    entries: [
      {
        id: 'spacer-z-losowaniem',
        kind: 'programme',
        title: 'Spacer badawczy z losowaniem',
        page: '/programy/spacer-z-losowaniem/',
        closedEarly: false,
        enrolment: {
          opens: new Date(closes.getTime() - 240 * hour).toISOString(),
          closes: closes.toISOString(),
          mode: 'lottery',
          capacity: 3,
          declarations: [],
          fields: ['name'],
          messageMaxLength: 1000,
          drawSources: [{ description: 'Wyniki losowania Lotto z dnia losowania (6 liczb)', kind: 'numbers' }],
          drawDate: new Date(closes.getTime() + 30 * hour).toISOString(),
        },
      },
    ],
  };
  await mkdir(join(siteDir, 'dane'), { recursive: true });
  await writeFile(join(siteDir, 'dane/zapisy.json'), JSON.stringify(catalogue));
  for (let i = 0; i < 5; i++) {
    await database.db.query(`INSERT INTO applications (programme_id, registration_code, status, email, confirmed_at) VALUES ('spacer-z-losowaniem', $1, 'confirmed', $2, $3)`, [newRegistrationCode(), `osoba${i}@example.pl`, closes]);
  }
}, 60_000);
afterAll(async () => {
  await database?.dispose();
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

describe('npm run draw -- run', () => {
  it('refuses, in Polish, a wrong number of values, an unknown programme and an address not on the staff list', async () => {
    const missing = await draw('run', 'spacer-z-losowaniem', '--staff', staffEmail);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Program ogłosił 1 źródło losowości; podaj tyle samo opcji --value');
    const unknown = await draw('run', 'nie-ma-takiego', '--staff', staffEmail, '--value', '1 2 3 4 5 6');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Nie ma programu z losowaniem o identyfikatorze „nie-ma-takiego”');
    const stranger = await draw('run', 'spacer-z-losowaniem', '--staff', 'ktos@example.pl', '--value', '1 2 3 4 5 6');
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('nie jest na liście pracowników');
    const bad = await draw('run', 'spacer-z-losowaniem', '--staff', staffEmail, '--value', '1 2 trzy');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('„trzy” nie jest liczbą');
    for (const run of [missing, unknown, stranger, bad]) noTrace(run);
    const { rows } = await database.db.query('SELECT count(*)::int AS n FROM draws');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('refuses a value that can mean two things, showing the key part of each reading, and runs nothing', async () => {
    const comma = await draw('run', 'spacer-z-losowaniem', '--staff', staffEmail, '--value', '45 9 18 26 34,41');
    expect(comma.code).toBe(2);
    expect(comma.stderr).toContain('Źródło 1: Wyniki losowania Lotto z dnia losowania (6 liczb): „34,41” w „45 9 18 26 34,41”: przecinek między cyframi');
    expect(comma.stderr).toContain('(część klucza „9.18.26.34.41.45./”)');
    expect(comma.stderr).toContain('liczby 45, 9, 18, 26 i 34.41 (część klucza „9.18.26.34.4145./”)');
    const thousands = await draw('run', 'spacer-z-losowaniem', '--staff', staffEmail, '--value', '1 234');
    expect(thousands.code).toBe(2);
    expect(thousands.stderr).toContain('liczby 1 i 234 (część klucza „1.234./”) czy liczba 1234 (część klucza „1234./”)?');
    for (const run of [comma, thousands]) noTrace(run);
    const { rows } = await database.db.query('SELECT count(*)::int AS n FROM draws');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('draws once as the named staff member, audited; the protocol verifies; a second run is refused', async () => {
    const run = await draw('run', 'spacer-z-losowaniem', '--staff', staffEmail, '--value', '45 9 18 26 34 41');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Losowanie przeprowadzone: miejsca dostały 3 osoby, na liście rezerwowej: 2.');
    expect(run.stdout).toContain('Klucz: 9.18.26.34.41.45./');
    expect(run.stdout).toContain('https://wspolnie.example/losowania/spacer-z-losowaniem/');

    const { rows } = await database.db.query<{ protocol: unknown }>(`SELECT protocol FROM draws WHERE programme_id = 'spacer-z-losowaniem'`);
    expect(verifyProtocol(rows[0]!.protocol, { sourceValues: ['9 18 26 34 41 45'] }).ok).toBe(true);
    // `verify --source` reads a checked value the same way: one that can mean two things is a finding, not a guess.
    const protocolFile = join(siteDir, 'protokol.json');
    await writeFile(protocolFile, JSON.stringify(rows[0]!.protocol));
    expect((await draw('verify', protocolFile, '--source', '1=9, 18, 26, 34, 41, 45')).code).toBe(0);
    const ambiguous = await draw('verify', protocolFile, '--source', '1=9 18 26 34 41,45');
    expect(ambiguous).toMatchObject({ code: 2, stdout: '' });
    expect(ambiguous.stderr).toContain('podanej do sprawdzenia wartości nie da się odczytać: „41,45” w „9 18 26 34 41,45”');
    expect(ambiguous.stderr).not.toContain('Protokół niezgodny');
    const { rows: audit } = await database.db.query(`SELECT s.email, a.action FROM audit_log a JOIN staff s ON s.id = a.staff_id`);
    expect(audit).toEqual([{ email: staffEmail, action: 'draw' }]);
    const { rows: queued } = await database.db.query(`SELECT kind, count(*)::int AS n FROM outbox GROUP BY kind`);
    expect(queued).toEqual([{ kind: 'draw-result', n: 5 }]);

    const again = await draw('run', 'spacer-z-losowaniem', '--staff', staffEmail, '--value', '1 2 3 4 5 6');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('To losowanie już się odbyło');
    noTrace(again);
  });
});
