/**
 * Rebuilds the site when something asks (a saved file, a passed boundary, a
 * webhook) and publishes the result, one build at a time.
 *
 * - Coalesced: requests arriving within `quietMs` of each other, or while a
 *   build runs, give one build after the last of them, not one each.
 * - Atomic: the build writes a folder of its own (generations.ts) that is
 *   published only when complete; requests in flight finish on the old one.
 * - Pages first: the new pages are published with the previous search
 *   index, and the new index follows as a publication of its own
 *   (search-index.ts), so that a save is visible without waiting for it.
 * - Safe: a failed build publishes nothing, so the last good site stays live;
 *   its Polish explanation (build-failure.ts) is kept for the staff panel and
 *   logged once, not again while the same failure repeats.
 * - Compressed after: the Brotli and gzip copies of the pages
 *   (src/integrations/precompress.ts) are written beside a published
 *   folder, beside its index; until they are there, pages go uncompressed.
 */
import type { SiteBuildStatus } from '../http/runtime.ts';
import { liveBuildVariable } from '../integrations/live-build.ts';
import { precompressFolder } from '../integrations/precompress.ts';
import { buildSite, type BuildResult } from './build.ts';
import { explainBuildFailure } from './build-failure.ts';
import { missingReferences } from './missing-references.ts';
import type { SiteGenerations } from './generations.ts';
import { indexSearch } from './search-index.ts';

export interface RebuilderOptions {
  projectRoot: string;
  generations: SiteGenerations;
  /**
   * Environment for every build (SITE_URL, CMS_LOCAL_BACKEND_URL, …), asked
   * before each; may first write what the build reads (the lottery
   * announcements' file, src/lottery/announcement-file.ts).
   */
  buildEnv: () => Readonly<Record<string, string | undefined>> | Promise<Readonly<Record<string, string | undefined>>>;
  log: (line: string) => void;
  /** Quiet time after the last request before a build starts; default 250 ms. */
  quietMs?: number;
  now?: () => Date;
  /** Called after each publication with the new folder (the clock reads its boundaries). */
  onPublished?: (root: string) => void;
}

export interface Rebuilder {
  /** Asks for a build; `reason` (Polish) is logged and shown in the panel. */
  request(reason: string): void;
  /** Builds now and waits for the outcome (start-up, `npm run` commands). */
  buildNow(reason: string): Promise<BuildResult>;
  status(): SiteBuildStatus;
  /** Records that the site now served is the previous run's (the first build failed): the failure stays shown. */
  servingPreviousRun(): void;
  /** Resolves when nothing is pending or running. */
  idle(): Promise<void>;
  /** Stops taking requests and waits for a running build to end. */
  stop(): Promise<void>;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1).replace('.', ',');

