/**
 * Notices at scale: 10,000 confirmed participants of one programme, an
 * editor cancels its event, the scheduled job (src/notices/run.ts) queues the
 * notices, and the outbox delivers them to a real SMTP server process — on
 * PGlite and on a throw-away PostgreSQL 15. Timed from the job's start until
 * the last message is on the server's disk (the server writes each message
 * before acknowledging it); then every message is parsed and counted by
 * recipient and by Message-ID, and the job is run again to show it queues
 * nothing more.
 *
 * The ceiling, measured on the same SMTP server process: raw
 * nodemailer with the same pool (SMTP_POOL_SIZE connections, the same
 * messages per connection), sending as many copies of one queued notice (same
 * size, own Message-ID and recipient each) with as many in flight as the
 * outbox keeps (twice the connections; handing all over at once was slower),
 * no database — once right before the outbox's delivery and once right
 * after, so a change in the machine's load weighs on both sides alike. The
 * outbox's delivery rate is compared with the rate of the two together.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { openDatabase } from '../src/db/open.ts';
import { createLinkSigner } from '../src/http/links.ts';
import { newRegistrationCode } from '../src/enrolment/registration-code.ts';
import { deliverDue } from '../src/mail/outbox.ts';
import { createMailTransport, poolSettings } from '../src/mail/transport.ts';
import { filePublicData } from '../src/notices/public-data.ts';
import { runScheduledJobs, type JobRuntime } from '../src/notices/run.ts';
import { writeSiteFiles, type WrittenEvent } from '../tests/support/notices-site.ts';
import { createSmtpSink } from '../tests/support/smtp-sink.ts';
import { withPostgres } from './signups.ts';

const targets = { seconds: 60, shareOfRaw: 0.8 };

export interface NoticeRow {
  engine: string;
  participants: number;
  queueSeconds: number;
  deliverSeconds: number;
  received: number;
  duplicateRecipients: number;
  duplicateMessageIds: number;
  queuedOnSecondRun: number;
  /** Raw pooled nodemailer to the same server: seconds for twice as many messages, and how many arrived. */
  rawSeconds: number;
  rawReceived: number;
  /** The raw timings in seconds, before and after the outbox's delivery (`participants` messages each). */
  rawBoth: [number, number];
}

/** One notice as it sits in the outbox before it is sent, for the raw comparison. */
interface Sample {
  [column: string]: unknown;
  subject: string;
  text_body: string;
  html_body: string;
}

/** Sends `count` copies of `sample` with nodemailer alone, pooled like the outbox's transport; returns seconds. */
async function rawPooled(url: string, sample: Sample, count: number, inFlight: number, tag: string): Promise<number> {
  const pool = poolSettings({});
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: pool.connections, maxMessages: pool.messagesPerConnection });
  try {
    const sendOne = (i: number) =>
      transporter.sendMail({
        from: 'Wspólnie <powiadomienia@wspolnie.localhost>',
        to: `surowy.${tag}.${i}@example.pl`,
        subject: sample.subject,
        text: sample.text_body,
        html: sample.html_body,
        messageId: `<surowy-${tag}-${i}@wspolnie.localhost>`,
        textEncoding: 'quoted-printable',
      });
    // As many in flight as `inFlight` senders keep: all at once (the pool queues them), or a window.
    let next = 0;
    const sender = async () => {
      for (let i = next++; i < count; i = next++) await sendOne(i);
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, sender));
    return (performance.now() - started) / 1000;
  } finally {
    transporter.close();
  }
}

