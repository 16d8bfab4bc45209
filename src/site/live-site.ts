/**
 * The live site of the self-hosted server: generations of the built site
 * (generations.ts), the rebuilder (rebuild.ts), the source watcher
 * (watch.ts) and the clock (clock.ts), put together. `npm start` runs it;
 * so do the tests and the bench, with their own project copy and folder.
 *
 *   file saved / boundary passed / webhook ─▶ rebuilder (coalesced)
 *        ─▶ astro build into <siteDir>/<new>/ ─▶ publish (atomic) ─▶ clock re-reads boundaries
 */
import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openGenerations, type SiteGenerations } from './generations.ts';
import { createRebuilder, type Rebuilder, type RebuilderOptions } from './rebuild.ts';
import { startSiteClock, type SiteClock } from './clock.ts';
import { watchSources, type SourceWatcher } from './watch.ts';

export interface LiveSiteOptions {
  /** The project the site is built from. */
  projectRoot: string;
  /** Where the generations live (`<WSPOLNIE_DATA_DIR>/site`). */
  siteDir: string;
  /** Environment of every build; read at each build, so SITE_URL can be set once the server listens. */
  buildEnv: RebuilderOptions['buildEnv'];
  log: (line: string) => void;
  /** Rebuild when the sources change (default true). */
  watch?: boolean;
  /** Folders the watcher must never follow, e.g. the data folder when it lies inside the project. */
  ignore?: readonly string[];
  quietMs?: number;
}

export interface LiveSite {
  generations: SiteGenerations;
  rebuilder: Rebuilder;
  clock: SiteClock;
  /**
   * Builds the first generation; resolves when the site can be served (by that build, or, when it fails, by the
   * site the previous run served), or rejects with the failure's Polish explanation when there is none.
   */
  start(): Promise<void>;
  close(): Promise<void>;
}

export class FirstBuildFailed extends Error {
  /** The build's own words about it, for the operator. */
  readonly detail: string;
  constructor(message: string, detail: string) {
    super(message);
    this.name = 'FirstBuildFailed';
    this.detail = detail;
  }
}

export async function openLiveSite(options: LiveSiteOptions): Promise<LiveSite> {
  const generations = await openGenerations(options.siteDir);
  // Astro imports its prerender chunks from the output folder: from a data folder outside the project
  // (e.g. /var/lib/wspolnie) they must still find the project's packages, which Node looks for upwards.
  const modules = join(options.siteDir, 'node_modules');
  if (!existsSync(modules)) await symlink(join(options.projectRoot, 'node_modules'), modules, 'dir');
  // eslint-disable-next-line prefer-const -- the clock and the rebuilder refer to each other
  let rebuilder: Rebuilder;
  const clock = startSiteClock({ rebuild: (reason) => rebuilder.request(reason), log: options.log });
  rebuilder = createRebuilder({
    projectRoot: options.projectRoot,
    generations,
    buildEnv: options.buildEnv,
    log: options.log,
    ...(options.quietMs === undefined ? {} : { quietMs: options.quietMs }),
    onPublished: (root) => void clock.published(root),
  });
  let watcher: SourceWatcher | undefined;

  return {
    generations,
    rebuilder,
    clock,
    async start() {
      // Watch first: a save during the first build gives a second one.
      if (options.watch !== false) {
        watcher = watchSources(options.projectRoot, (reason) => rebuilder.request(reason), [options.siteDir, ...(options.ignore ?? [])]);
        await watcher.ready;
      }
      const first = await rebuilder.buildNow('uruchomienie serwera');
      if (!first.ok && (await generations.restorePreviousRun())) {
        // A restart (a supervisor after a crash, an update) with content the build refuses: residents, sign-ups and
        // the panel (which shows the failure) go on with the site the previous run served, until a save fixes it.
        rebuilder.servingPreviousRun();
        options.log('Strona działa w wersji z poprzedniego uruchomienia serwera, dopóki budowanie się nie uda.');
        void clock.published(generations.published!);
        return;
      }
      if (!first.ok) {
        const failure = rebuilder.status().failure;
        const error = new FirstBuildFailed(failure?.summary ?? 'Budowanie strony nie powiodło się.', failure?.detail ?? '');
        // Requests and the scheduled job waiting for the first site get an answer instead of waiting for ever.
        generations.abandon(error);
        throw error;
      }
    },
    async close() {
      clock.stop();
      await watcher?.close();
      await rebuilder.stop();
      generations.close();
    },
  };
}
