/**
 * The outbox's claim is a short lease its worker renews while it lives
 * (src/mail/outbox.ts): a slow SMTP server never lets a second worker send
 * the same email, and the emails of a worker killed mid-send wait one lease,
 * not five minutes, then go out once with the same Message-ID.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { deliverDue, enqueueEmail, type MailTransport, type OutgoingEmail } from '../../src/mail/outbox.ts';
import { composeEmail } from '../../src/mail/template.ts';
import { createMailTransport, type ConfiguredTransport } from '../../src/mail/transport.ts';
import { engines, postgresEngine, type TestDatabase } from '../support/databases.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const from = 'Wspólnie – Kraków <powiadomienia@wspolnie.example>';
const email = (n: number) => ({
  ...composeEmail('Potwierdź zgłoszenie — Dębniki', [{ paragraph: `Zgłoszenie nr ${n}.` }]),
  kind: 'confirm-application',
  dedupeKey: `confirm-application:lease-${n}`,
  to: `osoba.${n}@example.pl`,
});

interface Row {
  [column: string]: unknown;
  id: string;
  status: string;
  attempts: number;
  claimed_until: Date | null;
}
const outboxRow = async (db: Database) => (await db.query<Row>('SELECT id, status, attempts, claimed_until FROM outbox')).rows[0]!;

let sink: SmtpSink;
let transport: ConfiguredTransport;
beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  transport = createMailTransport({ SMTP_URL: sink.url, MAIL_FROM: from });
});
afterAll(async () => {
  transport?.close();
  await sink?.dispose();
});

describe.each(engines)('outbox leases on $name', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await engine.create();
  });
  afterAll(() => t?.dispose());
  beforeEach(() => t.db.exec('TRUNCATE outbox'));

  it('a worker whose send outlasts many leases keeps the email to itself, renewing its claim, and sends it once', async () => {
    const { db } = t;
    await db.transaction((tx) => enqueueEmail(tx, email(1), new Date()));
    const before = (await sink.received()).length;

    // The real SMTP transport, held back until the test lets it go: a slow mail server.
    let reached!: () => void;
    const sendReached = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow: MailTransport = {
      async send(message: OutgoingEmail) {
        reached();
        await released;
        await transport.send(message);
      },
    };
    const leaseMs = 300;
    const first = deliverDue(db, slow, new Date(), { leaseMs });
    await sendReached;
    const claimed = (await outboxRow(db)).claimed_until!;
    // Renewed at least twice while the send hangs: the claim moves on.
    await expect.poll(async () => (await outboxRow(db)).claimed_until!.getTime(), { timeout: 10_000, interval: 20 }).toBeGreaterThan(claimed.getTime() + 2 * (leaseMs / 3));

    // A second worker looking just before the renewed claim lapses finds nothing to send.
    const current = (await outboxRow(db)).claimed_until!;
    expect(await deliverDue(db, transport, new Date(current.getTime() - 1))).toEqual({ sent: 0, retried: 0, failed: 0 });

    release();
    expect(await first).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await sink.received()).length - before).toBe(1);
    expect(await outboxRow(db)).toMatchObject({ status: 'sent', attempts: 1, claimed_until: null });
  });
});

describe('a worker killed mid-send on PostgreSQL (several processes share the outbox)', () => {
  let t: TestDatabase;
  let silent: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    t = await postgresEngine.create();
    // An SMTP server that accepts the connection and never greets: the send hangs until the worker dies.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent?.close(() => resolve()));
    await t?.dispose();
  });

  it('its emails wait one lease, then another worker sends them once, with the same Message-ID', async () => {
    const { db } = t;
    await db.transaction((tx) => enqueueEmail(tx, email(2), new Date()));
    const leaseMs = 4_000;
    const port = (silent.address() as { port: number }).port;
    const child = spawn(process.execPath, [new URL('../support/outbox-child.ts', import.meta.url).pathname, t.location, `smtp://127.0.0.1:${port}`, String(leaseMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const sending = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /sending (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before sending`)));
    });
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await exited;

    const row = await outboxRow(db);
    expect(row).toMatchObject({ id: sending, status: 'sending', attempts: 1 });
    // The claim ends within one lease (and a renewal's slack) of the death, not five minutes later.
    expect(row.claimed_until!.getTime() - killedAt).toBeLessThanOrEqual(leaseMs);

    // Until then nobody takes it; from then on any worker does.
    expect(await deliverDue(db, transport, new Date(row.claimed_until!.getTime() - 1))).toEqual({ sent: 0, retried: 0, failed: 0 });
    const before = (await sink.received()).length;
    expect(await deliverDue(db, transport, row.claimed_until!)).toEqual({ sent: 1, retried: 0, failed: 0 });
    const received = (await sink.received()).slice(before);
    expect(received.map((m) => m.parsed.messageId)).toEqual([`<${sending}@wspolnie.example>`]);
    expect(await outboxRow(db)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
