/**
 * The sign-up burst: the self-hosted server (src/server/app.ts, exactly what
 * `npm start` runs, outbox worker and in-process rate limiter included)
 * against 200 concurrent clients in another process (signup-client.ts), on
 * PGlite and on a throw-away PostgreSQL 15 (as tests/support/postgres.ts
 * starts one), with mail going to a real SMTP server process meanwhile.
 *
 * The ceiling: the raw insert rate of the same database — single-row
 * INSERTs into the same `applications` table with its indexes, from 200
 * concurrent callers on the same connection pool, no HTTP, no transaction
 * around them, no email.
 *
 * The confirmation emails: the last one must be on the SMTP server (the
 * server writes each message before acknowledging it, and names the file by
 * that moment) at most 15 s after the last sign-up was answered.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Database } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open.ts';
import { catalogueOf, type CatalogueEntry } from '../src/catalogue/catalogue.ts';
import { newRegistrationCode } from '../src/enrolment/registration-code.ts';
import { createMailTransport } from '../src/mail/transport.ts';
import { startApp } from '../src/server/app.ts';
import { startTestPostgres, type TestPostgres } from '../tests/support/postgres.ts';
import { createSmtpSink } from '../tests/support/smtp-sink.ts';

export interface SignupOptions {
  clients: number;
  requests: number;
  warmup: number;
}

export interface SignupRow {
  engine: string;
  rawInsertsPerSecond: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  acknowledged: number;
  stored: number;
  /** Emails still queued when the burst ended, how fast the worker then sent them, and what was left after a minute. */
  mailQueued: number;
  mailPerSecond: number;
  mailLeft: number;
  /** Seconds from the last sign-up's answer to the last confirmation email on the SMTP server. */
  lastMailLagSeconds: number;
}

const targets = { perSecond: 1_000, p99Ms: 250, shareOfRaw: 0.25, lastMailSeconds: 15 };

/** The open programme the sign-up bursts sign up for (bench/lottery-results.ts uses it too). */
export const benchProgramme: CatalogueEntry = {
  id: 'bench',
  kind: 'programme',
  title: 'Warsztaty pomiarowe',
  page: '/programy/bench/',
  closedEarly: false,
  enrolment: {
    opens: new Date(Date.now() - 86_400_000),
    closes: new Date(Date.now() + 86_400_000),
    mode: 'lottery',
    capacity: 60,
    declarations: [],
    fields: ['name'],
    quotas: [],
    messageMaxLength: 1000,
    drawSources: [],
  },
};

