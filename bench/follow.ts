/**
 * Following at scale (issue 16 §4): 10,000 people follow one programme "at
 * once" (confirmed follows, stored directly), an editor cancels the
 * programme, the scheduled job (src/notices/run.ts → src/follow/job.ts)
 * records the change and queues one email per person, and the outbox
 * delivers them to a real SMTP server process — on PGlite and on a
 * throw-away PostgreSQL 15. Timed from the job's start until the last
 * message is on the server's disk; then every message is parsed and counted
 * by recipient and by Message-ID, each is checked for its one-click
 * List-Unsubscribe headers, and the job is run again to show it queues
 * nothing more. Limits: ≤ 60 s, 0 duplicates.
 *
 * Run alone: node_modules/.bin/node bench/follow.ts [--followers=10000]
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/open.ts';
import { buildFollowFeed, type FeedInput } from '../src/follow/build-feed.ts';
import { createLinkSigner } from '../src/http/links.ts';
import { deliverDue } from '../src/mail/outbox.ts';
import { createMailTransport } from '../src/mail/transport.ts';
import { filePublicData } from '../src/notices/public-data.ts';
import { runScheduledJobs, type JobRuntime } from '../src/notices/run.ts';
import { writeSiteFiles } from '../tests/support/notices-site.ts';
import { createSmtpSink } from '../tests/support/smtp-sink.ts';
import { withPostgres } from './signups.ts';

const limitSeconds = 60;

interface FollowRow {
  engine: string;
  followers: number;
  queueSeconds: number;
  deliverSeconds: number;
  received: number;
  withUnsubscribe: number;
  duplicateRecipients: number;
  duplicateMessageIds: number;
  queuedOnSecondRun: number;
  load: number;
}

const content = (status: string): FeedInput => ({
  generatedAt: new Date(),
  programmes: [{ id: 'bench', title: 'Warsztaty pomiarowe', status, tags: ['pomiar'], relatedReports: [] }],
  consultations: [],
  reports: [],
  events: [],
  requests: [],
});

async function measure(engine: string, env: Record<string, string>, followers: number): Promise<FollowRow> {
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-bench-follow-'));
  const db = await openDatabase({ ...env, WSPOLNIE_DATA_DIR: root });
  const sink = await createSmtpSink();
  await sink.start();
  const transport = createMailTransport({ SMTP_URL: sink.url });
  const deploy = async (status: string) => {
    await mkdir(join(root, 'dane'), { recursive: true });
    await writeFile(join(root, 'dane', 'obserwowane.json'), JSON.stringify(buildFollowFeed(content(status))));
  };
  try {
    const ids = Array.from({ length: followers }, () => randomUUID());
    await db.query(
      `INSERT INTO follows (id, target, frequency, status, email, created_at, confirmed_at)
       SELECT id, 'programme:bench', 'immediate', 'active', email, now() - interval '1 day', now() - interval '1 day'
         FROM unnest($1::uuid[], $2::text[]) AS f (id, email)`,
      [ids, ids.map((_, i) => `obserwator.${i}@example.pl`)],
    );
    await writeSiteFiles(root, { programmes: [], events: [], closes: {} });
    await deploy('ongoing');
    const runtime: JobRuntime = {
      db,
      publicData: filePublicData(root),
      links: createLinkSigner(Buffer.from('bench-secret-bench-secret-bench-secret-0123'), 'https://wspolnie.example'),
      siteUrl: 'https://wspolnie.example',
      now: () => new Date(),
      retentionDays: 90,
    };
    await runScheduledJobs(runtime); // the baseline
    await deploy('cancelled');

    const started = performance.now();
    await runScheduledJobs(runtime);
    const queued = performance.now();
    await deliverDue(db, transport, new Date());
    const delivered = performance.now();
    const load = loadavg()[0]!;

    const second = await runScheduledJobs(runtime);
    await deliverDue(db, transport, new Date());
    const mail = await sink.received();
    const duplicates = (values: string[]) => values.length - new Set(values).size;
    const header = (m: (typeof mail)[number], name: string) => m.parsed.headers.find((h) => h.key === name)?.value ?? '';
    return {
      engine,
      followers,
      queueSeconds: (queued - started) / 1000,
      deliverSeconds: (delivered - queued) / 1000,
      received: mail.length,
      withUnsubscribe: mail.filter((m) => /^<https:\/\/wspolnie\.example\/api\/obserwuj\/wypisz\?t=[^>]+>$/.test(header(m, 'list-unsubscribe')) && header(m, 'list-unsubscribe-post') === 'List-Unsubscribe=One-Click').length,
      duplicateRecipients: duplicates(mail.map((m) => m.parsed.to?.[0]?.address ?? '')),
      duplicateMessageIds: duplicates(mail.map((m) => m.parsed.messageId ?? '')),
      queuedOnSecondRun: second.follow?.announced ?? -1,
      load,
    };
  } finally {
    transport.close();
    await db.close();
    await sink.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

/** Prints the table and each limit with its ratio; true when every limit holds. */
export async function benchFollow(followers: number, table: (head: string[], rows: string[][]) => string): Promise<boolean> {
  console.log(`\n## Following: one cancelled programme announced to ${followers} followers, the job and the outbox to a real SMTP server\n`);
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`${cpus().length} CPU cores; load average ${load()} at the start`);
  const rows: FollowRow[] = [];
  rows.push(await measure('PGlite', {}, followers));
  rows.push(await withPostgres((url) => measure('PostgreSQL 15', { DATABASE_URL: url }, followers)));
  console.log(`load average ${load()} at the end\n`);
  const s = (v: number) => `${v.toFixed(1)} s`;
  console.log(table(
    ['database', 'followers', 'job (detect + queue)', 'delivery', `total (limit ${limitSeconds} s)`, 'ratio to limit', 'received', 'with one-click unsubscribe', 'duplicate recipients', 'duplicate Message-IDs', 'queued by a second run', 'load average after delivery'],
    rows.map((r) => {
      const total = r.queueSeconds + r.deliverSeconds;
      return [
        r.engine, String(r.followers), s(r.queueSeconds), s(r.deliverSeconds), s(total), `${Math.round((100 * total) / limitSeconds)} %`,
        String(r.received), String(r.withUnsubscribe), String(r.duplicateRecipients), String(r.duplicateMessageIds), String(r.queuedOnSecondRun), r.load.toFixed(1),
      ];
    }),
  ));
  let ok = true;
  for (const r of rows) {
    const checks = [
      [r.queueSeconds + r.deliverSeconds <= limitSeconds, `≤ ${limitSeconds} s`],
      [r.received === r.followers && r.withUnsubscribe === r.followers, 'every follower received it, with List-Unsubscribe and List-Unsubscribe-Post'],
      [r.duplicateRecipients === 0 && r.duplicateMessageIds === 0 && r.queuedOnSecondRun === 0, '0 duplicates'],
    ] as const;
    ok &&= checks.every(([pass]) => pass);
    console.log(`${r.engine}: ${checks.map(([pass, what]) => `${pass ? 'ok' : 'MISSED'} ${what}`).join('; ')}`);
  }
  return ok;
}

if (process.argv[1]?.endsWith('bench/follow.ts')) {
  const followers = Number(process.argv.find((a) => a.startsWith('--followers='))?.split('=')[1] ?? 10_000);
  const table = (head: string[], rows: string[][]) => [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  process.exitCode = (await benchFollow(followers, table)) ? 0 : 1;
}
