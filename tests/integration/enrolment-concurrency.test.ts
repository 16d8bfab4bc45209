/**
 * Sign-ups under load, on PGlite and PostgreSQL: every acknowledged
 * submission is stored with its email queued, nothing else is; and a
 * first-come programme accepts exactly its capacity however many people
 * confirm at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { storeApplication, type StoreResult } from '../../src/enrolment/applications.ts';
import { confirmWithCapacity, type ConfirmOutcome } from '../../src/enrolment/capacity.ts';
import { enqueueEmail } from '../../src/mail/outbox.ts';
import { composeEmail } from '../../src/mail/template.ts';
import { engines, type TestDatabase } from '../support/databases.ts';

const now = new Date('2026-03-02T09:00:00Z');

/** What the sign-up function will do: store the application and queue its email, in one transaction. */
function submit(db: Database, programmeId: string, email: string): Promise<StoreResult> {
  return db.transaction(async (tx) => {
    const result = await storeApplication(tx, { programmeId, email, name: 'Bożena Ćwik', declarations: [] }, { now, confirmationTtlMs: 3_600_000 });
    if (result.kind === 'stored') {
      const content = composeEmail('Potwierdź zgłoszenie', [{ link: `https://wspolnie.example/potwierdz?t=${result.confirmationToken}`, label: 'Potwierdź' }]);
      await enqueueEmail(tx, { ...content, kind: 'confirm-application', dedupeKey: `confirm-application:${result.id}`, to: email }, now);
    }
    return result;
  });
}

async function pendingApplications(db: Database, programmeId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await submit(db, programmeId, `osoba${i}@example.pl`);
    if (result.kind !== 'stored') throw new Error('not stored');
    ids.push(result.id);
  }
  return ids;
}

const count = async (db: Database, sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params)).rows[0]?.n;

describe.each(engines)('sign-ups under concurrency on $name', (engine) => {
  let t: TestDatabase;
  // 20 connections: enough for real contention on PostgreSQL, within the test server's 200.
  beforeAll(async () => {
    t = await engine.create({ maxConnections: 20 });
  });
  afterAll(() => t?.dispose());

  it('keeps exactly the 500 simultaneous submissions it acknowledged, each with one email queued', async () => {
    // 450 addresses; 50 people submit twice, once in capitals, all at the same moment.
    const emails = Array.from({ length: 500 }, (_, i) => (i < 450 ? `mieszkaniec${i}@example.pl` : `MIESZKANIEC${i - 450}@EXAMPLE.PL`));
    const results = await Promise.allSettled(emails.map((email) => submit(t.db, 'tlum', email)));

    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toEqual([]);
    const stored = results.flatMap((r) => (r.status === 'fulfilled' && r.value.kind === 'stored' ? [r.value] : []));
    const duplicates = results.filter((r) => r.status === 'fulfilled' && r.value.kind === 'duplicate-email');
    expect(stored).toHaveLength(450);
    expect(duplicates).toHaveLength(50);

    const { rows } = await t.db.query<{ id: string; registration_code: string }>(`SELECT id, registration_code FROM applications WHERE programme_id = 'tlum'`);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(stored.map((s) => s.id)));
    expect(new Set(rows.map((r) => r.registration_code))).toEqual(new Set(stored.map((s) => s.registrationCode)));
    expect(await count(t.db, `FROM outbox WHERE dedupe_key = ANY($1)`, [stored.map((s) => `confirm-application:${s.id}`)])).toBe(450);
    expect(await count(t.db, `FROM outbox`)).toBe(450);
  });

  it('accepts exactly 60 of 200 simultaneous confirmations for 60 places', async () => {
    const ids = await pendingApplications(t.db, 'warsztaty-60', 200);
    const outcomes = await Promise.all(ids.map((applicationId) => t.db.transaction((tx) => confirmWithCapacity(tx, { applicationId, capacity: 60, now }))));

    const tally = (kind: ConfirmOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
    expect(tally('accepted')).toBe(60);
    expect(tally('waitlisted')).toBe(140);
    expect(await count(t.db, `FROM applications WHERE programme_id = 'warsztaty-60' AND status = 'accepted'`)).toBe(60);
    expect(await count(t.db, `FROM applications WHERE programme_id = 'warsztaty-60' AND status = 'waitlisted'`)).toBe(140);
    // What each person was told is what the database holds.
    const { rows } = await t.db.query<{ id: string; status: string }>(`SELECT id, status FROM applications WHERE programme_id = 'warsztaty-60'`);
    const status = new Map(rows.map((r) => [r.id, r.status]));
    ids.forEach((id, i) => expect(status.get(id)).toBe(outcomes[i]?.kind));
  });

  it('counts one confirmation however many times the same link is clicked at once', async () => {
    const [id = ''] = await pendingApplications(t.db, 'podwojne-klikniecie', 1);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => t.db.transaction((tx) => confirmWithCapacity(tx, { applicationId: id, capacity: 5, now }))));
    expect(outcomes.filter((o) => o.kind === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'not-pending')).toHaveLength(19);
  });

  it('keeps programmes apart: confirmations for one do not use another one’s places', async () => {
    const a = await pendingApplications(t.db, 'program-a', 10);
    const b = await pendingApplications(t.db, 'program-b', 10);
    const confirm = (applicationId: string) => t.db.transaction((tx) => confirmWithCapacity(tx, { applicationId, capacity: 3, now }));
    await Promise.all([...a, ...b].map(confirm));
    expect(await count(t.db, `FROM applications WHERE programme_id = 'program-a' AND status = 'accepted'`)).toBe(3);
    expect(await count(t.db, `FROM applications WHERE programme_id = 'program-b' AND status = 'accepted'`)).toBe(3);
    expect(await confirm('00000000-0000-0000-0000-000000000000')).toEqual({ kind: 'not-found' });
  });
});
