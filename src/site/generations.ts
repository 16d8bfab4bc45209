/**
 * The built site as the self-hosted server serves it: a folder that can be
 * replaced while requests are being answered.
 *
 * Each build goes into `<siteDir>/.build/` (never into the folder being
 * served; one stable path, so that Astro keeps its content cache between
 * builds) and, once complete, is moved to a fresh folder
 * `<siteDir>/<generation>/` by rename(2) and published: one
 * assignment in memory switches every new request to it, and the symlink
 * `<siteDir>/current` is replaced by rename(2), which is atomic, for other
 * processes (`npm run draw`). A request holds a lease on the folder it
 * started with, so it finishes on that folder; a superseded folder is deleted
 * when its last lease ends.
 *
 * The archive's search index is a stream of its own (`<siteDir>/<index>/
 * pagefind/`, published with `publishIndex`): the pages go out first and
 * their index follows (src/site/search-index.ts), without copying the pages.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { lockDataDir } from '../db/data-dir-lock.ts';

/** A folder being served, held by one request until `release()`. */
interface SiteLease {
  /** Absolute path of the built site. */
  root: string;
  /** Where `/pagefind/` is served from, when the search index lives apart from the pages (live rebuilds). */
  searchRoot?: string | undefined;
  release(): void;
}

/** Where the server finds the built site: a fixed folder, or generations that change. */
export interface SiteRoot {
  /** The folder serving now (waits for the first publication); for reads that do not span awaits. */
  current(): Promise<string>;
  /** The folder serving now, kept on disk until the lease is released. */
  lease(): Promise<SiteLease>;
}

/** A folder built once (`npm run build`, or a test's copy): it never changes. */
export function fixedSiteRoot(root: string): SiteRoot {
  const lease: SiteLease = { root, release: () => {} };
  return { current: async () => root, lease: async () => lease };
}

export interface SiteGenerations extends SiteRoot {
  /** The folder serving now, or undefined before the first publication. */
  readonly published: string | undefined;
  /** The folder every build writes into; emptied by `clearBuildDir`. */
  readonly buildDir: string;
  /** Astro's cache for these builds. */
  readonly cacheDir: string;
  clearBuildDir(): Promise<void>;
  /** Moves the finished build out of `buildDir` into a new generation folder, and returns that folder. */
  adopt(): Promise<string>;
  /** A new, empty folder for a search index (the index goes into its `pagefind/`). */
  prepare(): Promise<string>;
  /** The search index serving now, if one was published apart from the pages. */
  readonly publishedIndex: string | undefined;
  /** Makes a complete search index current (`/pagefind/` is served from it); the previous one goes like a superseded site. */
  publishIndex(folder: string): void;
  /** Makes a complete build current; the previous one is deleted once no request holds it. */
  publish(root: string): Promise<void>;
  /** Resolves when the superseded folders being deleted in the background are gone. */
  settled(): Promise<void>;
  /** Rejects everyone waiting for a first publication that will not come (the first build failed). */
  abandon(reason: Error): void;
  /** Releases the folder for another process (the lock taken by openGenerations). */
  close(): void;
  /** Deletes a folder that was prepared but will not be published (a failed build). */
  discard(root: string): Promise<void>;
  /**
   * The site the previous run served (its pages and search index), kept at
   * open so that a restart whose first build fails still serves it; deleted
   * once this run publishes a site of its own. Undefined when there is none.
   */
  readonly previousRun: { pages: string; index: string | undefined } | undefined;
  /** Serves the previous run's site again (the first build failed); false when there is none. */
  restorePreviousRun(): Promise<boolean>;
}

const currentLink = 'current';
/** Where the published search index is, for the next run (`previousRun`). */
const currentIndexLink = 'current-index';
/** Astro's cache for the builds of this folder (`cacheDir`, set through WSPOLNIE_ASTRO_CACHE_DIR). */
const cacheFolder = '.astro-cache';

/** Kept when a server starts: Astro's content cache and the link to the project's node_modules (live-site.ts). */
const keptAtStart = new Set([cacheFolder, 'node_modules']);

/**
 * Generations under `siteDir` (created if missing), for this process alone:
 * a second server on the same folder is refused (DataDirLockedError) before
 * anything is touched. Folders left by an earlier run are then deleted, except
 * the site it last published (`current`, `current-index`): kept as
 * `previousRun` until this run publishes, so that a restart whose first build
 * fails (a file edited by hand, a lottery announcement conflict) keeps
 * serving residents, the panel and the sign-ups.
 */
