/**
 * Lottery results at city scale (issue 13): the self-hosted server
 * (src/server/app.ts, what `npm start` runs) on PGlite with two drawn
 * lotteries of 10,000 and 50,000 codes, set up with the real freeze and draw
 * (tests/support/draw-scale.ts; their result emails are then marked sent,
 * since this bench is about pages, not the outbox).
 *
 * 1. Each view alone, one request at a time: the first page, a page in the
 *    middle, a lookup by code, pula.txt, protokol.json and its 304 — median
 *    time and bytes.
 * 2. Sign-ups beside results: the sign-up burst of bench/signups.ts
 *    (bench/signup-client.ts in a child process) without, then with, 8
 *    clients in another child process (this file, run as a script) loading
 *    results pages and lookups of the 50,000-code draw as fast as they are
 *    answered. Target: sign-up p99 with them ≤ 1.5 × without. That process
 *    runs at nice 19: readers are people on their own machines, and on this
 *    one their client's CPU must not be taken from the server or from the
 *    sign-up clients whose latency is measured; the server's work for them
 *    is what the target is about.
 *
 * As a script: node bench/lottery-results.ts <origin> <programme> <codes file> <clients> <seconds>
 * prints one JSON line when it starts loading and one with its counts at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { catalogueOf } from '../src/catalogue/catalogue.ts';
import { openDatabase } from '../src/db/open.ts';
import { createMailTransport } from '../src/mail/transport.ts';
import { startApp } from '../src/server/app.ts';
import { sampleCodes } from '../tests/support/draw-protocols.ts';
import { scaleLottery, seedFreezeAndDraw } from '../tests/support/draw-scale.ts';
import { createSmtpSink } from '../tests/support/smtp-sink.ts';
import { benchProgramme, signupBurst, type ClientResult } from './signups.ts';

type Table = (head: string[], rows: string[][]) => string;

const day = 86_400_000;
const limits = { p99Ratio: 1.5, pageBytes: 100_000 };
const burst = { clients: 100, requests: 4_000, warmup: 500 };
const resultsClients = 8;

interface Got {
  status: number;
  bytes: number;
  ms: number;
}

function get(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<Got> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => void (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, bytes: 0, ms: performance.now() - started }));
    req.end();
  });
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;

/** The child process: `clients` connections loading pages and lookups until `seconds` have passed. */
async function loadResults(origin: string, programme: string, codesFile: string, clients: number, seconds: number): Promise<void> {
  const codes = (await readFile(codesFile, 'utf8')).trimEnd().split('\n');
  const pages = Math.ceil(codes.length / 250);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let bytes = 0;
  let failed = 0;
  let n = 0;
  console.log(JSON.stringify({ started: true }));
  const client = async () => {
    while (performance.now() < until) {
      const i = n++;
      // Page 1 has one address, without ?strona= (a ?strona=1 is redirected to it).
      const page = 1 + (i % pages);
      const path = i % 2 === 0 ? (page === 1 ? '' : `?strona=${page}`) : `?kod=${codes[(i * 7919) % codes.length]}`;
      const got = await get(agent, `${origin}/losowania/${programme}/${path}`, { 'X-Forwarded-For': `10.200.${(i >> 8) & 255}.${i & 255}` });
      latencies.push(got.ms);
      bytes += got.bytes;
      if (got.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  console.log(JSON.stringify({ views: latencies.length, failed, perSecond: latencies.length / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), meanBytes: bytes / Math.max(1, latencies.length) }));
}

/** Starts the results loaders; resolves once they are loading, with their final report to await. */
async function startLoaders(origin: string, programme: string, codesFile: string, seconds: number) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), origin, programme, codesFile, String(resultsClients), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  // The 8 readers stand for people on their own machines: on this one they must not take the CPU from the
  // server or from the sign-up clients whose latency is measured, so they get what is left (nice 19).
  setPriority(child.pid!, 19);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  await lines.next(); // {"started":true}
  const report = (async () => JSON.parse(String((await lines.next()).value)) as { views: number; failed: number; perSecond: number; p50: number; p99: number; meanBytes: number })();
  return { child, report };
}

async function singleViews(origin: string, programme: string, codes: string[], protocolEtag: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = `${origin}/losowania/${programme}/`;
  const views: [string, (i: number) => [string, Record<string, string>]][] = [
    ['page 1', () => ['', {}]],
    ['page in the middle', () => [`?strona=${Math.ceil(codes.length / 500)}`, {}]],
    ['lookup by code', (i) => [`?kod=${codes[(i * 7919) % codes.length]}`, {}]],
    ['pula.txt', () => ['pula.txt', {}]],
    ['protokol.json', () => ['protokol.json', {}]],
    ['protokol.json, If-None-Match', () => ['protokol.json', { 'If-None-Match': protocolEtag }]],
  ];
  const rows: { view: string; ms: number; bytes: number; status: number }[] = [];
  for (const [view, path] of views) {
    const times: number[] = [];
    let last: Got = { status: 0, bytes: 0, ms: 0 };
    for (let i = 0; i < 21; i++) {
      const [p, headers] = path(i);
      last = await get(agent, `${base}${p}`, { ...headers, 'X-Forwarded-For': `10.100.${(i >> 8) & 255}.${i & 255}` });
      if (i > 0) times.push(last.ms);
    }
    rows.push({ view, ms: quantile(times, 0.5), bytes: last.bytes, status: last.status });
  }
  agent.destroy();
  return rows;
}

