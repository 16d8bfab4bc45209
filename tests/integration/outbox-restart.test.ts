/**
 * A restart after kill -9 in the middle of sending (PGlite, the default):
 * the emails the dead process had claimed go out at once from the new one,
 * with the Message-ID they had, instead of waiting for the claim to lapse.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/open.ts';
import { deliverDue, enqueueEmail, type MailTransport } from '../../src/mail/outbox.ts';
import { composeEmail } from '../../src/mail/template.ts';
import { createMailTransport } from '../../src/mail/transport.ts';
import { startApp } from '../../src/server/app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

let dir: string;
let sink: SmtpSink;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wspolnie-restart-'));
  await cp(inject('pgliteTemplate'), join(dir, 'data/pglite'), { recursive: true });
  sink = await createSmtpSink();
  await sink.start();
});
afterAll(async () => {
  await sink?.dispose();
  await rm(dir, { recursive: true, force: true });
});

it('sends at once what a process killed mid-send had claimed, with the same Message-ID', async () => {
  const env = { WSPOLNIE_DATA_DIR: join(dir, 'data'), WSPOLNIE_SECRET: 'restart-test-secret-restart-test-secret-01', SMTP_URL: sink.url };
  // The process that dies: it queues an email and claims it, and its send never finishes.
  const dying = await openDatabase(env);
  const now = new Date();
  await enqueueEmail(dying, { ...composeEmail('Potwierdź zgłoszenie: spacer', [{ paragraph: 'Zgłoszenie czeka na potwierdzenie.' }]), kind: 'test', dedupeKey: 'test:restart', to: 'zofia@example.pl' }, now);
  const hanging: MailTransport = { send: () => new Promise(() => {}) };
  void deliverDue(dying, hanging, now);
  for (let i = 0; i < 100 && (await dying.query(`SELECT 1 FROM outbox WHERE status = 'sending'`)).rows.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const claimed = (await dying.query<{ id: string; status: string }>('SELECT id, status FROM outbox')).rows;
  expect(claimed.map((row) => row.status)).toEqual(['sending']);
  await dying.close();

  const logs: string[] = [];
  const app = await startApp({ root: dir, port: 0, host: '127.0.0.1', env, transport: createMailTransport(env), log: (line) => logs.push(line), jobIntervalMs: 0 });
  try {
    const deadline = Date.now() + 15_000;
    while ((await sink.received()).length === 0 && Date.now() < deadline) {
      app.worker.kick();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [mail] = await sink.received();
    expect(mail?.parsed.subject).toBe('Potwierdź zgłoszenie: spacer');
    // The Message-ID is the outbox row's, as an earlier attempt of the dead process would have sent it.
    expect(mail?.parsed.messageId).toMatch(new RegExp(`^<${claimed[0]!.id}@`));
    expect(logs.some((line) => line.startsWith('Poczta: wysyłam od razu wiadomości przerwane przez poprzednie zatrzymanie (1)'))).toBe(true);
  } finally {
    await app.close();
  }
});