export function createRebuilder(options: RebuilderOptions): Rebuilder {
  const { projectRoot, generations, log } = options;
  const quietMs = options.quietMs ?? 250;
  const now = options.now ?? (() => new Date());

  let status: SiteBuildStatus = { state: 'building' };
  let running: Promise<BuildResult> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingReasons: string[] = [];
  let stopped = false;
  let lastLoggedFailure = '';
  let lastLoggedWarnings = '';
  let waiters: (() => void)[] = [];

  const settleIdle = () => {
    if (running || timer || pendingReasons.length > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  /** One build and its publication; never rejects (a fault of the disk or the folders is reported like a failed build). */
  async function runBuild(reason: string): Promise<BuildResult> {
    try {
      return await buildAndPublish(reason);
    } catch (error) {
      const summary = `Nie udało się opublikować zbudowanej strony (${(error as NodeJS.ErrnoException).code ?? (error as Error).name}); sprawdź miejsce na dysku i prawa do folderu danych.`;
      status = { state: 'failed', published: status.published, failure: { summary, detail: (error as Error).message.slice(0, 2_000), at: now(), reason } };
      log(`Budowanie strony nie powiodło się (${reason}): ${summary}`);
      return { ok: false, durationMs: 0, output: (error as Error).message };
    }
  }

  async function buildAndPublish(reason: string): Promise<BuildResult> {
    status = { ...status, state: 'building' };
    await generations.clearBuildDir();
    // The feed being replaced: the build refuses an event change calendars would ignore (src/pages/kalendarz.ics.ts).
    const publishedCalendar = generations.published ? { WSPOLNIE_PUBLISHED_CALENDAR: `${generations.published}/kalendarz.ics` } : {};
    const result = await buildSite({ projectRoot, outDir: generations.buildDir, env: { ...(await options.buildEnv()), [liveBuildVariable]: '1', WSPOLNIE_ASTRO_CACHE_DIR: generations.cacheDir, ...publishedCalendar } });
    if (!result.ok) {
      await generations.clearBuildDir();
      const failure = explainBuildFailure(result.output, projectRoot);
      status = { state: 'failed', published: status.published, failure: { ...failure, at: now(), reason } };
      if (failure.summary !== lastLoggedFailure) {
        const kept = generations.published ? 'Strona działa dalej w poprzedniej wersji.' : 'Strona nie ma jeszcze żadnej wersji.';
        log(`Budowanie strony nie powiodło się (${reason}): ${failure.summary} ${kept}`);
        lastLoggedFailure = failure.summary;
      }
      return result;
    }
    const root = await generations.adopt();
    // The first site waits for its index; later ones go out with the previous index, and their own follows.
    const first = generations.publishedIndex === undefined;
    if (first) await indexInto(root);
    await generations.publish(root);
    const warnings = missingReferences(result.output);
    status = { state: 'published', published: { at: now(), durationMs: result.durationMs, reason }, warnings };
    const warned = warnings.map((w) => w.summary).join(' ');
    if (warned && warned !== lastLoggedWarnings) log(`Uwagi z budowania strony: ${warned}`);
    lastLoggedWarnings = warned;
    log(`${lastLoggedFailure ? 'Strona zbudowana ponownie bez błędów' : 'Strona opublikowana'} (${reason}, ${seconds(result.durationMs)} s).`);
    lastLoggedFailure = '';
    options.onPublished?.(root);
    await Promise.all([first ? undefined : indexInto(root), compressPublished(root)]);
    return result;
  }

  /** Indexes a published site's pages and publishes the index; a failure keeps the previous index, and is logged. */
  async function indexInto(root: string): Promise<void> {
    const folder = await generations.prepare();
    const outcome = await indexSearch(root, folder);
    if (outcome.ok) {
      // The stored attachments that cannot be searched (a scan, a damaged file), as a build prints them.
      for (const note of outcome.notes) log(note);
      await compressPublished(folder);
      return generations.publishIndex(folder);
    }
    await generations.discard(folder);
    log(`Indeks wyszukiwarki nie powstał (${outcome.output.trim().split('\n').at(-1) ?? ''}); wyszukiwarka działa na poprzednim.`);
  }

  /** Writes the compressed copies into a folder being (or about to be) served; a failure only costs compression, and is logged. */
  async function compressPublished(folder: string): Promise<void> {
    await precompressFolder(folder).catch((error: unknown) => log(`Skompresowane kopie plików strony nie powstały (${(error as Error).message}); strona działa bez nich.`));
  }

  function startPending(): void {
    timer = undefined;
    if (running || stopped || pendingReasons.length === 0) return settleIdle();
    const reasons = [...new Set(pendingReasons)];
    pendingReasons = [];
    const reason = reasons.length > 3 ? `${reasons.slice(0, 3).join('; ')} i ${reasons.length - 3} więcej` : reasons.join('; ');
    running = runBuild(reason);
    void running.finally(() => {
      running = undefined;
      // What arrived during the build gets one more build, after the same quiet time.
      if (pendingReasons.length > 0 && !stopped) schedule();
      else settleIdle();
    });
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(startPending, quietMs);
  }

  return {
    servingPreviousRun() {
      status = { ...status, published: { at: now(), durationMs: 0, reason: 'wersja z poprzedniego uruchomienia serwera' } };
    },
    request(reason) {
      if (stopped) return;
      pendingReasons.push(reason);
      if (!running) schedule();
    },
    async buildNow(reason) {
      while (running) await running;
      running = runBuild(reason);
      try {
        return await running;
      } finally {
        running = undefined;
        if (pendingReasons.length > 0 && !stopped) schedule();
        else settleIdle();
      }
    },
    status: () => status,
    idle() {
      if (!running && !timer && pendingReasons.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      pendingReasons = [];
      await running;
      settleIdle();
    },
  };
}
