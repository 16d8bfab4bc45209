/**
 * A throw-away copy of the project with content of our own, built with the
 * project's real config (and so the real search integration). The search
 * test, the browser tests and the bench use it; src/content is never touched.
 *
 * `builtFixtureSite` builds a copy with given files once per test run and
 * hands each caller a copy of the result; `projectBuildCopy` hands out a copy
 * of the project's own build (dist/) where a plain copy would build the same.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fixtureCacheDir } from './test-services.ts';

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

/** Files to write into a copy: path relative to the copy → content. */
export type FixtureFiles = Record<string, string | Uint8Array>;

/** SHA-256 (hex) of what a build of a copy with `files` reads: the copied project files, then `files`, each by path. */
export async function fixtureKey(files: FixtureFiles): Promise<string> {
  const hash = createHash('sha256');
  const add = (path: string, content: string | Uint8Array) => {
    hash.update(`${path}\0${Buffer.byteLength(content)}\0`);
    hash.update(content);
  };
  for (const entry of copied) {
    const paths = (await stat(join(projectRoot, entry))).isDirectory()
      ? (await readdir(join(projectRoot, entry), { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => relative(projectRoot, join(d.parentPath, d.name))).sort()
      : [entry];
    for (const path of paths) add(path, await readFile(join(projectRoot, path)));
  }
  add('\0fixture', '');
  for (const path of Object.keys(files).sort()) add(path, files[path]!);
  return hash.digest('hex');
}

/**
 * A built copy of the project with `files` written into it, as a folder of
 * its own holding only `dist/` (`root` has no sources): the caller may write
 * into it and removes it.
 *
 * In a run with the global setup (test-services.ts) the build happens once
 * per run for the same project files and `files` (see `fixtureKey`): the
 * first caller, in whichever worker, takes a lock (an atomic mkdir), builds
 * and renames the result into the run's fixture folder; the others wait for
 * that rename (fs.watch, no polling) and copy it; a failed build is written
 * beside it, so they fail with its error rather than wait. Outside such a
 * run it simply builds.
 */
export async function builtFixtureSite(files: FixtureFiles, prefix: string): Promise<FixtureSite> {
  const cache = fixtureCacheDir();
  if (!cache) {
    const site = await createFixtureSite(undefined, prefix);
    try {
      await writeFixtureFiles(site.root, files);
      await buildSite(site.root);
      return site;
    } catch (error) {
      await site.remove();
      throw error;
    }
  }
  const built = join(cache, await fixtureKey(files));
  await buildOnce(built, async (into) => {
    const site = await createFixtureSite(undefined, prefix);
    try {
      await writeFixtureFiles(site.root, files);
      await buildSite(site.root);
      await rename(site.dist, into);
    } finally {
      await site.remove();
    }
  });
  return copyOfBuild(built, prefix);
}

/**
 * A copy of the project's own build (dist/, made by `npm run build` before
 * the built and browser tests), for a test that would otherwise build a copy
 * of the project unchanged. Throws, in Polish, when there is no build.
 */
export async function projectBuildCopy(prefix: string): Promise<FixtureSite> {
  const dist = join(projectRoot, 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('Brak dist/: zbuduj stronę (npm run build) przed testami przeglądarkowymi.');
  return copyOfBuild(dist, prefix);
}

async function writeFixtureFiles(root: string, files: FixtureFiles): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

async function copyOfBuild(dist: string, prefix: string): Promise<FixtureSite> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  try {
    await cp(dist, join(root, 'dist'), { recursive: true });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { root, dist: join(root, 'dist'), remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * Makes `target` exist by `make(target)`, once across processes: whoever
 * creates `<target>.lock` first makes it; the others await it. `make` must
 * create `target` by an atomic rename as its last step.
 */
async function buildOnce(target: string, make: (into: string) => Promise<void>): Promise<void> {
  if (existsSync(target)) return;
  const failed = `${target}.failed`;
  try {
    await mkdir(`${target}.lock`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return appeared(target, failed);
  }
  try {
    await make(target);
  } catch (error) {
    await writeFile(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

/** Resolves when `target` exists; rejects with the content of `failed` when that appears instead. */
function appeared(target: string, failed: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Watching first, then looking: a rename between the two is seen either way.
    const watcher = watch(dirname(target));
    const check = () => {
      if (existsSync(target)) {
        watcher.close();
        resolve();
      } else if (existsSync(failed)) {
        watcher.close();
        reject(new Error(`the build of ${basename(target)} failed in another worker:\n${readFileSync(failed, 'utf8')}`));
      }
    };
    watcher.on('change', check);
    watcher.on('error', (error) => {
      watcher.close();
      reject(error);
    });
    check();
  });
}
