/**
 * Supports of one request at scale (issue 16), against the self-hosted
 * server (src/server/app.ts) on PGlite and a throw-away PostgreSQL 15, with
 * the emails going to a real SMTP server: `count` supports (2,000 by
 * default) posted as plain forms by `clients` concurrent clients, then every
 * one confirmed by its link's button (the token the email carries, made with
 * the same signer), then the panel's CSV of all supporters and the retention
 * run that erases them after the final answer. Checked: every support stored
 * and counted once, the public count equal to the confirmations, the CSV
 * with a row per supporter, nothing personal left after retention.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open.ts';
import { warsawDay } from '../src/lib/dates.ts';
import { createMailTransport } from '../src/mail/transport.ts';
import { addStaff } from '../src/panel/allow-list.ts';
import { parseRequests, type RequestsFile } from '../src/requests/requests-file.ts';
import { applySupportRetention } from '../src/requests/retention.ts';
import { exportSupporters } from '../src/requests/staff.ts';
import { startApp } from '../src/server/app.ts';
import { createSmtpSink } from '../tests/support/smtp-sink.ts';
import { withPostgres } from './signups.ts';

export interface SupportBenchOptions {
  count: number;
  clients: number;
}

/**
 * Limits (rates fixed; times for 2,000 supports, scaled with the count). A
 * request that a whole district supports gathers some thousands of supports
 * over weeks, so even a rush after a newspaper article stays far below
 * 50 a second; the floors leave a wide margin on a shared 2-core machine.
 */
const targets = { supportsPerSecond: 50, confirmationsPerSecond: 50, p99Ms: 1_000, exportSeconds: 2, retentionSeconds: 2 };
const requestId = 'wniosek-bench';

interface Row {
  engine: string;
  supportsPerSecond: number;
  p99: number;
  confirmationsPerSecond: number;
  errors: number;
  stored: number;
  counted: number;
  csvRows: number;
  exportSeconds: number;
  retentionSeconds: number;
  leftPersonal: number;
}

async function burst<T>(items: readonly T[], clients: number, send: (item: T) => Promise<boolean>): Promise<{ seconds: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t = performance.now();
        if (!(await send(item).catch(() => false))) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - started) / 1000, p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN, errors };
}

