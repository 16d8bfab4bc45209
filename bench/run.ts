/**
 * `npm run bench`: what the site costs to build and to visit, and how search
 * scales. Runs on copies of the project in a temporary folder; dist/ and
 * src/content are left alone.
 *
 *   node bench/run.ts            every part
 *   node bench/run.ts --pages    the project as it is: build, dist, page weights
 *   node bench/run.ts --scale    1,000 and 10,000 synthetic archive entries (--sizes=1000,10000)
 *   node bench/run.ts --signups  a sign-up burst against the self-hosted server, PGlite and PostgreSQL
 *                                (--clients=200 --requests=10000; bench/signups.ts)
 *   node bench/run.ts --notices  a cancelled event announced to 10,000 participants through the outbox to SMTP
 *                                (--participants=10000; bench/notices.ts)
 *   node bench/run.ts --live     save-to-visible time of the live site (npm start), on the project and on
 *                                10,000 archive entries (--saves=3 --live-entries=10000; bench/live-site.ts)
 *   node bench/run.ts --draw     RFC 3797 ordering of pools of 10,000 and 100,000 codes, in Node and
 *                                Chromium, and verifying their protocols (bench/draw.ts)
 *
 * Sizes are in kB = 1,000 bytes, as transferred (gzip for text, WOFF2 and
 * Pagefind's own files as they are).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSite, createFixtureSite, type FixtureSite } from '../tests/support/fixture-site.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { serveStatic } from '../tests/support/static-server.ts';
import { generateReports } from './generate-reports.ts';
import { pageWeight } from './page-weight.ts';
import { benchDraw } from './draw.ts';
import { benchNotices } from './notices.ts';
import { benchSignups } from './signups.ts';
import { benchLiveSite } from './live-site.ts';

const args = process.argv.slice(2);
const parts = ['--pages', '--scale', '--signups', '--notices', '--draw', '--live'].filter((part) => args.includes(part));
const runs = (part: string) => parts.length === 0 || parts.includes(part);
const runPages = runs('--pages');
const runScale = runs('--scale');
const runSignups = runs('--signups');
const runNotices = runs('--notices');
const runDraw = runs('--draw');
const runLive = runs('--live');
const numberArg = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);

/** Pages whose weight is reported; content pages must stay light and script-free. */
const measuredPages = [
  { path: '/', content: true },
  { path: '/programy/wspolne-projekty-miejskie-2020/', content: true },
  { path: '/archiwum/', content: false },
];
const contentPageBudget = 60_000;
const firstQueryBudget = 300_000;
const scaleBudgetMs = 90_000;
const query = 'lodz';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