async function rawInsertRate(db: Database, clients: number, total: number): Promise<number> {
  let next = 0;
  const insert = async () => {
    for (let n = next++; n < total; n = next++) {
      await db.query(
        `INSERT INTO applications (programme_id, registration_code, email, name, declarations, confirmation_token_hash, confirmation_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        ['surowe', newRegistrationCode(), `surowy${n}@example.pl`, 'Zażółć Gęślą', [], `hash-${n}`, new Date(Date.now() + 3_600_000)],
      );
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, insert));
  const rate = total / ((performance.now() - started) / 1000);
  await db.query(`DELETE FROM applications WHERE programme_id = 'surowe'`);
  return rate;
}

/** What bench/signup-client.ts reports for one burst: its wall time (ms), requests sent, answers by status, latency percentiles (ms), and when (epoch ms) the last answer came. */
export interface ClientResult {
  wallMs: number;
  sent: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  lastAnsweredAt: number;
}

/** Runs one burst of `requests` sign-ups from `clients` concurrent clients (bench/signup-client.ts in a child process). */
export async function signupBurst(origin: string, clients: number, requests: number, tag: string): Promise<ClientResult> {
  const script = new URL('./signup-client.ts', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, [script, origin, benchProgramme.id, String(clients), String(requests), tag], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ClientResult;
}

async function measure(engine: string, env: Record<string, string>, options: SignupOptions): Promise<SignupRow> {
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-bench-signups-'));
  await writeFile(join(root, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  const db = await openDatabase({ ...env, WSPOLNIE_DATA_DIR: root });
  const sink = await createSmtpSink();
  await sink.start();
  try {
    const rawInsertsPerSecond = await rawInsertRate(db, options.clients, options.requests);
    const app = await startApp({
      root,
      port: 0,
      host: '127.0.0.1',
      env: { WSPOLNIE_SECRET: 'bench-secret-bench-secret-bench-secret-0123' },
      db,
      transport: createMailTransport({ SMTP_URL: sink.url }),
      catalogue: async () => catalogueOf([benchProgramme]),
      trustProxy: true,
      log: () => undefined,
    });
    try {
      await signupBurst(app.origin, options.clients, options.warmup, 'rozgrzewka');
      const result = await signupBurst(app.origin, options.clients, options.requests, 'pomiar');
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE email LIKE 'osoba.pomiar.%'`);
      // The confirmation emails trail the burst: time the outbox worker until the queue is empty (at most a minute).
      const drainStarted = performance.now();
      const waiting = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`)).rows[0]?.n ?? 0;
      const queued = await waiting();
      let left = queued;
      while (left > 0 && performance.now() - drainStarted < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = await waiting();
      }
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      const lastMailAt = (await sink.lastReceivedAt()) ?? NaN;
      const acknowledged = result.statuses['202'] ?? 0;
      return {
        engine,
        rawInsertsPerSecond,
        requestsPerSecond: acknowledged / (result.wallMs / 1000),
        p50: result.p50,
        p99: result.p99,
        errors: result.sent - acknowledged,
        acknowledged,
        stored: rows[0]?.n ?? 0,
        mailQueued: queued,
        mailPerSecond: (queued - left) / drainSeconds,
        mailLeft: left,
        lastMailLagSeconds: left > 0 ? NaN : Math.max(0, lastMailAt - result.lastAnsweredAt) / 1000,
      };
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    await sink.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

export async function withPostgres<T>(run: (url: string) => Promise<T>): Promise<T> {
  const server: TestPostgres = await startTestPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE wspolnie_bench');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/wspolnie_bench';
    return await run(url.toString());
  } finally {
    server.stop();
  }
}

export async function benchSignups(options: SignupOptions, table: (head: string[], rows: string[][]) => string): Promise<boolean> {
  console.log(`\n## Sign-up burst: ${options.requests} sign-ups from ${options.clients} concurrent clients against the self-hosted server\n`);
  // Shared machines make this number move: say how busy this one was.
  const load = () => loadavg()[0]!.toFixed(1);
  console.log(`${cpus().length} CPU cores; load average ${load()} at the start`);
  const rows: SignupRow[] = [];
  rows.push(await measure('PGlite', {}, options));
  rows.push(await withPostgres((url) => measure('PostgreSQL 15', { DATABASE_URL: url }, options)));
  console.log(`load average ${load()} at the end\n`);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const perSecond = (v: number) => `${Math.round(v)}/s`;
  console.log(table(
    ['database', 'sign-ups/s', 'p50', 'p99', 'errors', 'stored / acknowledged', 'raw inserts/s', 'share of raw', 'emails after the burst', `last email after the last answer (limit ${targets.lastMailSeconds} s)`],
    rows.map((r) => [
      r.engine, perSecond(r.requestsPerSecond), ms(r.p50), ms(r.p99), String(r.errors), `${r.stored} / ${r.acknowledged}`, perSecond(r.rawInsertsPerSecond),
      `${Math.round((100 * r.requestsPerSecond) / r.rawInsertsPerSecond)} %`, `${r.mailQueued} queued, sent at ${perSecond(r.mailPerSecond)}${r.mailLeft > 0 ? `, ${r.mailLeft} left after 60 s` : ''}`,
      Number.isNaN(r.lastMailLagSeconds) ? 'not all sent' : `${r.lastMailLagSeconds.toFixed(1)} s (${Math.round((100 * r.lastMailLagSeconds) / targets.lastMailSeconds)} % of the limit)`,
    ]),
  ));
  let ok = true;
  for (const r of rows) {
    const checks = [
      [r.requestsPerSecond >= targets.perSecond, `≥ ${targets.perSecond}/s`],
      [r.p99 <= targets.p99Ms, `p99 ≤ ${targets.p99Ms} ms`],
      [r.errors === 0 && r.stored === r.acknowledged, '0 errors, every acknowledged sign-up stored'],
      [r.requestsPerSecond >= targets.shareOfRaw * r.rawInsertsPerSecond, `≥ ${targets.shareOfRaw * 100} % of the raw insert rate`],
      [r.lastMailLagSeconds <= targets.lastMailSeconds, `last confirmation email ≤ ${targets.lastMailSeconds} s after the last answer`],
    ] as const;
    ok &&= checks.every(([pass]) => pass);
    console.log(`${r.engine}: ${checks.map(([pass, what]) => `${pass ? 'ok' : 'MISSED'} ${what}`).join('; ')}`);
  }
  console.log('Emails: the outbox worker sends during the burst too; what is still queued when it ends is timed until the queue is empty, and the last email on the SMTP server is timed from the last answer.');
  return ok;
}
