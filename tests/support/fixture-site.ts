/**
 * A throw-away copy of the project with content of our own, built with the
 * project's real config (and so the real search integration). The search
 * test and the bench use it; src/content is never touched.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const projectRoot = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

const copied = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/**
 * Stands in for the report page until the real one exists: the minimum markup
 * the search contract asks for (see SearchMeta.astro).
 */
const placeholderReportPage = `---
import { getCollection, render } from 'astro:content';
import BaseLayout from '../../layouts/BaseLayout.astro';
import SearchMeta from '../../components/SearchMeta.astro';
import { reportTypes } from '../../data/reports.ts';
import { formatDay } from '../../lib/dates.ts';

export async function getStaticPaths() {
  return (await getCollection('reports')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
const report = entry.data;
---
<BaseLayout title={report.title}>
  <article data-pagefind-body>
    <h1>{report.title}</h1>
    <p>{reportTypes.label(report.type)}, <time datetime={report.date}>{formatDay(report.date)}</time></p>
    <p>{report.summary}</p>
    {report.recommendations.length > 0 && <ul>{report.recommendations.map((r) => <li><strong>{r.area}:</strong> {r.text}</li>)}</ul>}
    <Content />
    <SearchMeta type={report.type} year={report.date.slice(0, 4)} programme={report.programme?.id} />
  </article>
</BaseLayout>
`;

export interface FixtureSite {
  root: string;
  dist: string;
  remove(): Promise<void>;
}

/**
 * Copies the project (node_modules linked). With `reports` (file name →
 * markdown), they replace the archive; without, the project's content stays.
 */
export async function createFixtureSite(reports?: Map<string, string>, prefix = 'wspolnie-search-'): Promise<FixtureSite> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  for (const entry of copied) await cp(join(projectRoot, entry), join(root, entry), { recursive: true });
  await symlink(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  if (reports) {
    const archive = join(root, 'src/content/archiwum');
    await rm(archive, { recursive: true, force: true });
    await mkdir(archive, { recursive: true });
    // Written in batches: ten thousand files at once would exhaust file handles.
    const files = [...reports];
    for (let i = 0; i < files.length; i += 256) {
      await Promise.all(files.slice(i, i + 256).map(([name, markdown]) => writeFile(join(archive, name), markdown)));
    }
  }
  const reportPage = join(root, 'src/pages/archiwum/[id].astro');
  if (!existsSync(reportPage)) await writeFile(reportPage, placeholderReportPage);
  return { root, dist: join(root, 'dist'), remove: () => rm(root, { recursive: true, force: true }) };
}

export interface BuildResult {
  /** Wall time of `astro build`, indexing included, in milliseconds. */
  milliseconds: number;
  /** Pagefind's share, from the integration's log line. */
  indexMilliseconds: number;
  indexedPages: number;
  log: string;
}

/** Runs `astro build` in `root` with the project's own Node. */
export async function buildSite(root: string): Promise<BuildResult> {
  const started = performance.now();
  const log = await new Promise<string>((resolve, reject) => {
    // A content cache of the copy's own: node_modules (and so Astro's default cache) is shared with other copies building at once.
    const child = spawn(join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', WSPOLNIE_ASTRO_CACHE_DIR: join(root, '.astro-cache') } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`astro build zakończył się kodem ${code}:\n${output.slice(-4000)}`))));
  });
  const milliseconds = Math.round(performance.now() - started);
  const indexed = /Indeks wyszukiwarki: (\d+) stron, (\d+) ms/.exec(log);
  return { milliseconds, indexMilliseconds: Number(indexed?.[2] ?? NaN), indexedPages: Number(indexed?.[1] ?? NaN), log };
}

/** The markdown files of a fixtures folder, by file name. */
export async function readFixtureReports(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as [string, string])));
}
