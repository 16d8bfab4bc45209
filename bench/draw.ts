/**
 * The draw's cost: RFC 3797 ordering of whole pools (src/draw/rfc3797.ts),
 * in Node and in Chromium (the results page's verifier recomputes the draw
 * in the visitor's browser), and the full verification of a protocol (pool
 * order, SHA-256, key, order) in Node. Target: 100,000 codes ordered in ≤ 2 s.
 *
 * Each figure is the median of `runs` runs after one warm-up run; the pool is
 * registration-shaped codes, the key a realistic one (Lotto + drand).
 *
 * And the draw on the database (issue 13): a lottery of 10,000 and of 50,000
 * confirmed applications on PGlite and on PostgreSQL, frozen and drawn by the
 * real code (src/lottery/freeze.ts, run-draw.ts, via
 * tests/support/draw-scale.ts) — one run each, since a draw happens once:
 * runDraw's wall time, its transaction with every status, the protocol file
 * and one queued email per code. Targets: ≤ 2 s at 10,000, ≤ 10 s at 50,000.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildProtocol, freezePool, serializeProtocol } from '../src/draw/protocol.ts';
import { drawOrder } from '../src/draw/rfc3797.ts';
import { verifyProtocolText } from '../src/draw/verify.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { sampleCodes, sampleSources } from '../tests/support/draw-protocols.ts';
import { scaleLottery, seedFreezeAndDraw } from '../tests/support/draw-scale.ts';
import { openDatabase } from '../src/db/open.ts';
import { migrate, readMigrations } from '../src/db/migrations.ts';
import { createLinkSigner } from '../src/http/links.ts';
import { withPostgres } from './signups.ts';
import { districts } from '../src/data/districts.ts';
import { adultsByAgeBand, ageBands, apportion } from '../src/data/population.ts';
import { checkQuotas } from '../src/draw/quotas.ts';
import { stratifiedDraw } from '../src/draw/stratified.ts';
import { krakowPool, krakowQuotas, seededRandom } from '../tests/unit/stratified-krakow.ts';

export const drawBudgetMs = 2_000;
const key = '3.7.19.28.33.41./9F2C4E1B7A5D3C8E0F6A2B4D1C9E7F3A5B8D0C2E4F6A1B3C5D7E9F0A2B4C6D8E/';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(run: () => unknown, runs: number): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** The ordering bundled as the browser gets it (esbuild, like Vite's output), timed inside Chromium. */
async function chromiumTimes(sizes: number[], runs: number): Promise<Map<number, number>> {
  const bundle = await build({
    stdin: { contents: "export { drawOrder } from './src/draw/rfc3797.ts';", resolveDir: new URL('..', import.meta.url).pathname, loader: 'ts' },
    bundle: true, format: 'iife', globalName: 'rfc3797', write: false, minify: true, target: 'es2022',
  });
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const times = new Map<number, number>();
    for (const size of sizes) {
      const pool = sampleCodes(size);
      times.set(size, await page.evaluate(({ pool, key, runs }) => {
        const { drawOrder } = (globalThis as unknown as { rfc3797: { drawOrder: (p: string[], k: string) => string[] } }).rfc3797;
        drawOrder(pool, key);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          drawOrder(pool, key);
          times.push(performance.now() - started);
        }
        return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      }, { pool, key, runs }));
    }
    return times;
  } finally {
    await browser.close();
  }
}

export async function benchDraw(table: (head: string[], rows: string[][]) => string, sizes = [10_000, 100_000], runs = 5): Promise<boolean> {
  console.log(`\n## Draw: RFC 3797 ordering of whole pools (median of ${runs} runs)\n`);
  console.log(`${cpus().length} CPU cores; load average ${loadavg()[0]!.toFixed(1)}`);
  const inBrowser = await chromiumTimes(sizes, runs);
  let ok = true;
  const rows = sizes.map((size) => {
    const pool = freezePool(sampleCodes(size), new Date('2026-03-10T23:00:00Z'));
    const node = timed(() => drawOrder(pool.codes, key), runs);
    const text = serializeProtocol(buildProtocol({ programme: { id: 'bench', title: 'Bench' }, capacity: 60, pool, sources: sampleSources, at: new Date('2026-03-15T10:00:00Z') }));
    const verify = timed(() => {
      if (!verifyProtocolText(text).ok) throw new Error('the bench protocol does not verify');
    }, runs);
    const browser = inBrowser.get(size)!;
    const pass = size < 100_000 || (node <= drawBudgetMs && browser <= drawBudgetMs);
    ok &&= pass;
    return [size.toLocaleString('en'), `${node.toFixed(0)} ms`, `${browser.toFixed(0)} ms`, `${verify.toFixed(0)} ms`, `${(text.length / 1e6).toFixed(2)} MB`,
      size >= 100_000 ? (pass ? `ok (≤ ${drawBudgetMs / 1000} s)` : `MISSED (≤ ${drawBudgetMs / 1000} s)`) : ''];
  });
  console.log(`\n${table(['pool', 'order (Node)', 'order (Chromium)', 'verify protocol (Node)', 'protocol JSON', 'target'], rows)}`);
  ok = benchStratified(table, runs) && ok;
  return (await benchDatabaseDraw(table)) && ok;
}

