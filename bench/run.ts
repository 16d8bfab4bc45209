/**
 * `npm run bench`: what the site costs to build and to visit, and how search
 * scales. Runs on copies of the project in a temporary folder; dist/ and
 * src/content are left alone.
 *
 *   node bench/run.ts            every part
 *   node bench/run.ts --pages    the project as it is: build, dist, page weights
 *   node bench/run.ts --scale    1,000 and 10,000 synthetic archive entries (--sizes=1000,10000), then 10,000
 *                                entries with 1,000 stored PDFs of 20 pages (--documents=1000; 0 skips; bench/archive-documents.ts)
 *   node bench/run.ts --signups  a sign-up burst against the self-hosted server, PGlite and PostgreSQL
 *                                (--clients=200 --requests=10000; bench/signups.ts)
 *   node bench/run.ts --notices  a cancelled event announced to 10,000 participants through the outbox to SMTP
 *   node bench/run.ts --follow   one cancelled programme announced to 10,000 followers through the outbox to SMTP
 *                                (--followers=10000; bench/follow.ts)
 *   node bench/run.ts --remarks  a consultation's 10,000 form remarks exported, previewed and imported as CSV
 *                                (--remarks=10000; bench/remarks.ts)
 *   node bench/run.ts --ideas    grouping ideas: pairwise precision and recall on the hand-labelled fixture, and
 *                                10,000 generated ideas grouped (--ideas-count=10000; bench/ideas.ts)
 *   node bench/run.ts --supports 2,000 supports of one request from 50 clients, confirmed, exported and erased
 *                                (--supports-count=2000 --supports-clients=50; bench/request-supports.ts)
 *                                (--participants=10000; bench/notices.ts)
 *   node bench/run.ts --live     save-to-visible time of the live site (npm start), on the project and on
 *                                10,000 archive entries (--saves=3 --live-entries=10000; bench/live-site.ts)
 *   node bench/run.ts --static   npm start's static answers: compression, validators, repeat views (bench/static-serving.ts)
 *   node bench/run.ts --results  lottery results pages at 10,000 and 50,000 codes, and sign-ups beside them
 *                                (bench/lottery-results.ts)
 *   node bench/run.ts --draw     RFC 3797 ordering of pools of 10,000 and 100,000 codes, in Node and
 *                                Chromium, and verifying their protocols (bench/draw.ts)
 *
 * Sizes are in kB = 1,000 bytes, as transferred (gzip for text, WOFF2 and
 * Pagefind's own files as they are).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildSite, createFixtureSite } from '../tests/support/fixture-site.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { serveStatic } from '../tests/support/static-server.ts';
import { benchScale, folderSize, htmlPages } from './archive-scale.ts';
import { benchDocuments } from './archive-documents.ts';
import { benchStaticServing } from './static-serving.ts';
import { benchLotteryResults } from './lottery-results.ts';
import { pageWeight } from './page-weight.ts';
import { benchDraw } from './draw.ts';
import { benchNotices } from './notices.ts';
import { benchSignups } from './signups.ts';
import { benchLiveSite } from './live-site.ts';
import { benchFollow } from './follow.ts';
import { benchRemarks } from './remarks.ts';
import { benchRequestSupports } from './request-supports.ts';
import { benchIdeas } from './ideas.ts';

const args = process.argv.slice(2);
const known = ['--pages', '--scale', '--signups', '--notices', '--draw', '--live', '--static', '--results', '--follow', '--remarks', '--supports', '--ideas'];
const valued = ['--ideas-count=', '--followers=', '--remarks=', '--supports-count=', '--supports-clients=', '--sizes=', '--documents=', '--clients=', '--requests=', '--participants=', '--saves=', '--live-entries=', '--static-entries=', '--lighthouse='];
const unknown = args.filter((arg) => !known.includes(arg) && !valued.some((prefix) => arg.startsWith(prefix)));
if (unknown.length > 0) {
  console.error(`Nieznana opcja: ${unknown.join(' ')}. Części: ${known.join(' ')}; ustawienia: ${valued.map((v) => `${v}…`).join(' ')}`);
  process.exit(2);
}
const parts = ['--pages', '--scale', '--signups', '--notices', '--draw', '--live', '--static', '--results', '--follow', '--remarks', '--supports', '--ideas'].filter((part) => args.includes(part));
const runs = (part: string) => parts.length === 0 || parts.includes(part);
const runPages = runs('--pages');
const runScale = runs('--scale');
const runSignups = runs('--signups');
const runNotices = runs('--notices');
const runDraw = runs('--draw');
const runLive = runs('--live');
const runStatic = runs('--static');
const runResults = runs('--results');
const runFollow = runs('--follow');
const numberArg = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);

/** Pages whose weight is reported; content pages must stay light and script-free. */
const measuredPages = [
  { path: '/', content: true },
  { path: '/programy/wspolne-projekty-miejskie-2020/', content: true },
  { path: '/archiwum/', content: false },
];
const contentPageBudget = 60_000;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
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

const started = performance.now();
console.log(`${cpus().length} CPU cores; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`);
let ok = true;
if (runPages) ok = (await benchPages()) && ok;
if (runScale) ok = (await benchScale(sizes, table)) && ok;
if (runScale && numberArg('documents', 1_000) > 0) ok = (await benchDocuments(table, { documents: numberArg('documents', 1_000) })) && ok;
if (runSignups) ok = (await benchSignups({ clients: numberArg('clients', 200), requests: numberArg('requests', 10_000), warmup: 1_000 }, table)) && ok;
if (runNotices) ok = (await benchNotices(numberArg('participants', 10_000), table)) && ok;
if (runFollow) ok = (await benchFollow(numberArg('followers', 10_000), table)) && ok;
if (runs('--remarks')) ok = (await benchRemarks(table, numberArg('remarks', 10_000))) && ok;
if (runs('--ideas')) ok = (await benchIdeas(table, numberArg('ideas-count', 10_000))) && ok;
if (runs('--supports')) ok = (await benchRequestSupports({ count: numberArg('supports-count', 2_000), clients: numberArg('supports-clients', 50) }, table)) && ok;
if (runDraw) ok = (await benchDraw(table)) && ok;
if (runStatic) ok = (await benchStaticServing(table)) && ok;
if (runResults) ok = (await benchLotteryResults(table)) && ok;
if (runLive) ok = (await benchLiveSite(table, { saves: numberArg('saves', 3), large: numberArg('live-entries', 10_000) })) && ok;
console.log(`\nLoad average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}.`);
// A missed target is a failure a script can see, not only a word in the output.
if (!ok) process.exitCode = 1;
console.log(`\nBench finished in ${seconds(performance.now() - started)}: ${ok ? 'all targets met' : 'some targets MISSED (see above)'}.`);
