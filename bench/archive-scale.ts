/**
 * The archive at scale: synthetic entries built as `npm run build` builds
 * (scripts/build.ts), then a first search in Chromium (`npm run bench --
 * --scale`). Measures the build's wall time and peak memory (the summed RSS
 * of every process under the bench: Astro, then Pagefind's own process
 * beside the compression) with where each went, the bytes of a first
 * search, and how long a typical query takes to be answered on a fresh page.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFixtureSite, type FixtureSite } from '../tests/support/fixture-site.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { serveStatic } from '../tests/support/static-server.ts';
import { benchArchive } from './generate-reports.ts';

type Table = (head: string[], rows: string[][]) => string;

const firstQueryBudget = 300_000;
/** Build + index limits by size (issue 13: 120 s and 2 GB at 50,000 entries; docs/benchmark.md: 90 s at 10,000). */
const timeBudgets: [entries: number, ms: number][] = [[50_000, 120_000], [10_000, 90_000]];
const memoryBudget = 2e9;
const answerBudgetMs = 1_000;
const query = 'lodz';
/** Typical queries timed from Enter to the announced count (a word on most entries, a folded place name). */
const timedQueries = ['rekomendacje', 'lodz'];
const sampleEveryMs = 200;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const GB = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Sums the resident memory (bytes) of every process below `pid`, now; 0 where /proc is missing. */
async function treeRss(pid: number): Promise<number> {
  const children = new Map<number, number[]>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (stat) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  let bytes = 0;
  const below = [...(children.get(pid) ?? [])];
  while (below.length) {
    const next = below.pop()!;
    below.push(...(children.get(next) ?? []));
    const status = await readFile(`/proc/${next}/status`, 'utf8').catch(() => '');
    bytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return bytes;
}

/** One sample of the build's memory: milliseconds since sampling began, summed RSS in bytes. */
export type MemorySample = { at: number; bytes: number };

/** Samples `treeRss(process.pid)` until the returned stop() is called; stop() gives the samples. */
export function sampleMemory(): () => Promise<MemorySample[]> {
  const started = performance.now();
  const samples: MemorySample[] = [];
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => void samples.push({ at: performance.now() - started, bytes: await treeRss(process.pid) }));
  }, sampleEveryMs);
  return async () => {
    clearInterval(timer);
    await sampling;
    return samples;
  };
}

/** A line the build printed, with the milliseconds since it started. */
export type LogLine = { at: number; text: string };
type ScriptBuild = { milliseconds: number; indexMilliseconds: number; lines: LogLine[] };

/**
 * Builds `root` as `npm run build` does (scripts/build.ts: `astro build`,
 * then the index and the compressed copies after Astro's process has
 * ended), timing each line of its output.
 */