/** The draw's limits on the database, by pool size (issue 13). */
export const drawTransactionBudgetMs: Record<number, number> = { 10_000: 2_000, 50_000: 10_000 };

interface DatabaseDraw {
  engine: string;
  size: number;
  freezeMs: number;
  drawMs: number;
  queued: number;
}

async function drawsOn(engine: string, env: Record<string, string>, sizes: number[]): Promise<DatabaseDraw[]> {
  const dir = await mkdtemp(join(tmpdir(), 'wspolnie-bench-draw-'));
  const db = await openDatabase({ ...env, WSPOLNIE_DATA_DIR: dir });
  try {
    await migrate(db, await readMigrations());
    const links = createLinkSigner(Buffer.alloc(32, 7), 'https://wspolnie.example');
    const all = sampleCodes(sizes.reduce((a, b) => a + b, 0), 41);
    const results: DatabaseDraw[] = [];
    let from = 0;
    for (const size of sizes) {
      const entry = scaleLottery(`losowanie-${size}`, Math.round(size / 25));
      const drawn = await seedFreezeAndDraw(db, entry, size, links, { codes: all.slice(from, from + size) });
      from += size;
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox o JOIN applications a ON o.dedupe_key = 'draw-result:' || a.id WHERE a.programme_id = $1`,
        [entry.id],
      );
      results.push({ engine, size, freezeMs: drawn.freezeMs, drawMs: drawn.drawMs, queued: rows[0]!.n });
    }
    return results;
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The draw on the database at 10,000 and 50,000 codes, on both engines; true when every run is within its budget. */
export async function benchDatabaseDraw(table: (head: string[], rows: string[][]) => string, sizes = [10_000, 50_000]): Promise<boolean> {
  console.log('\n## Draw on the database: freeze and draw of whole lotteries (one run each)\n');
  console.log(`${cpus().length} CPU cores; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`);
  const runs = [...(await drawsOn('PGlite', {}, sizes)), ...(await withPostgres((url) => drawsOn('PostgreSQL 15', { DATABASE_URL: url }, sizes)))];
  let ok = true;
  const rows = runs.map((r) => {
    const budget = drawTransactionBudgetMs[r.size];
    const pass = budget === undefined || (r.drawMs <= budget && r.queued === r.size);
    ok &&= pass;
    return [r.engine, r.size.toLocaleString('en'), `${r.freezeMs.toFixed(0)} ms`, `${(r.drawMs / 1000).toFixed(2)} s`, String(r.queued),
      budget === undefined ? '' : `${(r.drawMs / budget).toFixed(2)}`, budget === undefined ? '' : `${pass ? 'ok' : 'MISSED'} (≤ ${budget / 1000} s, one email per code)`];
  });
  console.log(`\n${table(['database', 'pool', 'freeze', 'draw (one transaction)', 'emails queued', 'ratio', 'target'], rows)}`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`);
  return ok;
}

/** Issue 14's limit for one stratified draw of 10,000 codes (ordering and walk). */
export const stratifiedBudgetMs = 1_000;

/** 10,000 codes unevenly over 18 districts × 4 age bands; quotas for `capacity`: a district minimum, age bands proportional (exact). */
function stratifiedCase(capacity: number, districtMin: number) {
  const random = seededRandom(capacity);
  const pool = freezePool(sampleCodes(10_000, 7), new Date('2026-03-10T23:00:00Z')).codes;
  const districtWeights = districts.values.map((_, i) => 1 + ((i * 5) % 7));
  const bandWeights = [40, 30, 20, 10];
  const pick = (weights: number[]) => {
    let r = random(weights.reduce((a, b) => a + b, 0));
    return weights.findIndex((w) => (r -= w) < 0);
  };
  const values = new Map(pool.map((code) => [code, [districts.values[pick(districtWeights)]!, ageBands.values[pick(bandWeights)]!]]));
  const seats = apportion(adultsByAgeBand, capacity);
  const quotas = checkQuotas({
    capacity,
    categories: [
      { name: 'dzielnica', values: Object.fromEntries(districts.values.map((d) => [d, { min: districtMin, max: capacity }])) },
      { name: 'wiek', values: Object.fromEntries(ageBands.values.map((b) => [b, { min: seats[b], max: seats[b] }])) },
    ],
  });
  return { pool, values, quotas };
}

/** Min, median and max of a list of numbers. */
const spread = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return [sorted[0]!, median(sorted), sorted[sorted.length - 1]!];
};