async function measure(engine: string, env: Record<string, string>, { count, clients }: SupportBenchOptions): Promise<Row> {
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-bench-poparcia-'));
  await mkdir(join(root, 'dane'), { recursive: true });
  const file: RequestsFile = {
    generatedAt: new Date().toISOString(),
    requests: [{ id: requestId, title: 'Wniosek do pomiaru', url: `/konsultacje/wnioski/${requestId}/`, filedOn: '2026-10-01', procedure: 'standard', applicantKind: 'residents', supportersNeeded: 200, status: 'filed', statusOn: '2026-10-01', supportUntil: warsawDay(new Date(Date.now() + 10 * 86_400_000)), finalAnswerOn: null }],
  };
  await writeFile(join(root, 'dane/wnioski.json'), JSON.stringify(file));
  await writeFile(join(root, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  const db: Database = await openDatabase({ ...env, WSPOLNIE_DATA_DIR: root });
  const sink = await createSmtpSink();
  await sink.start();
  const app = await startApp({
    root, port: 0, host: '127.0.0.1', env: { WSPOLNIE_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }, db,
    transport: createMailTransport({ SMTP_URL: sink.url }), rateLimits: 'off', jobIntervalMs: 0, log: () => undefined,
  });
  try {
    const people = Array.from({ length: count }, (_, i) => i);
    const supported = await burst(people, clients, async (i) => {
      const body = new URLSearchParams({ request: requestId, name: `Osoba Źdźbło ${i}`, address: `ul. Długa ${i + 1}`, email: `osoba.${i}@example.pl`, declaration: 'tak', website: '' });
      const response = await fetch(`${app.origin}/api/wnioski/poparcie`, { method: 'POST', body, redirect: 'manual', headers: { Origin: app.origin } });
      await response.arrayBuffer();
      return response.status === 303;
    });
    const { rows: pending } = await db.query<{ id: string; confirmation_expires_at: Date }>('SELECT id, confirmation_expires_at FROM request_supports WHERE request_id = $1', [requestId]);
    const confirmed = await burst(pending, clients, async (row) => {
      const token = app.runtime.links.confirmToken(row.id, new Date(row.confirmation_expires_at));
      const response = await fetch(`${app.origin}/api/wnioski/potwierdz`, { method: 'POST', body: new URLSearchParams({ t: token }), headers: { Origin: app.origin } });
      await response.arrayBuffer();
      return response.status === 200;
    });
    const status = (await (await fetch(`${app.origin}/api/wnioski/status?wniosek=${requestId}`)).json()) as { online: number };
    await addStaff(db, 'bench@um.example');
    const { rows: staff } = await db.query<{ id: string }>('SELECT id FROM staff WHERE email = $1', ['bench@um.example']);
    let started = performance.now();
    const exported = await exportSupporters(db, requestId, staff[0]!.id, new Date());
    const exportSeconds = (performance.now() - started) / 1000;
    const answered = parseRequests({ ...file, requests: [{ ...file.requests[0]!, status: 'accepted', finalAnswerOn: '2026-11-02', supportUntil: null }] });
    started = performance.now();
    await applySupportRetention(db, answered, new Date('2027-06-01T00:00:00Z'));
    const retentionSeconds = (performance.now() - started) / 1000;
    const { rows: left } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM request_supports WHERE email IS NOT NULL OR name IS NOT NULL OR address IS NOT NULL');
    return {
      engine,
      supportsPerSecond: (count - supported.errors) / supported.seconds,
      p99: supported.p99,
      confirmationsPerSecond: (pending.length - confirmed.errors) / confirmed.seconds,
      errors: supported.errors + confirmed.errors,
      stored: pending.length,
      counted: status.online,
      csvRows: exported.count,
      exportSeconds,
      retentionSeconds,
      leftPersonal: left[0]!.n,
    };
  } finally {
    await app.close();
    await db.close();
    await sink.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

export async function benchRequestSupports(options: SupportBenchOptions, table: (head: string[], rows: string[][]) => string): Promise<boolean> {
  console.log(`\n## Request supports: ${options.count} supports of one request from ${options.clients} concurrent clients, confirmed, exported, erased\n`);
  const load = () => loadavg().map((v) => v.toFixed(1)).join(' ');
  console.log(`${cpus().length} CPU cores; load average ${load()} at the start`);
  const rows = [await measure('PGlite', {}, options), await withPostgres((url) => measure('PostgreSQL 15', { DATABASE_URL: url }, options))];
  console.log(`load average ${load()} at the end\n`);
  const scale = options.count / 2_000;
  const limitExport = targets.exportSeconds * scale;
  const limitRetention = targets.retentionSeconds * scale;
  const ratio = (value: number, limit: number) => `${Math.round((100 * value) / limit)} %`;
  console.log(table(
    ['database', `supports/s (≥ ${targets.supportsPerSecond})`, `p99 (≤ ${targets.p99Ms} ms)`, `confirmations/s (≥ ${targets.confirmationsPerSecond})`, 'errors', 'stored / counted', `CSV (≤ ${limitExport.toFixed(1)} s)`, `retention (≤ ${limitRetention.toFixed(1)} s)`, 'personal data left'],
    rows.map((r) => [
      r.engine, `${Math.round(r.supportsPerSecond)}/s (${ratio(r.supportsPerSecond, targets.supportsPerSecond)} of the floor)`, `${r.p99.toFixed(0)} ms (${ratio(r.p99, targets.p99Ms)})`,
      `${Math.round(r.confirmationsPerSecond)}/s`, String(r.errors), `${r.stored} / ${r.counted}`, `${r.exportSeconds.toFixed(2)} s, ${r.csvRows} rows (${ratio(r.exportSeconds, limitExport)})`,
      `${r.retentionSeconds.toFixed(2)} s (${ratio(r.retentionSeconds, limitRetention)})`, String(r.leftPersonal),
    ]),
  ));
  let ok = true;
  for (const r of rows) {
    const checks = [
      [r.supportsPerSecond >= targets.supportsPerSecond, `≥ ${targets.supportsPerSecond} supports/s`],
      [r.p99 <= targets.p99Ms, `p99 ≤ ${targets.p99Ms} ms`],
      [r.confirmationsPerSecond >= targets.confirmationsPerSecond, `≥ ${targets.confirmationsPerSecond} confirmations/s`],
      [r.errors === 0 && r.stored === options.count && r.counted === options.count && r.csvRows === options.count, '0 errors, each support stored and counted once, a CSV row each'],
      [r.exportSeconds <= limitExport, `CSV ≤ ${limitExport.toFixed(1)} s`],
      [r.retentionSeconds <= limitRetention && r.leftPersonal === 0, `retention ≤ ${limitRetention.toFixed(1)} s, nothing personal left`],
    ] as const;
    ok &&= checks.every(([pass]) => pass);
    console.log(`${r.engine}: ${checks.map(([pass, what]) => `${pass ? 'ok' : 'MISSED'} ${what}`).join('; ')}`);
  }
  return ok;
}
