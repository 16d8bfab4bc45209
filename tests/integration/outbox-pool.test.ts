/**
 * The outbox's SMTP pool under trouble (src/mail/outbox.ts, transport.ts):
 * two workers, each with its own pool of connections, deliver one queue at
 * the same time to a real SMTP server process that cuts every connection
 * after a few messages (in the middle of DATA, or right after a 250). Every
 * email arrives exactly once, under its own Message-ID, on PGlite and on
 * PostgreSQL (there the workers use separate connection pools, as two
 * processes would).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { deliverDue, enqueueEmails, type DeliveryReport, type QueuedEmail } from '../../src/mail/outbox.ts';
import { composeEmail } from '../../src/mail/template.ts';
import { createMailTransport, type ConfiguredTransport } from '../../src/mail/transport.ts';
import { engines, type TestDatabase } from '../support/databases.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const total = 240;
const t0 = new Date('2026-03-02T09:00:00Z');
// A failed attempt is due again exactly one second later (no jitter), so each round below is one retry step.
const retry = { policy: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 50 }, random: () => 1 };

const email = (n: number): QueuedEmail => ({
  ...composeEmail('Zmiana terminu: spacer po Nowej Hucie', [{ paragraph: `Dzień dobry! Wiadomość nr ${n}, zażółć gęślą jaźń.` }]),
  kind: 'notice',
  dedupeKey: `notice:pool-${n}`,
  to: `osoba.${n}@example.pl`,
});

describe.each(engines)('the outbox pool on $name, a server cutting connections', (engine) => {
  let t: TestDatabase;
  let second: Database;
  let sink: SmtpSink;
  const transports: ConfiguredTransport[] = [];
  beforeAll(async () => {
    [t, sink] = await Promise.all([engine.create(), createSmtpSink({ dropAfter: 7 })]);
    second = engine.name === 'PostgreSQL' ? openPostgres(t.location) : t.db;
    await sink.start();
    for (let i = 0; i < 2; i++) transports.push(createMailTransport({ SMTP_URL: sink.url, SMTP_POOL_SIZE: '4', MAIL_FROM: 'Wspólnie <powiadomienia@wspolnie.example>' }));
  });
  afterAll(async () => {
    for (const transport of transports) transport.close();
    if (second && second !== t?.db) await second.close();
    await Promise.all([t?.dispose(), sink?.dispose()]);
  });

  it('two workers deliver every email exactly once, retrying what a cut connection left unaccepted', async () => {
    const { db } = t;
    expect(await db.transaction((tx) => enqueueEmails(tx, Array.from({ length: total }, (_, n) => email(n)), t0))).toBe(total);
    expect(transports.map((tr) => tr.concurrency)).toEqual([4, 4]);

    const reports: DeliveryReport[] = [];
    const left = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`)).rows[0]!.n;
    for (let round = 0; round < 30 && (await left()) > 0; round++) {
      const at = new Date(t0.getTime() + round * 1_000);
      reports.push(...(await Promise.all([deliverDue(db, transports[0]!, at, { ...retry, batchSize: 10 }), deliverDue(second, transports[1]!, at, { ...retry, batchSize: 10 })])));
    }
    expect(await left()).toBe(0);
    // The server did cut connections, mid-DATA and after a 250 alike, many times over.
    expect(await sink.drops()).toBeGreaterThanOrEqual(total / 7 / 2);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(total);
    expect(reports.every((r) => r.failed === 0)).toBe(true);

    const received = await sink.received();
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM outbox WHERE status = 'sent'`);
    const expected = rows.map((r) => `<${r.id}@wspolnie.example>`).sort();
    expect(received.map((m) => m.parsed.messageId).sort()).toEqual(expected);
    expect(new Set(received.map((m) => m.parsed.to?.[0]?.address)).size).toBe(total);
    expect(received.every((m) => m.parsed.text?.includes('zażółć gęślą jaźń'))).toBe(true);
  });

  it('claims nothing once its time budget is spent (a Netlify run leaves the rest to the next)', async () => {
    const { db } = t;
    await db.transaction((tx) => enqueueEmails(tx, [email(1_000), email(1_001)], t0));
    expect(await deliverDue(db, transports[0]!, t0, { budgetMs: 0 })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const pending = await db.query(`SELECT 1 FROM outbox WHERE status = 'pending' AND attempts = 0`);
    expect(pending.rows).toHaveLength(2);
    // With time left it sends them (over a connection the server may cut: then again a second later).
    let sent = 0;
    for (let round = 0; round < 10 && sent < 2; round++) sent += (await deliverDue(db, transports[0]!, new Date(t0.getTime() + round * 1_000), { ...retry, budgetMs: 60_000 })).sent;
    expect(sent).toBe(2);
  });
});