/** The stratified draw's figures; true when both sizes are within the budget. */
export function benchStratified(table: (head: string[], rows: string[][]) => string, runs = 5, draws = 10_000): boolean {
  console.log(`\n## Stratified draw (issue 14): 10,000 codes, 18 × 4 cells (median of ${runs} runs)\n`);
  console.log(`${cpus().length} CPU cores; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  let ok = true;
  const rows = [[60, 2], [1_000, 20]].map(([capacity, districtMin]) => {
    const { pool, values, quotas } = stratifiedCase(capacity!, districtMin!);
    let result = stratifiedDraw(drawOrder(pool, key), values, quotas);
    const order = drawOrder(pool, key);
    const walk = timed(() => (result = stratifiedDraw(order, values, quotas)), runs);
    const whole = timed(() => stratifiedDraw(drawOrder(pool, key), values, quotas), runs);
    const pass = whole <= stratifiedBudgetMs;
    ok &&= pass;
    return [String(capacity), `${districtMin} per district, age bands exact`, `${result.skips.length}`, `${result.relaxations.length}`, `${walk.toFixed(0)} ms`, `${whole.toFixed(0)} ms`,
      (whole / stratifiedBudgetMs).toFixed(2), `${pass ? 'ok' : 'MISSED'} (≤ ${stratifiedBudgetMs / 1000} s)`];
  });
  console.log(`\n${table(['capacity', 'quotas', 'skipped', 'relaxed', 'walk', 'order + walk', 'ratio', 'target'], rows)}`);

  const { pool, values } = krakowPool();
  const random = seededRandom(3797);
  const chosen = new Map(pool.map((code) => [code, 0]));
  const started = performance.now();
  for (let d = 0; d < draws; d++) {
    const drawKey = `${Array.from({ length: 6 }, () => random(50) + 1).join('.')}./${random(2 ** 30).toString(16).toUpperCase()}/`;
    for (const code of stratifiedDraw(drawOrder(pool, drawKey), values, krakowQuotas).accepted) chosen.set(code, chosen.get(code)! + 1);
  }
  const seconds = (performance.now() - started) / 1000;
  const cellOf = (code: string) => values.get(code)!.join(' ');
  const cells = Map.groupBy(pool, cellOf);
  const perCell = [...cells].map(([cell, codes]) => ({ cell, applicants: codes.length, share: codes.reduce((s, c) => s + chosen.get(c)!, 0) / codes.length / draws }));
  perCell.sort((a, b) => a.share - b.share);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const perApplicant = spread([...chosen.values()].map((n) => n / draws));
  console.log(`\nKraków-shaped case: ${pool.length} applicants, 60 places, ${draws.toLocaleString('en')} draws in ${seconds.toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`selection frequency per applicant: min ${pct(perApplicant[0]!)}, median ${pct(perApplicant[1]!)}, max ${pct(perApplicant[2]!)} (plain lot: 20.0% each)`);
  const cellSpread = spread(perCell.map((c) => c.share));
  console.log(`per cell (district × age band, ${perCell.length} cells): min ${pct(cellSpread[0]!)}, median ${pct(cellSpread[1]!)}, max ${pct(cellSpread[2]!)}`);
  console.log(`\n${table(['cell', 'applicants', 'selected'], [...perCell.slice(0, 3), ...perCell.slice(-3)].map((c) => [c.cell, String(c.applicants), pct(c.share)]))}`);
  return ok;
}