async function htmlPages(dist: string): Promise<number> {
  return (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind')).length;
}

/** Loads a page in Chromium and sums what the server sent, by kind. */
async function measureInBrowser(dist: string, paths: string[]): Promise<Map<string, { total: number; js: number }>> {
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  const measured = new Map<string, { total: number; js: number }>();
  try {
    for (const path of paths) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const from = server.sent.length;
      const response = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
      if (response?.status() === 200) {
        const sent = server.sent.slice(from);
        measured.set(path, {
          total: sent.reduce((sum, s) => sum + s.bytes, 0),
          js: sent.filter((s) => /\.(m?js|wasm|pagefind)$/.test(s.path)).reduce((sum, s) => sum + s.bytes, 0),
        });
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return measured;
}

async function benchPages(): Promise<boolean> {
  console.log('\n## The project as it is\n');
  const site = await createFixtureSite(undefined, 'wspolnie-bench-');
  try {
    const build = await buildSite(site.root);
    const dist = await folderSize(site.dist);
    const index = await folderSize(join(site.dist, 'pagefind'));
    console.log(table(['build (with index)', 'index', 'pages', 'indexed', 'dist', 'dist/pagefind'], [[
      seconds(build.milliseconds), seconds(build.indexMilliseconds), String(await htmlPages(site.dist)), String(build.indexedPages), MB(dist.bytes), kB(index.bytes),
    ]]));
    const browser = await measureInBrowser(site.dist, measuredPages.map((p) => p.path));
    let ok = true;
    const rows = measuredPages.map(({ path, content }) => {
      const weight = pageWeight(site.dist, path);
      if (!weight) return [path, '—', '—', '—', '—', 'not built', '—', '—', content ? 'n/a' : ''];
      const loaded = browser.get(path);
      const pass = !content || (weight.total <= contentPageBudget && weight.js === 0 && (loaded?.js ?? 0) === 0);
      ok &&= pass;
      return [
        path, kB(weight.html), kB(weight.css), `${kB(weight.fonts)} (${weight.fontFiles.length})`, kB(weight.js), kB(weight.total),
        loaded ? kB(loaded.total) : '—', loaded ? kB(loaded.js) : '—',
        content ? (pass ? `ok (≤ ${kB(contentPageBudget)}, 0 B JS)` : `MISSED (≤ ${kB(contentPageBudget)}, 0 B JS)`) : 'search page: JS expected',
      ];
    });
    console.log('\nPer-page transfer. Static: HTML + linked CSS (gzip) + WOFF2 faces the text needs (all weights) + scripts (gzip).');
    console.log('Browser: every byte Chromium fetched until network idle (pagefind init included on /archiwum/).\n');
    console.log(table(['page', 'HTML', 'CSS', 'fonts (files)', 'JS', 'total', 'browser total', 'browser JS', 'target'], rows));
    return ok;
  } finally {
    await site.remove();
  }
}

interface ScaleRow {
  entries: number;
  pages: number;
  buildMs: number;
  indexMs: number;
  indexBytes: number;
  fragments: number;
  initBytes: number;
  queryBytes: number;
  results: number;
  firstResult: string;
  /** /pagefind/ bytes of the first query (init included), by kind of file. */
  byKind: Record<string, number>;
}

/** "/pagefind/index/pl_1a2b.pf_index" → "index"; "/pagefind/wasm.pl.pagefind" → "wasm". */
function pagefindKind(path: string): string {
  if (/\/(index|fragment|filter)\//.test(path)) return /\/(index|fragment|filter)\//.exec(path)![1]!;
  if (path.endsWith('.pf_meta')) return 'meta';
  if (path.includes('wasm.')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  return 'other';
}

async function firstQuery(site: FixtureSite): Promise<Pick<ScaleRow, 'initBytes' | 'queryBytes' | 'results' | 'firstResult' | 'byKind'>> {
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
    return { initBytes: pagefindBytes(0, afterInit), queryBytes: pagefindBytes(afterInit), results, firstResult, byKind };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function benchScale(): Promise<boolean> {
  console.log(`\n## Scale: synthetic archive entries (${sizes.join(', ')}), query "${query}"\n`);
  const programmes = (await readdir(new URL('../src/content/programy/', import.meta.url))).map((f) => f.replace(/\.mdx?$/, ''));
  const rows: ScaleRow[] = [];
  for (const entries of sizes) {
    const site = await createFixtureSite(generateReports(entries, programmes), `wspolnie-bench-${entries}-`);
    try {
      const build = await buildSite(site.root);
      const index = await folderSize(join(site.dist, 'pagefind'));
      const fragments = (await readdir(join(site.dist, 'pagefind', 'fragment'))).length;
      rows.push({ entries, pages: await htmlPages(site.dist), buildMs: build.milliseconds, indexMs: build.indexMilliseconds, indexBytes: index.bytes, fragments, ...(await firstQuery(site)) });
    } finally {
      await site.remove();
    }
  }
  console.log(table(
    ['entries', 'pages', 'build + index', 'index only', 'ms per entry', 'dist/pagefind', 'fragments', 'search init', 'first query', 'init + query', `"${query}" results`],
    rows.map((r) => [
      String(r.entries), String(r.pages), seconds(r.buildMs), seconds(r.indexMs), (r.buildMs / r.entries).toFixed(2), MB(r.indexBytes), String(r.fragments),
      kB(r.initBytes), kB(r.queryBytes), kB(r.initBytes + r.queryBytes), String(r.results),
    ]),
  ));
  let ok = true;
  for (const r of rows) {
    const withinTime = r.entries < 10_000 || r.buildMs <= scaleBudgetMs;
    const withinQuery = r.initBytes + r.queryBytes <= firstQueryBudget;
    const found = r.results > 0 && /Łód|Łodz/.test(r.firstResult);
    ok &&= withinTime && withinQuery && found;
    console.log(`${r.entries}: ${withinTime ? 'ok' : 'MISSED'} time${r.entries >= 10_000 ? ` (≤ ${seconds(scaleBudgetMs)})` : ''}; ` +
      `${withinQuery ? 'ok' : 'MISSED'} first query (≤ ${kB(firstQueryBudget)}: ${Object.entries(r.byKind).map(([k, v]) => `${k} ${kB(v)}`).join(', ')}); ` +
      `"${query}" ${found ? 'finds' : 'does NOT find'} Łódź: ${r.firstResult.replace(/\s+/g, ' ').slice(0, 90)}…`);
  }
  if (rows.length >= 2) {
    const [small, large] = [rows[0]!, rows.at(-1)!];
    const marginal = (large.buildMs - small.buildMs) / (large.entries - small.entries);
    console.log(`Growth: ${marginal.toFixed(2)} ms per extra entry; ${(large.buildMs / small.buildMs).toFixed(1)}× the time for ${(large.entries / small.entries).toFixed(0)}× the entries ` +
      `(a fixed start-up cost of ~${seconds(Math.max(0, small.buildMs - marginal * small.entries))} makes small builds look slower per entry).`);
  }
  return ok;
}

const started = performance.now();
let ok = true;
if (runPages) ok = (await benchPages()) && ok;
if (runScale) ok = (await benchScale()) && ok;
if (runSignups) ok = (await benchSignups({ clients: numberArg('clients', 200), requests: numberArg('requests', 10_000), warmup: 1_000 }, table)) && ok;
if (runNotices) ok = (await benchNotices(numberArg('participants', 10_000), table)) && ok;
if (runDraw) ok = (await benchDraw(table)) && ok;
if (runLive) ok = (await benchLiveSite(table, { saves: numberArg('saves', 3), large: numberArg('live-entries', 10_000) })) && ok;
console.log(`\nBench finished in ${seconds(performance.now() - started)}: ${ok ? 'all targets met' : 'some targets MISSED (see above)'}.`);
