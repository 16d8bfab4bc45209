/**
 * The database contract, on PGlite and on a real PostgreSQL 15: the same
 * migrations, the same SQL, the same answers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migrate, readMigrations } from '../../src/db/migrations.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { storeApplication, type NewApplication } from '../../src/enrolment/applications.ts';
import { engines, type TestDatabase } from '../support/databases.ts';

const now = new Date('2026-03-02T09:00:00Z');
const options = { now, confirmationTtlMs: 48 * 3_600_000 };
const application = (email: string, programmeId = 'zielone-podworka'): NewApplication => ({
  programmeId,
  email,
  name: 'Zażółć Gęślą-Jaźń',
  district: 'I Stare Miasto',
  declarations: ['all-workshops'],
});

describe.each(engines)('database on $name', (engine) => {
  // One migrated database for the suite, emptied before each test: creating
  // a PGlite database takes seconds, emptying it milliseconds.
  let shared: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    shared = await engine.create();
    db = shared.db;
  });
  afterAll(() => shared?.dispose());
  beforeEach(() => db.exec('TRUNCATE applications, outbox, programme_places CASCADE'));

  it('applies the migrations once, then again as a no-op, even when started together', async () => {
    const fresh = await engine.create({ migrate: false });
    try {
      await migrateConcurrently(fresh);
    } finally {
      await fresh.dispose();
    }
  });

  async function migrateConcurrently({ db, location }: TestDatabase) {
    const migrations = await readMigrations();
    expect(migrations.map((m) => m.version)).toContain('0001');
    // Several processes starting at once: on PostgreSQL separate pools, on PGlite calls on the one handle.
    const others: Database[] = engine.name === 'PostgreSQL' ? [openPostgres(location), openPostgres(location)] : [db, db];
    try {
      const runs = await Promise.all([db, ...others].map((handle) => migrate(handle, migrations)));
      expect(runs.flat()).toEqual(migrations.map((m) => m.version));
    } finally {
      if (engine.name === 'PostgreSQL') await Promise.all(others.map((o) => o.close()));
    }
    expect(await migrate(db, migrations)).toEqual([]);
    const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  }

  it('refuses a migration edited after it was applied', async () => {
    const edited = (await readMigrations()).map((m) => ({ ...m, sql: `${m.sql}\n-- edited` }));
    await expect(migrate(db, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => storeApplication(tx, application('ok@example.pl'), options));
    await expect(
      db.transaction(async (tx) => {
        await storeApplication(tx, application('rolled-back@example.pl'), options);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query<{ email: string }>('SELECT email FROM applications');
    expect(rows.map((r) => r.email)).toEqual(['ok@example.pl']);
  });

  it('keeps one live application per address and programme, ignoring case', async () => {
    const store = (email: string, programme?: string) => db.transaction((tx) => storeApplication(tx, application(email, programme), options));
    const first = await store('Jan.Kowalski@Example.pl');
    expect(first.kind).toBe('stored');
    expect(await store(' jan.kowalski@example.PL ')).toEqual({ kind: 'duplicate-email' });
    expect((await store('jan.kowalski@example.pl', 'inny-program')).kind).toBe('stored');
    if (first.kind !== 'stored') return;
    // A withdrawal erases the personal data (the schema insists), leaving the code.
    await db.query(
      `UPDATE applications SET status = 'withdrawn', withdrawn_at = now(),
         email = NULL, name = NULL, district = NULL, phone = NULL, age_band = NULL, organisation = NULL, message = NULL
       WHERE id = $1`,
      [first.id],
    );
    expect((await store('jan.kowalski@example.pl')).kind).toBe('stored');
  });

  it('stores what the person gave, Polish intact, with a public code and only a token hash', async () => {
    const stored = await db.transaction((tx) => storeApplication(tx, application('łucja@example.pl'), options));
    if (stored.kind !== 'stored') throw new Error('not stored');
    const { rows } = await db.query('SELECT * FROM applications WHERE id = $1', [stored.id]);
    const row = rows[0] ?? {};
    expect(row).toMatchObject({
      programme_id: 'zielone-podworka',
      registration_code: stored.registrationCode,
      status: 'pending',
      email: 'łucja@example.pl',
      name: 'Zażółć Gęślą-Jaźń',
      district: 'I Stare Miasto',
      phone: null,
      declarations: ['all-workshops'],
    });
    expect(row['created_at']).toEqual(now);
    expect(row['confirmation_expires_at']).toEqual(new Date(now.getTime() + options.confirmationTtlMs));
    expect(JSON.stringify(row)).not.toContain(stored.confirmationToken);
  });

  it('refuses a withdrawn row that still holds personal data, and a live one without an address', async () => {
    const stored = await db.transaction((tx) => storeApplication(tx, application('b@example.pl'), options));
    if (stored.kind !== 'stored') throw new Error('not stored');
    await expect(db.query(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [stored.id])).rejects.toMatchObject({ code: '23514', constraint: 'applications_personal_data_only_while_live' });
    await expect(db.query(`UPDATE applications SET email = NULL WHERE id = $1`, [stored.id])).rejects.toMatchObject({ code: '23514' });
  });

  it('rejects statuses and codes outside the schema', async () => {
    const stored = await db.transaction((tx) => storeApplication(tx, application('a@example.pl'), options));
    if (stored.kind !== 'stored') throw new Error('not stored');
    await expect(db.query(`UPDATE applications SET status = 'lost' WHERE id = $1`, [stored.id])).rejects.toMatchObject({ code: '23514' });
    await expect(db.query(`UPDATE applications SET registration_code = 'OOOO-1111' WHERE id = $1`, [stored.id])).rejects.toMatchObject({ code: '23514' });
  });

  it('never puts query parameters (personal data) on its errors', async () => {
    const error = await db.query('INSERT INTO applications (programme_id, email) VALUES ($1, $2)', ['p', 'tajny@example.pl']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23502' });
    expect(JSON.stringify(error)).not.toContain('tajny@example.pl');
    expect(String((error as Error).stack)).not.toContain('tajny@example.pl');
  });
});
