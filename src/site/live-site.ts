/**
 * The live site of the self-hosted server: generations of the built site
 * (generations.ts), the rebuilder (rebuild.ts), the source watcher
 * (watch.ts) and the clock (clock.ts), put together. `npm start` runs it;
 * so do the tests and the bench, with their own project copy and folder.
 *
 *   file saved / boundary passed / webhook ─▶ rebuilder (coalesced)
 *        ─▶ astro build into <siteDir>/<new>/ ─▶ publish (atomic) ─▶ clock re-reads boundaries
 */
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
  quietMs?: number;
}

export interface LiveSite {
  generations: SiteGenerations;
  rebuilder: Rebuilder;
  clock: SiteClock;
  /** Builds the first generation; resolves when the site can be served, or rejects with the failure's Polish explanation. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export class FirstBuildFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FirstBuildFailed';
  }
}

export async function openLiveSite(options: LiveSiteOptions): Promise<LiveSite> {
  const generations = await openGenerations(options.siteDir);
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
        watcher = watchSources(options.projectRoot, (reason) => rebuilder.request(reason));
        await watcher.ready;
      }
      const first = await rebuilder.buildNow('uruchomienie serwera');
      if (!first.ok) throw new FirstBuildFailed(rebuilder.status().failure?.summary ?? 'Budowanie strony nie powiodło się.');
    },
    async close() {
      clock.stop();
      await watcher?.close();
      await rebuilder.stop();
    },
  };
}
