/**
 * Retention on PGlite and PostgreSQL: the scheduled job deletes the personal
 * data of a programme 90 days (RETENTION_DAYS) after its last event — and of
 * unconfirmed applications whose link expired — keeping every row's status,
 * code and timestamps, so counts by status stay as they were; emails still
 * queued for those people go with their data; programmes within the period,
 * and programmes the public files do not know (within their grace period,
 * see staff-unpublished.test.ts), are left alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { enqueueEmail } from '../../src/mail/outbox.ts';
import { composeEmail } from '../../src/mail/template.ts';
import { filePublicData } from '../../src/notices/public-data.ts';
import { runScheduledJobs } from '../../src/notices/run.ts';
import { engines, type TestDatabase } from '../support/databases.ts';
import { storeApplication, writeSiteFiles, type Status, type WrittenEvent } from '../support/notices-site.ts';

const day = 86_400_000;
const now = new Date('2026-09-01T10:00:00Z');
const links = createLinkSigner(Buffer.from('retention-test-secret-retention-test-secret'), 'https://wspolnie.example');
const ago = (days: number) => new Date(now.getTime() - days * day);
const personal = ['email', 'name', 'district', 'phone', 'age_band', 'organisation', 'message'];

const event = (id: string, programme: string, endedDaysAgo: number, extra: Partial<WrittenEvent> = {}): WrittenEvent => ({
  id,
  title: `Warsztat ${id}`,
  programme,
  kind: 'workshop',
  start: new Date(ago(endedDaysAgo).getTime() - 4 * 3_600_000).toISOString(),
  end: ago(endedDaysAgo).toISOString(),
  status: 'planned',
  place: { address: 'ul. Reymonta 20, Kraków' },
  page: `/wydarzenia/${id}/`,
  ...extra,
});

describe.each(engines)('retention on $name', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let root: string;

  beforeAll(async () => {
    t = await engine.create();
    db = t.db;
    root = await mkdtemp(join(tmpdir(), 'wspolnie-retencja-'));
    await writeSiteFiles(root, {
      programmes: [
        { id: 'stary', title: 'Program zakończony' },
        { id: 'stary-czesc', title: 'Część zakończonego', parent: 'stary' },
        { id: 'swiezy', title: 'Program świeżo zakończony' },
        { id: 'bez-wydarzen', title: 'Program bez wydarzeń' },
        { id: 'rodzic', title: 'Program z trwającą częścią' },
        { id: 'rodzic-czesc', title: 'Trwająca część', parent: 'rodzic' },
      ],
      events: [
        event('s1', 'stary', 120),
        event('s2', 'stary-czesc', 91, { status: 'cancelled', statusReason: 'Brak sali.', statusDecidedOn: '2026-05-01' }),
        event('f1', 'swiezy', 200),
        event('f2', 'swiezy', 89),
        event('r1', 'rodzic', 300),
        event('r2', 'rodzic-czesc', 10),
      ],
      closes: { stary: ago(200), 'bez-wydarzen': ago(95), swiezy: ago(250), rodzic: ago(400) },
    });
  });
  afterAll(async () => {
    await Promise.all([t?.dispose(), root && rm(root, { recursive: true, force: true })]);
  });
  beforeEach(() => db.exec('TRUNCATE outbox, applications, event_snapshots CASCADE'));

  const countsByStatus = async () =>
    (await db.query<{ programme_id: string; status: string; n: number }>('SELECT programme_id, status, count(*)::int AS n FROM applications GROUP BY 1, 2 ORDER BY 1, 2')).rows;
  const rowsOf = async (programme: string) =>
    (await db.query(`SELECT id, registration_code, status, created_at, confirmed_at, erased_at, ${personal.join(', ')} FROM applications WHERE programme_id = $1 ORDER BY registration_code`, [programme])).rows;

  async function fill(programme: string, statuses: Status[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, status] of statuses.entries()) {
      const stored = await storeApplication(db, programme, status, `${programme}.${i}@example.pl`, ago(150));
      await db.query(`UPDATE applications SET district = 'XIII', organisation = 'Stowarzyszenie', message = 'Dzień dobry' WHERE id = $1 AND status <> 'withdrawn'`, [stored.id]);
      ids.push(stored.id);
    }
    return ids;
  }

  it('erases a programme’s personal data 90 days after its last event, keeping codes and counts, and leaves the others alone', async () => {
    const everyState: Status[] = ['confirmed', 'accepted', 'waitlisted', 'withdrawn', 'confirmed'];
    const old = await fill('stary', everyState);
    await fill('stary-czesc', ['confirmed', 'accepted']);
    await fill('swiezy', everyState);
    await fill('bez-wydarzen', ['confirmed', 'accepted']);
    await fill('rodzic', ['confirmed']);
    await fill('nieznany', ['confirmed']);
    // Emails still waiting for people of the finished programme: queued, and failed (which keeps the address).
    await db.transaction(async (tx) => {
      const content = composeEmail('Test', [{ paragraph: 'Treść' }]);
      await enqueueEmail(tx, { ...content, kind: 'event-change', dedupeKey: `event-change:${old[0]}:s1:1:abc`, to: 'stary.0@example.pl' }, ago(1));
      await enqueueEmail(tx, { ...content, kind: 'application-confirmed', dedupeKey: `application-confirmed:${old[1]}`, to: 'stary.1@example.pl' }, ago(1));
    });
    await db.query(`UPDATE outbox SET status = 'failed', attempts = 10 WHERE dedupe_key LIKE 'application-confirmed:%'`);
    const before = await countsByStatus();
    const codesBefore = (await rowsOf('stary')).map((r) => r['registration_code']);
    const untouched = await Promise.all(['swiezy', 'rodzic', 'nieznany'].map(rowsOf));

    const report = await runScheduledJobs({ db, publicData: filePublicData(root), links, siteUrl: 'https://wspolnie.example', now: () => now, retentionDays: 90 });
    // stary: 4 live rows; its sub-programme: 2; the programme without events (95 days after sign-ups closed): 2.
    expect(report.retention).toEqual({ erased: 8, expiredUnconfirmed: 0, emailsDeleted: 2, unknownProgrammes: 1 });

    expect(await countsByStatus()).toEqual(before);
    const after = await rowsOf('stary');
    expect(after.map((r) => r['registration_code'])).toEqual(codesBefore);
    for (const row of [...after, ...(await rowsOf('stary-czesc')), ...(await rowsOf('bez-wydarzen'))]) {
      for (const column of personal) expect(row[column], `${String(row['status'])} ${column}`).toBeNull();
      expect(row['created_at']).toBeInstanceOf(Date);
      if (row['status'] !== 'withdrawn') expect(row['erased_at']).toEqual(now);
    }
    expect((await db.query('SELECT count(*)::int AS n FROM outbox')).rows[0]?.['n']).toBe(0);
    // Within the period (89 days after its last event; a sub-programme's event 10 days ago), or unknown: as they were.
    expect(await Promise.all(['swiezy', 'rodzic', 'nieznany'].map(rowsOf))).toEqual(untouched);

    // Again: nothing left to do.
    const again = await runScheduledJobs({ db, publicData: filePublicData(root), links, siteUrl: 'https://wspolnie.example', now: () => now, retentionDays: 90 });
    expect(again.retention).toEqual({ erased: 0, expiredUnconfirmed: 0, emailsDeleted: 0, unknownProgrammes: 1 });
  });

  it('honours a shorter RETENTION_DAYS', async () => {
    await fill('swiezy', ['confirmed']);
    const report = await runScheduledJobs({ db, publicData: filePublicData(root), links, siteUrl: 'https://wspolnie.example', now: () => now, retentionDays: 30 });
    expect(report.retention.erased).toBe(1);
  });

  it('erases an unconfirmed application once its link expired, with its queued email, and keeps one still valid', async () => {
    const [expired, valid] = await fill('rodzic', ['pending', 'pending']);
    await db.query('UPDATE applications SET confirmation_expires_at = $2 WHERE id = $1', [expired, ago(1)]);
    await db.query('UPDATE applications SET confirmation_expires_at = $2 WHERE id = $1', [valid, new Date(now.getTime() + day)]);
    await db.transaction((tx) => enqueueEmail(tx, { ...composeEmail('Potwierdź', [{ paragraph: 'x' }]), kind: 'confirm-application', dedupeKey: `confirm-application:${expired}`, to: 'rodzic.0@example.pl' }, ago(3)));
    const report = await runScheduledJobs({ db, publicData: filePublicData(root), links, siteUrl: 'https://wspolnie.example', now: () => now, retentionDays: 90 });
    expect(report.retention).toMatchObject({ erased: 0, expiredUnconfirmed: 1, emailsDeleted: 1 });
    const rows = await rowsOf('rodzic');
    const gone = rows.find((r) => r['id'] === expired)!;
    const kept = rows.find((r) => r['id'] === valid)!;
    expect(gone).toMatchObject({ status: 'pending', email: null, name: null, erased_at: now });
    expect(kept).toMatchObject({ status: 'pending', email: 'rodzic.1@example.pl', erased_at: null });
  });

  it('the database refuses a live row without an address and an erased row with data', async () => {
    const [id] = await fill('rodzic', ['confirmed']);
    await expect(db.query('UPDATE applications SET email = NULL WHERE id = $1', [id])).rejects.toMatchObject({ constraint: 'applications_personal_data_only_while_live' });
    await expect(db.query('UPDATE applications SET erased_at = now() WHERE id = $1', [id])).rejects.toMatchObject({ constraint: 'applications_personal_data_only_while_live' });
  });

  it('does nothing when the public files cannot be read', async () => {
    await fill('stary', ['confirmed']);
    const missing = join(root, 'nie-ma');
    await expect(runScheduledJobs({ db, publicData: filePublicData(missing), links, siteUrl: 'https://wspolnie.example', now: () => now, retentionDays: 90 })).rejects.toThrow(/brak pliku \/dane\/wydarzenia\.json/);
    expect((await rowsOf('stary'))[0]).toMatchObject({ email: 'stary.0@example.pl', erased_at: null });
  });
});
