/**
 * The outbox against a real SMTP server process, on PGlite and PostgreSQL:
 * what arrives (Polish intact, both parts, links), what happens while the
 * server is down (sign-ups stored, mail sent once it is back, once), and two
 * workers at the same time (never a message twice).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { storeApplication } from '../../src/enrolment/applications.ts';
import { deliverDue, enqueueEmail, type QueuedEmail } from '../../src/mail/outbox.ts';
import { composeEmail } from '../../src/mail/template.ts';
import { createMailTransport, type ConfiguredTransport } from '../../src/mail/transport.ts';
import { startOutboxWorker } from '../../src/mail/worker.ts';
import { engines, type TestDatabase } from '../support/databases.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const subject = 'Potwierdź zgłoszenie: warsztaty „Zielone podwórka” — Dębniki, źdźbło';

function email(n: number): QueuedEmail {
  const link = `https://wspolnie.example/zgloszenia/potwierdz?t=Tok_en-${n}&program=zielone-podworka`;
  return {
    ...composeEmail(subject, [
      { paragraph: `Dzień dobry, Łucjo Żółkiewska! Zgłoszenie nr ${n} czeka na potwierdzenie. <b>To nie jest pogrubione</b>.` },
      { link, label: 'Potwierdzam zgłoszenie' },
    ]),
    kind: 'confirm-application',
    dedupeKey: `confirm-application:test-${n}`,
    to: `lucja.${n}@example.pl`,
  };
}

describe.each(engines)('outbox through SMTP on $name', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let sink: SmtpSink;
  let transport: ConfiguredTransport;
  beforeAll(async () => {
    [t, sink] = await Promise.all([engine.create(), createSmtpSink()]);
    db = t.db;
    await sink.start();
    transport = createMailTransport({ SMTP_URL: sink.url, MAIL_FROM: 'Wspólnie – Kraków <powiadomienia@wspolnie.example>' });
  });
  afterAll(async () => {
    transport?.close();
    await Promise.all([t?.dispose(), sink?.dispose()]);
  });
  beforeEach(() => db.exec('TRUNCATE outbox, applications CASCADE'));
  afterEach(() => sink.start()); // back up after a test that played an outage

  const queue = (emails: QueuedEmail[], at = t0) => db.transaction(async (tx) => Promise.all(emails.map((e) => enqueueEmail(tx, e, at))));
  const receivedSince = async (before: number) => (await sink.received()).slice(before);

  it('delivers Polish subject and body, a text and an HTML part, and the link intact', async () => {
    const before = (await sink.received()).length;
    await queue([email(1)]);
    expect(await deliverDue(db, transport, t0)).toEqual({ sent: 1, retried: 0, failed: 0 });

    const [message, ...more] = await receivedSince(before);
    expect(more).toEqual([]);
    if (!message) throw new Error('nothing received');
    const { parsed, raw } = message;
    expect(parsed.subject).toBe(subject);
    expect(parsed.to?.[0]).toMatchObject({ address: 'lucja.1@example.pl' });
    expect(parsed.from).toMatchObject({ name: 'Wspólnie – Kraków', address: 'powiadomienia@wspolnie.example' });
    expect(parsed.text).toContain('Dzień dobry, Łucjo Żółkiewska!');
    expect(parsed.text).toContain('<b>To nie jest pogrubione</b>');
    expect(parsed.text).toContain('\nhttps://wspolnie.example/zgloszenia/potwierdz?t=Tok_en-1&program=zielone-podworka\n');
    expect(parsed.html).toContain('<a href="https://wspolnie.example/zgloszenia/potwierdz?t=Tok_en-1&amp;program=zielone-podworka">Potwierdzam zgłoszenie</a>');
    expect(parsed.html).toContain('&lt;b&gt;To nie jest pogrubione&lt;/b&gt;');
    // Encoded for any mail server: 7-bit on the wire, UTF-8 declared, both parts.
    expect(raw).toMatch(/^[\x00-\x7f]*$/);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);

    const { rows } = await db.query('SELECT id, status, attempts, to_address, text_body, html_body, sent_at FROM outbox');
    expect(rows).toEqual([{ id: expect.any(String), status: 'sent', attempts: 1, to_address: null, text_body: null, html_body: null, sent_at: t0 }]);
    expect(parsed.messageId).toBe(`<${rows[0]?.['id']}@wspolnie.example>`);
  });

  it('queues an email once per dedupe key', async () => {
    expect(await queue([email(2)])).toEqual([true]);
    expect(await queue([email(2)])).toEqual([false]);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox');
    expect(rows[0]?.['n']).toBe(1);
  });

  it('stores sign-ups while the server is down and sends each email once when it is back', async () => {
    const before = (await sink.received()).length;
    await sink.stop();
    for (const n of [3, 4, 5]) {
      const { to, ...content } = email(n);
      const stored = await db.transaction(async (tx) => {
        const result = await storeApplication(tx, { programmeId: 'awaria-smtp', email: to, declarations: [] }, { now: t0, confirmationTtlMs: 3_600_000 });
        if (result.kind === 'stored') await enqueueEmail(tx, { ...content, to }, t0);
        return result.kind;
      });
      expect(stored).toBe('stored');
    }
    const { rows: applications } = await db.query(`SELECT count(*)::int AS n FROM applications WHERE programme_id = 'awaria-smtp'`);
    expect(applications[0]?.['n']).toBe(3);

    const noJitter = { random: () => 1 }; // retry exactly one minute later
    expect(await deliverDue(db, transport, t0, noJitter)).toEqual({ sent: 0, retried: 3, failed: 0 });
    const { rows: waiting } = await db.query<{ status: string; attempts: number; last_error: string; next_attempt_at: Date }>(
      'SELECT status, attempts, last_error, next_attempt_at FROM outbox',
    );
    for (const row of waiting) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: later(60_000) });
      expect(row.last_error).toMatch(/^[A-Z0-9_]+( \d+)?$/); // a code, never the server's words or an address
    }

    await sink.start();
    expect(await deliverDue(db, transport, later(30_000), noJitter)).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
    expect(await deliverDue(db, transport, later(60_000), noJitter)).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(await deliverDue(db, transport, later(3_600_000), noJitter)).toEqual({ sent: 0, retried: 0, failed: 0 });

    const received = await receivedSince(before);
    expect(received.map((m) => m.parsed.to?.[0]?.address).sort()).toEqual(['lucja.3@example.pl', 'lucja.4@example.pl', 'lucja.5@example.pl']);
  });

  it('gives up after the last attempt and marks the email failed', async () => {
    await sink.stop();
    await queue([email(6)]);
    const policy = { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 };
    expect(await deliverDue(db, transport, t0, { policy })).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await deliverDue(db, transport, later(1_000), { policy })).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await deliverDue(db, transport, later(86_400_000), { policy })).toEqual({ sent: 0, retried: 0, failed: 0 });
    const { rows } = await db.query('SELECT status, attempts FROM outbox');
    expect(rows).toEqual([{ status: 'failed', attempts: 2 }]);
  });

  it('never sends a message twice when two workers run at the same time', async () => {
    const before = (await sink.received()).length;
    await queue(Array.from({ length: 12 }, (_, i) => email(100 + i)));
    const reports = await Promise.all([deliverDue(db, transport, t0, { batchSize: 2 }), deliverDue(db, transport, t0, { batchSize: 2 })]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(12);

    const ids = (await receivedSince(before)).map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'sent' AND attempts = 1`);
    expect(rows[0]?.['n']).toBe(12);
  });

  it('delivers in the background as soon as it is kicked, and stops cleanly', async () => {
    const before = (await sink.received()).length;
    const lines: string[] = [];
    const worker = startOutboxWorker(db, transport, { intervalMs: 60_000, log: (line) => lines.push(line) });
    await queue([email(200)], new Date());
    worker.kick();
    await expect.poll(async () => (await receivedSince(before)).length, { timeout: 10_000 }).toBe(1);
    await worker.stop();
    expect(lines.join('\n')).toContain('Poczta: wysłane 1');
    expect(lines.join('\n')).not.toContain('@');
  });
});