export async function benchLotteryResults(table: Table): Promise<boolean> {
  console.log('\n## Lottery results at 10,000 and 50,000 codes, and sign-ups beside them (self-hosted server, PGlite)\n');
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`${cpus().length} CPU cores; load average ${load()} at the start`);
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-bench-results-'));
  await writeFile(join(root, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  const db = await openDatabase({ WSPOLNIE_DATA_DIR: root });
  const sink = await createSmtpSink();
  await sink.start();
  const past = new Date(Date.now() - 2 * day);
  const lotteries = [{ size: 10_000, entry: scaleLottery('losowanie-10000', 1_000, past) }, { size: 50_000, entry: scaleLottery('losowanie-50000', 2_000, past) }];
  const all = sampleCodes(60_000, 29);
  let ok = true;
  try {
    const app = await startApp({
      root, port: 0, host: '127.0.0.1',
      env: { WSPOLNIE_SECRET: 'bench-secret-bench-secret-bench-secret-0123' },
      db, transport: createMailTransport({ SMTP_URL: sink.url }),
      catalogue: async () => catalogueOf([benchProgramme, ...lotteries.map((l) => l.entry)]),
      trustProxy: true, log: () => undefined,
    });
    try {
      const drawn = [];
      for (const [i, { size, entry }] of lotteries.entries()) {
        const codes = i === 0 ? all.slice(0, size) : all.slice(10_000, 10_000 + size);
        drawn.push({ size, entry, ...(await seedFreezeAndDraw(db, entry, size, app.runtime.links, { codes })) });
      }
      await db.query(`UPDATE outbox SET status = 'sent', sent_at = now() WHERE kind = 'draw-result'`);

      const rows: string[][] = [];
      for (const d of drawn) {
        const etag = (await fetch(`${app.origin}/losowania/${d.entry.id}/protokol.json`, { method: 'HEAD' })).headers.get('etag') ?? '';
        for (const v of await singleViews(app.origin, d.entry.id, d.protocol.order, etag)) {
          const bounded = !v.view.startsWith('page') && !v.view.startsWith('lookup') ? '' : v.bytes <= limits.pageBytes ? `ok (≤ ${limits.pageBytes / 1000} kB)` : `MISSED (≤ ${limits.pageBytes / 1000} kB)`;
          if (bounded.startsWith('MISSED') || v.status !== (v.view.includes('If-None-Match') ? 304 : 200)) ok = false;
          rows.push([d.size.toLocaleString('en'), v.view, String(v.status), `${v.ms.toFixed(1)} ms`, `${(v.bytes / 1000).toFixed(1)} kB`, bounded]);
        }
      }
      console.log(`\nEach view alone (median of 20 after one warm-up; load average ${load()}):\n`);
      console.log(table(['pool', 'view', 'status', 'time', 'bytes', 'limit'], rows));

      const big = drawn[1]!;
      const codesFile = join(root, 'kody.txt');
      await writeFile(codesFile, big.protocol.order.join('\n'));
      await signupBurst(app.origin, burst.clients, burst.warmup, 'rozgrzewka');
      const alone = await signupBurst(app.origin, burst.clients, burst.requests, 'sami');
      const loaders = await startLoaders(app.origin, big.entry.id, codesFile, Math.ceil((alone.wallMs * 4) / 1000) + 5);
      const beside = await signupBurst(app.origin, burst.clients, burst.requests, 'obok');
      const stillLoading = loaders.child.exitCode === null;
      const pages = await loaders.report;
      const ratio = beside.p99 / alone.p99;
      const pass = ratio <= limits.p99Ratio && stillLoading && pages.failed === 0;
      ok &&= pass;
      const rate = (r: ClientResult) => `${Math.round((r.statuses['202'] ?? 0) / (r.wallMs / 1000))}/s`;
      console.log(`\nSign-ups (${burst.requests} from ${burst.clients} clients) without and with ${resultsClients} clients loading results pages and lookups of the 50,000-code draw (load average ${load()}):\n`);
      console.log(table(['sign-ups', 'rate', 'p50', 'p99', 'p99 ratio', 'results views', 'target'], [
        ['alone', rate(alone), `${alone.p50.toFixed(1)} ms`, `${alone.p99.toFixed(1)} ms`, '1.00', '—', ''],
        ['beside results', rate(beside), `${beside.p50.toFixed(1)} ms`, `${beside.p99.toFixed(1)} ms`, ratio.toFixed(2),
          `${Math.round(pages.perSecond)}/s, p50 ${pages.p50.toFixed(0)} ms, p99 ${pages.p99.toFixed(0)} ms, ${(pages.meanBytes / 1000).toFixed(1)} kB, ${pages.failed} failed`,
          `${pass ? 'ok' : 'MISSED'} (p99 ≤ ${limits.p99Ratio} × alone${stillLoading ? '' : '; the loaders stopped before the burst ended'})`],
      ]));
      const errors = (r: ClientResult) => r.sent - (r.statuses['202'] ?? 0);
      if (errors(alone) + errors(beside) > 0) {
        ok = false;
        console.log(`MISSED: sign-ups not accepted: ${errors(alone)} alone, ${errors(beside)} beside results`);
      }
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
    await sink.dispose();
    await rm(root, { recursive: true, force: true });
  }
  console.log(`load average ${load()} at the end`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [origin = '', programme = '', codesFile = '', clients = '8', seconds = '10'] = process.argv.slice(2);
  await loadResults(origin, programme, codesFile, Number(clients), Number(seconds));
}