export async function openGenerations(siteDir: string): Promise<SiteGenerations> {
  const lock = lockDataDir(
    siteDir,
    (pid) => `Strona w folderze ${siteDir} jest już obsługiwana przez proces o PID ${pid} (np. drugie „npm start”). Zatrzymaj tamten proces albo ustaw WSPOLNIE_DATA_DIR na inny folder danych.`,
  );
  await mkdir(siteDir, { recursive: true });
  const linked = async (name: string, needs: string) => {
    const target = await readlink(join(siteDir, name)).catch(() => undefined);
    // Only a folder of this siteDir that still holds what it must (a half-deleted one is no site).
    return target && dirname(target) === siteDir && existsSync(join(target, needs)) ? target : undefined;
  };
  const previousPages = await linked(currentLink, 'index.html');
  const previousIndex = previousPages ? await linked(currentIndexLink, 'pagefind/pagefind-entry.json') : undefined;
  const keep = new Set([...keptAtStart, ...[previousPages, previousIndex].filter((f): f is string => f !== undefined).map((f) => basename(f))]);
  for (const name of await readdir(siteDir)) if (!keep.has(name)) await rm(join(siteDir, name), { recursive: true, force: true });
  let previousRun = previousPages ? { pages: previousPages, index: previousIndex } : undefined;

  let published: string | undefined;
  let publishedIndex: string | undefined;
  let firstPublished: () => void;
  let firstAbandoned: (reason: Error) => void;
  const first = new Promise<void>((resolve, reject) => {
    firstPublished = resolve;
    firstAbandoned = reject;
  });
  // Nobody may be waiting when it is abandoned.
  first.catch(() => {});
  const leases = new Map<string, number>();
  const retired = new Set<string>();
  let sequence = 0;
  const buildDir = join(siteDir, '.build');
  // Time first, so that a listing sorts by age; the sequence separates two in one millisecond.
  const newName = () => join(siteDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++sequence}`);

  /** Points `<siteDir>/<name>` at `folder`, atomically (rename(2) over the old link). */
  const link = async (name: string, folder: string) => {
    const path = join(siteDir, name);
    const temporary = `${path}.${++sequence}.tmp`;
    await rm(temporary, { force: true });
    await symlink(folder, temporary);
    await rename(temporary, path);
  };

  const deleting = new Set<Promise<void>>();
  const removeIfUnused = (root: string) => {
    if (root === published || root === publishedIndex || (leases.get(root) ?? 0) > 0 || !retired.has(root)) return;
    retired.delete(root);
    const removal = rm(root, { recursive: true, force: true }).finally(() => deleting.delete(removal));
    deleting.add(removal);
  };

  const hold = (folder: string) => leases.set(folder, (leases.get(folder) ?? 0) + 1);
  const letGo = (folder: string) => {
    const left = (leases.get(folder) ?? 1) - 1;
    if (left > 0) return void leases.set(folder, left);
    leases.delete(folder);
    removeIfUnused(folder);
  };
  const retire = (folder: string | undefined) => {
    if (!folder) return;
    retired.add(folder);
    removeIfUnused(folder);
  };

  const acquire = (): SiteLease => {
    const root = published!;
    const index = publishedIndex;
    hold(root);
    if (index) hold(index);
    let released = false;
    return {
      root,
      searchRoot: index,
      release() {
        if (released) return;
        released = true;
        letGo(root);
        if (index) letGo(index);
      },
    };
  };

  return {
    get published() {
      return published;
    },
    get publishedIndex() {
      return publishedIndex;
    },
    publishIndex(folder) {
      const previous = publishedIndex;
      publishedIndex = folder;
      if (previous !== folder) retire(previous);
      void link(currentIndexLink, folder);
      if (previousRun?.index && previousRun.index !== folder && previous === undefined) retire(previousRun.index);
    },
    async current() {
      if (!published) await first;
      return published!;
    },
    async lease() {
      if (!published) await first;
      return acquire();
    },
    buildDir,
    cacheDir: join(siteDir, cacheFolder),
    clearBuildDir: () => rm(buildDir, { recursive: true, force: true }),
    async adopt() {
      const root = newName();
      await rename(buildDir, root);
      return root;
    },
    async prepare() {
      const root = newName();
      await mkdir(root);
      return root;
    },
    async publish(root) {
      const previous = published;
      published = root;
      firstPublished();
      await link(currentLink, root);
      if (previous !== root) retire(previous);
      // This run's own site is out: the previous run's pages go (its index goes when this run's index does).
      if (previousRun && previousRun.pages !== root && previous === undefined) {
        retire(previousRun.pages);
        if (previousRun.index && publishedIndex !== previousRun.index) retire(previousRun.index);
        previousRun = undefined;
      }
    },
    get previousRun() {
      return previousRun;
    },
    async restorePreviousRun() {
      if (!previousRun || published) return false;
      const { pages, index } = previousRun;
      if (index) publishedIndex = index;
      published = pages;
      previousRun = undefined;
      firstPublished();
      return true;
    },
    abandon(reason) {
      if (!published) firstAbandoned(reason);
    },
    close: () => lock.release(),
    async settled() {
      while (deleting.size > 0) await Promise.all(deleting);
    },
    async discard(root) {
      if (root === published) return;
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Where `<siteDir>/current` points, if anywhere: the published site for other processes. */
export async function publishedSiteDir(siteDir: string): Promise<string | undefined> {
  try {
    return await readlink(join(siteDir, currentLink));
  } catch {
    return undefined;
  }
}