export async function buildAsNpmDoes(root: string, env: Record<string, string> = {}): Promise<ScriptBuild> {
  const started = performance.now();
  const lines: LogLine[] = [];
  const script = fileURLToPath(new URL('../scripts/build.ts', import.meta.url));
  await new Promise<void>((resolve, reject) => {
    // A content cache of the copy's own, as tests/support/fixture-site.ts does: node_modules is shared.
    const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', WSPOLNIE_ASTRO_CACHE_DIR: join(root, '.astro-cache'), ...env } });
    let pending = '';
    const take = (chunk: Buffer) => {
      const parts = (pending + chunk.toString('utf8')).split('\n');
      pending = parts.pop()!;
      for (const text of parts) lines.push({ at: performance.now() - started, text });
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build zakończył się kodem ${code}:\n${lines.slice(-40).map((l) => l.text).join('\n')}`))));
  });
  const indexed = lines.map((l) => /Indeks wyszukiwarki: (\d+) stron, (\d+) ms/.exec(l.text)).find(Boolean);
  return { milliseconds: Math.round(performance.now() - started), indexMilliseconds: Number(indexed?.[2] ?? NaN), lines };
}

/** Where the build's time went, from its timed lines (NaN for a phase whose lines are missing). */
interface Phases {
  /** Start to Astro's "Synced content". */
  contentMs: number;
  /** Then to "generating static routes": Vite's bundling of the site (the content store included). */
  bundleMs: number;
  /** Rendering the pages ("generating static routes" to its "Completed"). */
  renderMs: number;
  /** Astro's last steps: its other integrations' build:done hooks (fonts report, sitemap, …) and its exit. */
  astroRestMs: number;
  /** After Astro's process: index and compressed copies side by side (finish-build.ts). */
  afterMs: number;
  /** When Astro's part ended (ms since start), to split the memory samples. */
  astroEnd: number;
}

function phasesOf(lines: LogLine[], totalMs: number): Phases {
  const at = (pattern: RegExp, from = 0) => lines.slice(from).find((l) => pattern.test(l.text));
  const synced = at(/Synced content/);
  const renderStart = lines.findIndex((l) => /generating static routes/.test(l.text));
  const rendered = renderStart >= 0 ? at(/✓ Completed in/, renderStart) : undefined;
  // Printed by the build script once Astro's process has exited (src/integrations/finish-build.ts).
  const astroDone = at(/^Strony zbudowane; indeks wyszukiwarki/);
  const astroEnd = astroDone?.at ?? NaN;
  return {
    contentMs: synced?.at ?? NaN,
    bundleMs: renderStart >= 0 && synced ? lines[renderStart]!.at - synced.at : NaN,
    renderMs: rendered && renderStart >= 0 ? rendered.at - lines[renderStart]!.at : NaN,
    astroRestMs: rendered ? astroEnd - rendered.at : NaN,
    afterMs: totalMs - astroEnd,
    astroEnd,
  };
}

export async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

export async function htmlPages(dist: string): Promise<number> {
  return (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind')).length;
}

interface ScaleRow {
  entries: number;
  pages: number;
  buildMs: number;
  indexMs: number;
  /** Peak summed RSS of the build's processes, in bytes: in all, while Astro ran, and after it. */
  peakRss: number;
  peakAstro: number;
  peakAfter: number;
  phases: Phases;
  indexBytes: number;
  fragments: number;
  initBytes: number;
  queryBytes: number;
  results: number;
  firstResult: string;
  /** /pagefind/ bytes of the first query (init included), by kind of file. */
  byKind: Record<string, number>;
  /** Milliseconds from Enter to the announced count, each query on a fresh page with the index's start-up done. */
  answers: Record<string, number>;
  load: string;
}

/** "/pagefind/index/pl_1a2b.pf_index" → "index"; "/pagefind/wasm.pl.pagefind" → "wasm". */
function pagefindKind(path: string): string {
  if (/\/(index|fragment|filter)\//.test(path)) return /\/(index|fragment|filter)\//.exec(path)![1]!;
  if (path.endsWith('.pf_meta')) return 'meta';
  if (path.endsWith('.json')) return 'json';
  if (path.includes('wasm.')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  return 'other';
}

/** Opens the archive in a fresh context and waits until the search form is ready and the index's start-up loaded. */
async function openArchive(browser: Awaited<ReturnType<typeof launchChromium>>, url: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/archiwum/`);
  await page.locator('[data-search-filters]:not([hidden])').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  return page;
}

async function answerTimes(browser: Awaited<ReturnType<typeof launchChromium>>, url: string): Promise<Record<string, number>> {
  const answers: Record<string, number> = {};
  for (const q of timedQueries) {
    const page = await openArchive(browser, url);
    await page.getByLabel('Szukane słowa').fill(q);
    const started = performance.now();
    await page.keyboard.press('Enter');
    await page.locator('[data-search-status]').filter({ hasText: /Znaleziono|Nie znaleziono/ }).waitFor({ timeout: 60_000 });
    answers[q] = Math.round(performance.now() - started);
    await page.context().close();
  }
  return answers;
}

export async function firstQuery(site: Pick<FixtureSite, "dist">): Promise<Pick<ScaleRow, 'initBytes' | 'queryBytes' | 'results' | 'firstResult' | 'byKind' | 'answers'>> {
  const server = await serveStatic(site.dist);
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/archiwum/`);
    await page.locator('[data-search-filters]:not([hidden])').waitFor({ timeout: 30_000 });
    const afterInit = server.sent.length;
    await page.getByLabel('Szukane słowa').fill(query);
    await page.keyboard.press('Enter');
    const status = page.locator('[data-search-status]').filter({ hasText: /Znaleziono|Nie znaleziono/ });
    await status.waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const pagefindBytes = (from: number, to?: number) => server.sent.slice(from, to).filter((s) => s.path.startsWith('/pagefind/')).reduce((sum, s) => sum + s.bytes, 0);
    const results = Number(/Znaleziono (\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
    const firstResult = (await page.locator('[data-search-list] > li').first().textContent().catch(() => '')) ?? '';
    const byKind: Record<string, number> = {};
    for (const s of server.sent.filter((s) => s.path.startsWith('/pagefind/'))) byKind[pagefindKind(s.path)] = (byKind[pagefindKind(s.path)] ?? 0) + s.bytes;
    const [initBytes, queryBytes] = [pagefindBytes(0, afterInit), pagefindBytes(afterInit)];
    // Counted before: the timed queries open pages of their own on the same server.
    const answers = await answerTimes(browser, server.url);
    return { initBytes, queryBytes, results, firstResult, byKind, answers };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function benchScale(sizes: number[], table: Table): Promise<boolean> {
  console.log(`\n## Scale: synthetic archive entries (${sizes.join(', ')}), query "${query}"\n`);
  const rows: ScaleRow[] = [];
  for (const entries of sizes) {
    let samples: MemorySample[] = [];
    const site = await createFixtureSite(await benchArchive(entries), `wspolnie-bench-${entries}-`);
    try {
      const stopSampling = sampleMemory();
      const build = await buildAsNpmDoes(site.root).finally(async () => (samples = await stopSampling()));
      const phases = phasesOf(build.lines, build.milliseconds);
      const peak = (keep: (s: MemorySample) => boolean) => Math.max(0, ...samples.filter(keep).map((s) => s.bytes));
      const index = await folderSize(join(site.dist, 'pagefind'));
      const fragments = (await readdir(join(site.dist, 'pagefind'), { recursive: true })).filter((f) => f.endsWith('.pf_fragment')).length;
      const buildLoad = load();
      rows.push({
        entries, pages: await htmlPages(site.dist), buildMs: build.milliseconds, indexMs: build.indexMilliseconds,
        peakRss: peak(() => true), peakAstro: peak((s) => !(s.at > phases.astroEnd)), peakAfter: peak((s) => s.at > phases.astroEnd), phases,
        indexBytes: index.bytes, fragments, ...(await firstQuery(site)), load: buildLoad,
      });
    } finally {
      await site.remove();
    }
  }
  console.log(table(
    ['entries', 'pages', 'build + index', 'index only', 'peak memory', 'dist/pagefind', 'fragments', 'search init', 'first query', 'init + query', `"${query}" results`, ...timedQueries.map((q) => `"${q}" answered`), 'load (1/5/15 min)'],
    rows.map((r) => [
      String(r.entries), String(r.pages), seconds(r.buildMs), seconds(r.indexMs), GB(r.peakRss), MB(r.indexBytes), String(r.fragments),
      kB(r.initBytes), kB(r.queryBytes), kB(r.initBytes + r.queryBytes), String(r.results), ...timedQueries.map((q) => seconds(r.answers[q] ?? NaN)), r.load,
    ]),
  ));
  console.log('\nWhere the build went (npm run build: Astro, then the index and the compressed copies side by side once Astro has exited):\n');
  console.log(table(
    ['entries', 'content sync', 'bundling', 'rendering', "Astro's other hooks and exit", 'index + copies after Astro', 'peak memory while Astro ran', 'peak memory after'],
    rows.map((r) => [String(r.entries), seconds(r.phases.contentMs), seconds(r.phases.bundleMs), seconds(r.phases.renderMs), seconds(r.phases.astroRestMs), seconds(r.phases.afterMs), GB(r.peakAstro), GB(r.peakAfter)]),
  ));
  let ok = true;
  const verdict = (within: boolean) => (within ? 'ok' : 'MISSED');
  for (const r of rows) {
    const timeBudget = timeBudgets.find(([size]) => r.entries >= size)?.[1];
    const withinTime = timeBudget === undefined || r.buildMs <= timeBudget;
    const withinMemory = r.entries < 50_000 || r.peakRss <= memoryBudget;
    const withinQuery = r.initBytes + r.queryBytes <= firstQueryBudget;
    const withinAnswers = timedQueries.every((q) => (r.answers[q] ?? Infinity) <= answerBudgetMs);
    const found = r.results > 0 && /Łód|Łodz/.test(r.firstResult);
    ok &&= withinTime && withinMemory && withinQuery && withinAnswers && found;
    console.log(`${r.entries}: ${verdict(withinTime)} build + index ${seconds(r.buildMs)}` +
      (timeBudget ? ` (limit ${seconds(timeBudget)}, ratio ${(r.buildMs / timeBudget).toFixed(2)})` : ' (no limit below 10,000)') +
      `; ${verdict(withinMemory)} peak memory ${GB(r.peakRss)} (limit ${GB(memoryBudget)} at 50,000, ratio ${(r.peakRss / memoryBudget).toFixed(2)})` +
      `; ${verdict(withinQuery)} first search ${kB(r.initBytes + r.queryBytes)} (limit ${kB(firstQueryBudget)}, ratio ${((r.initBytes + r.queryBytes) / firstQueryBudget).toFixed(2)}: ${Object.entries(r.byKind).map(([k, v]) => `${k} ${kB(v)}`).join(', ')})` +
      `; ${verdict(withinAnswers)} answered in ${timedQueries.map((q) => `"${q}" ${seconds(r.answers[q] ?? NaN)} (ratio ${((r.answers[q] ?? NaN) / answerBudgetMs).toFixed(2)})`).join(', ')}, limit ${seconds(answerBudgetMs)}` +
      `; "${query}" ${found ? 'finds' : 'does NOT find'} Łódź: ${r.firstResult.replace(/\s+/g, ' ').slice(0, 90)}…; load average after the build ${r.load}, now ${load()}`);
  }
  if (rows.length >= 2) {
    const [small, large] = [rows[0]!, rows.at(-1)!];
    const marginal = (large.buildMs - small.buildMs) / (large.entries - small.entries);
    console.log(`Growth: ${marginal.toFixed(2)} ms per extra entry; ${(large.buildMs / small.buildMs).toFixed(1)}× the time for ${(large.entries / small.entries).toFixed(0)}× the entries ` +
      `(a fixed start-up cost of ~${seconds(Math.max(0, small.buildMs - marginal * small.entries))} makes small builds look slower per entry).`);
  }
  return ok;
}
