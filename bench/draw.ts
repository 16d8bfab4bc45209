/**
 * The draw's cost: RFC 3797 ordering of whole pools (src/draw/rfc3797.ts),
 * in Node and in Chromium (the results page's verifier recomputes the draw
 * in the visitor's browser), and the full verification of a protocol (pool
 * order, SHA-256, key, order) in Node. Target: 100,000 codes ordered in ≤ 2 s.
 *
 * Each figure is the median of `runs` runs after one warm-up run; the pool is
 * registration-shaped codes, the key a realistic one (Lotto + drand).
 */
import { cpus, loadavg } from 'node:os';
import { build } from 'esbuild';
import { buildProtocol, freezePool, serializeProtocol } from '../src/draw/protocol.ts';
import { drawOrder } from '../src/draw/rfc3797.ts';
import { verifyProtocolText } from '../src/draw/verify.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { sampleCodes, sampleSources } from '../tests/support/draw-protocols.ts';

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
  return ok;
}
