/**
 * `npm run bench -- --static`: the built site as npm start's server sends it
 * (src/server/server.ts with src/server/static-files.ts, the same code
 * `npm start` runs for its pages), measured in Chromium through the DevTools
 * protocol, against issue 13's limits:
 *
 * - first view of each content template: the bodies on the wire (Brotli
 *   copies, fonts, …) ≤ 1.05 × bench/page-weight.ts's figure for the page
 *   (gzip -9 of HTML, CSS and scripts, plus the WOFF2 faces its text needs);
 *   the bytes with headers are printed beside it;
 * - a further view of another content page in the same browser context,
 *   headers included, ≤ 15 kB (fonts and stylesheets come from the cache);
 * - Lighthouse 12 (its default, mobile, configuration) on each of those
 *   pages: 100 in all four categories and no failed audit
 *   (`--lighthouse=0` to skip; its performance score follows the machine's
 *   load, printed beside it);
 * - the cost of compression in a build of 10,000 archive entries
 *   (`--static-entries=10000`, 0 to skip), from the build's own log line.
 *
 * Every figure is printed with its limit, its ratio and the load average.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import lighthouse from 'lighthouse';
import { launch as launchChrome } from 'chrome-launcher';
import { startServer } from '../src/server/server.ts';
import { chromiumPath, launchChromium } from '../tests/support/chromium.ts';
import { buildSite, createFixtureSite } from '../tests/support/fixture-site.ts';
import { generateReports } from './generate-reports.ts';
import { pageWeight } from './page-weight.ts';

type Table = (head: string[], rows: string[][]) => string;

/** One page of each content template of the project's content (skipped with a note when the content has none). */
const contentPages = [
  '/',
  '/programy/',
  '/programy/wspolne-projekty-miejskie-2020/',
  '/konsultacje/',
  '/konsultacje/jak-rozwijac-konsultacje-spoleczne-w-krakowie-2025/',
  '/wydarzenia/',
  '/wydarzenia/wpm-2020-warsztat-2/',
  '/aktualnosci/',
  '/aktualnosci/wspolne-projekty-2020-dyskusja-online/',
  '/archiwum/wspolne-projekty-2020-podsumowanie-i-rekomendacje/',
  '/kalendarz/',
  '/losowania/',
  '/o-portalu/',
  '/prywatnosc/',
  '/deklaracja-dostepnosci/',
];

const firstViewRatioLimit = 1.05;
const repeatViewLimit = 15_000;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

interface Transfer {
  status: number;
  /** Bodies as sent (Content-Length of each answer; 0 for a 304 or a cache hit), bytes. */
  bodies: number;
  /** Everything on the wire, headers included (CDP loadingFinished.encodedDataLength), bytes. */
  wire: number;
  /** Requests that reached the server, and of them 304s. */
  requests: number;
  notModified: number;
  /** Responses sent without a Content-Encoding although their type is text. */
  uncompressedText: string[];
}

/** Opens `url` in a page of `context` and sums what the network carried until it went idle. */
async function visit(context: BrowserContext, url: string): Promise<Transfer> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const transfer: Transfer = { status: 0, bodies: 0, wire: 0, requests: 0, notModified: 0, uncompressedText: [] };
  cdp.on('Network.responseReceived', ({ response }) => {
    if (response.fromDiskCache || response.fromServiceWorker || response.fromPrefetchCache) return;
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    transfer.requests += 1;
    if (response.status === 304) transfer.notModified += 1;
    else transfer.bodies += Number(headers['content-length'] ?? 0);
    const length = Number(headers['content-length'] ?? 0);
    if (response.status === 200 && length >= 1024 && /text|javascript|json|svg|xml/.test(headers['content-type'] ?? '') && !headers['content-encoding']) {
      transfer.uncompressedText.push(new URL(response.url).pathname);
    }
  });
  cdp.on('Network.loadingFinished', ({ encodedDataLength }) => (transfer.wire += encodedDataLength));
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  transfer.status = response?.status() ?? 0;
  await cdp.detach();
  await page.close();
  return transfer;
}

/** Lighthouse's own line between a passed and a failed audit (its report's PASS_THRESHOLD). */
const lighthousePass = 0.9;

/**
 * One page's Lighthouse result: category scores (0–100), the audits that
 * failed (scored below 0.9) and those that passed below 1 (informative,
 * manual and not-applicable audits carry no score).
 */
interface LighthouseRow {
  path: string;
  scores: Record<string, number>;
  failed: string[];
  imperfect: string[];
  load: string;
}

