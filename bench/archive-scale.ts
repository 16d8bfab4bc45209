/**
 * The archive at scale: synthetic entries built and indexed, then a first
 * search in Chromium (`npm run bench -- --scale`).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSite, createFixtureSite, type FixtureSite } from '../tests/support/fixture-site.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { serveStatic } from '../tests/support/static-server.ts';
import { generateReports } from './generate-reports.ts';

type Table = (head: string[], rows: string[][]) => string;

const firstQueryBudget = 300_000;
const scaleBudgetMs = 90_000;
const query = 'lodz';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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

export async function benchScale(sizes: number[], table: Table): Promise<boolean> {
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