async function measure(engine: string, env: Record<string, string>, participants: number): Promise<NoticeRow> {
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-bench-notices-'));
  const db = await openDatabase({ ...env, WSPOLNIE_DATA_DIR: root });
  const sink = await createSmtpSink();
  await sink.start();
  const transport = createMailTransport({ SMTP_URL: sink.url });
  try {
    const codes = new Set<string>();
    while (codes.size < participants) codes.add(newRegistrationCode());
    await db.query(
      `INSERT INTO applications (programme_id, registration_code, status, email, name, confirmed_at)
       SELECT 'bench', code, 'confirmed', email, 'Zażółć Gęślą', now() FROM unnest($1::text[], $2::text[]) AS p (code, email)`,
      [[...codes], [...codes].map((_, i) => `uczestnik.${i}@example.pl`)],
    );
    const start = new Date(Date.now() + 10 * 86_400_000);
    const event: WrittenEvent = {
      id: 'warsztat-pomiarowy',
      title: 'Warsztat pomiarowy',
      programme: 'bench',
      kind: 'workshop',
      start: start.toISOString(),
      end: new Date(start.getTime() + 4 * 3_600_000).toISOString(),
      status: 'planned',
      place: { address: 'ul. Reymonta 20, Kraków' },
      page: '/wydarzenia/warsztat-pomiarowy/',
    };
    const files = { programmes: [{ id: 'bench', title: 'Warsztaty pomiarowe' }], events: [event], closes: { bench: new Date() } };
    await writeSiteFiles(root, files);
    const runtime: JobRuntime = {
      db,
      publicData: filePublicData(root),
      links: createLinkSigner(Buffer.from('bench-secret-bench-secret-bench-secret-0123'), 'https://wspolnie.example'),
      siteUrl: 'https://wspolnie.example',
      now: () => new Date(),
      retentionDays: 90,
    };
    await runScheduledJobs(runtime); // the baseline
    await writeSiteFiles(root, { ...files, events: [{ ...event, status: 'cancelled', statusReason: 'Pomiar.', statusDecidedOn: new Date().toISOString().slice(0, 10) }] });

    const started = performance.now();
    await runScheduledJobs(runtime);
    const queued = performance.now();
    const { rows: samples } = await db.query<Sample>(`SELECT subject, text_body, html_body FROM outbox WHERE status = 'pending' LIMIT 1`);
    // The raw limit right before and right after the outbox's delivery, with as many in flight
    // as the outbox keeps, so a change in the machine's load weighs on both sides alike.
    const inFlight = 2 * poolSettings({}).connections;
    const rawBefore = await rawPooled(sink.url, samples[0]!, participants, inFlight, 'przed');
    const beforeDelivery = await sink.count();
    const deliveryStarted = performance.now();
    await deliverDue(db, transport, new Date());
    const delivered = performance.now();
    const afterDelivery = await sink.count();
    const rawAfter = await rawPooled(sink.url, samples[0]!, participants, inFlight, 'po');
    const rawReceived = beforeDelivery + (await sink.count()) - afterDelivery;

    const second = await runScheduledJobs(runtime);
    await deliverDue(db, transport, new Date());
    const mail = (await sink.received()).filter((m) => !m.parsed.messageId?.startsWith('<surowy-'));
    const duplicates = (values: string[]) => values.length - new Set(values).size;
    return {
      engine,
      participants,
      queueSeconds: (queued - started) / 1000,
      deliverSeconds: (delivered - deliveryStarted) / 1000,
      received: mail.length,
      duplicateRecipients: duplicates(mail.map((m) => m.parsed.to?.[0]?.address ?? '')),
      duplicateMessageIds: duplicates(mail.map((m) => m.parsed.messageId ?? '')),
      queuedOnSecondRun: second.changes.queued,
      rawSeconds: rawBefore + rawAfter,
      rawReceived,
      rawBoth: [rawBefore, rawAfter],
    };
  } finally {
    transport.close();
    await db.close();
    await sink.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

/** The outbox's delivery rate over raw nodemailer's, both as emails that arrived per second. */
function shareOfRaw(r: NoticeRow): number {
  return r.received / r.deliverSeconds / (r.rawReceived / r.rawSeconds);
}

export async function benchNotices(participants: number, table: (head: string[], rows: string[][]) => string): Promise<boolean> {
  console.log(`\n## Notices: one cancelled event, ${participants} confirmed participants, the job and the outbox to a real SMTP server\n`);
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`${cpus().length} CPU cores; load average ${load()} at the start`);
  const rows: NoticeRow[] = [];
  rows.push(await measure('PGlite', {}, participants));
  rows.push(await withPostgres((url) => measure('PostgreSQL 15', { DATABASE_URL: url }, participants)));
  console.log(`load average ${load()} at the end\n`);
  const s = (v: number) => `${v.toFixed(1)} s`;
  console.log(table(
    ['database', 'participants', 'job (queue)', 'delivery', 'total', 'outbox emails/s', 'raw pooled nodemailer (twice as many)', 'share of raw (limit ≥ 80 %)', 'received', 'duplicate recipients', 'duplicate Message-IDs', 'queued by a second run'],
    rows.map((r) => {
      const total = r.queueSeconds + r.deliverSeconds;
      return [
        r.engine, String(r.participants), s(r.queueSeconds), s(r.deliverSeconds), s(total), `${Math.round(r.received / r.deliverSeconds)}/s`,
        `${s(r.rawSeconds)}, ${Math.round(r.rawReceived / r.rawSeconds)}/s (before ${s(r.rawBoth[0])}, after ${s(r.rawBoth[1])})`, `${Math.round(100 * shareOfRaw(r))} %`,
        String(r.received), String(r.duplicateRecipients), String(r.duplicateMessageIds), String(r.queuedOnSecondRun),
      ];
    }),
  ));
  const pool = poolSettings({});
  console.log(`Pool: ${pool.connections} connections, ${pool.messagesPerConnection} messages each, for the outbox and for raw nodemailer alike.`);
  let ok = true;
  for (const r of rows) {
    const checks = [
      [r.queueSeconds + r.deliverSeconds <= targets.seconds, `≤ ${targets.seconds} s`],
      [shareOfRaw(r) >= targets.shareOfRaw, `delivery ≥ ${targets.shareOfRaw * 100} % of raw pooled nodemailer`],
      [r.received === r.participants && r.rawReceived === 2 * r.participants, 'every participant received it (and every raw message)'],
      [r.duplicateRecipients === 0 && r.duplicateMessageIds === 0 && r.queuedOnSecondRun === 0, '0 duplicates'],
    ] as const;
    ok &&= checks.every(([pass]) => pass);
    console.log(`${r.engine}: ${checks.map(([pass, what]) => `${pass ? 'ok' : 'MISSED'} ${what}`).join('; ')}`);
  }
  return ok;
}