/** Lighthouse on each page, one Chromium (the tests' own executable) for all. */
async function lighthouseScores(origin: string, pages: readonly string[]): Promise<LighthouseRow[]> {
  const chrome = await launchChrome({ chromePath: chromiumPath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: LighthouseRow[] = [];
  try {
    for (const path of pages) {
      const result = await lighthouse(`${origin}${path}`, { port: chrome.port, output: 'json', logLevel: 'error' });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(Object.values(lhr.categories).map((c) => [c.id, Math.round((c.score ?? 0) * 100)]));
      const below = (limit: number) => Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < limit)
        .map((a) => `${a.id} ${a.score!.toFixed(2)}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      rows.push({ path, scores, failed: below(lighthousePass), imperfect: below(1).filter((line) => !below(lighthousePass).includes(line)), load: load() });
    }
  } finally {
    chrome.kill();
  }
  return rows;
}

/** The time the precompress integration logged in a build of `entries` synthetic archive entries. */
async function compressionAtScale(entries: number): Promise<{ line: string; ms: number; buildMs: number; load: string }> {
  const programmes = (await readdir(new URL('../src/content/programy/', import.meta.url))).map((f) => f.replace(/\.mdx?$/, ''));
  const site = await createFixtureSite(generateReports(entries, programmes), `wspolnie-bench-static-${entries}-`);
  try {
    const build = await buildSite(site.root);
    const line = /Skompresowano [^\n]*/.exec(build.log)?.[0] ?? 'no compression line in the build log';
    return { line, ms: Number(/w (\d+) ms/.exec(line)?.[1] ?? NaN), buildMs: build.milliseconds, load: load() };
  } finally {
    await site.remove();
  }
}

export async function benchStaticServing(table: Table): Promise<boolean> {
  const entries = Number(process.argv.find((a) => a.startsWith('--static-entries='))?.split('=')[1] ?? 10_000);
  const withLighthouse = !process.argv.includes('--lighthouse=0');
  console.log(`\n## Static serving (npm start's server, Chromium)\n`);
  const site = await createFixtureSite(undefined, 'wspolnie-bench-static-');
  let server: Server | undefined;
  const browser = await launchChromium();
  let ok = true;
  try {
    const build = await buildSite(site.root);
    console.log(`Build ${(build.milliseconds / 1000).toFixed(1)} s; ${/Skompresowano [^\n]*/.exec(build.log)?.[0] ?? 'no compression line in the build log'}`);
    server = await startServer({ root: site.dist, port: 0, host: '127.0.0.1', rateLimits: 'off', log: () => {} });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pages = contentPages.filter((path) => existsSync(join(site.dist, path, 'index.html')));
    const skipped = contentPages.filter((path) => !pages.includes(path));

    const firstRows: string[][] = [];
    for (const path of pages) {
      const context = await browser.newContext();
      const seen = await visit(context, `${origin}${path}`);
      await context.close();
      const figure = pageWeight(site.dist, path)?.total ?? NaN;
      const ratio = seen.bodies / figure;
      const pass = seen.status === 200 && ratio <= firstViewRatioLimit && seen.uncompressedText.length === 0;
      ok &&= pass;
      firstRows.push([path, kB(seen.bodies), kB(figure), `≤ ${firstViewRatioLimit}×`, ratio.toFixed(2), kB(seen.wire), String(seen.requests), seen.uncompressedText.join(', ') || '—', pass ? 'ok' : 'MISSED', load()]);
    }
    console.log('\nFirst view, a fresh browser context per page: bodies as sent vs bench/page-weight.ts (gzip -9 text + WOFF2 faces).\n');
    console.log(table(['page', 'bodies sent', 'page-weight figure', 'limit', 'ratio', 'with headers', 'requests', 'uncompressed text ≥ 1 kB', 'verdict', 'load (1/5/15 min)'], firstRows));

    // Further views: one context, the first page loaded once, then every other page after it.
    const context = await browser.newContext();
    await visit(context, `${origin}${pages[0]}`);
    const repeatRows: string[][] = [];
    for (const path of pages.slice(1)) {
      const seen = await visit(context, `${origin}${path}`);
      const pass = seen.status === 200 && seen.wire <= repeatViewLimit;
      ok &&= pass;
      repeatRows.push([path, kB(seen.wire), kB(repeatViewLimit), (seen.wire / repeatViewLimit).toFixed(2), String(seen.requests), String(seen.notModified), pass ? 'ok' : 'MISSED', load()]);
    }
    await context.close();
    console.log(`\nFurther views in the same context after ${pages[0]}: everything on the wire, headers included.\n`);
    console.log(table(['page', 'transferred', 'limit', 'ratio', 'requests', 'of them 304', 'verdict', 'load (1/5/15 min)'], repeatRows));
    if (withLighthouse) {
      const rows = await lighthouseScores(origin, pages);
      const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
      console.log(`\nLighthouse 12.2.3 (default mobile configuration, simulated throttling) on npm start's answers; limit 100 in each category and no failed audit (score < ${lighthousePass}).\n`);
      console.log(table(['page', ...categories, 'failed audits', 'passed below 1', 'verdict', 'load (1/5/15 min)'], rows.map((r) => {
        const pass = categories.every((c) => r.scores[c] === 100) && r.failed.length === 0;
        ok &&= pass;
        return [r.path, ...categories.map((c) => String(r.scores[c] ?? '—')), r.failed.join(', ') || '—', r.imperfect.join(', ') || '—', pass ? 'ok' : 'MISSED', r.load];
      })));
    }
    if (skipped.length) console.log(`\nNot in this content, so not measured: ${skipped.join(', ')}.`);
    console.log('The first search at 10,000 entries is the scale part\'s (--scale); its files go through the same server code.');
  } finally {
    await browser.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await site.remove();
  }

  if (entries > 0) {
    const scale = await compressionAtScale(entries);
    console.log(`\nCompression in a build of ${entries.toLocaleString('en')} archive entries: ${scale.line} (build ${(scale.buildMs / 1000).toFixed(1)} s in all, ` +
      `compression ${((scale.ms / scale.buildMs) * 100).toFixed(0)} % of it; load ${scale.load}). The live server does this after publishing, beside the search index.`);
  }
  return ok;
}
