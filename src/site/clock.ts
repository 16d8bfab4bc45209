/**
 * Rebuilds the self-hosted site when time alone changes a page: after every
 * publication it reads the published site's two public files, finds the
 * first boundary (boundaries.ts) after that build's `generatedAt`, and asks
 * for a rebuild a moment after it passes. A boundary that passed during the
 * build itself gives a rebuild at once. With a build of a few seconds, pages
 * are right within seconds of the boundary (the issue asks for 60).
 */
import { filePublicData } from '../notices/public-data.ts';
import { boundariesOf, nextBoundary } from './boundaries.ts';

export interface SiteClock {
  /** Reads the boundaries of a newly published site and sets the timer. */
  published(root: string): Promise<void>;
  /** The instant the timer is set for, if any (the panel and tests show it). */
  readonly next: { at: Date; what: string } | undefined;
  stop(): void;
}

/** After the boundary: `windowState` says "closed" only once `now > closes`. */
const afterBoundaryMs = 1_000;
/** setTimeout's limit (2^31 − 1 ms, about 24.8 days); a later boundary is looked at again then. */
const longestTimerMs = 2_147_483_647;

export function startSiteClock(options: { rebuild: (reason: string) => void; log: (line: string) => void; now?: () => Date }): SiteClock {
  const now = options.now ?? (() => new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let next: SiteClock['next'];
  let stopped = false;

  async function published(root: string): Promise<void> {
      if (stopped) return;
      let data;
      try {
        data = await filePublicData(root)();
      } catch (error) {
        options.log(`Zegar strony: nie odczytano plików /dane/ nowej wersji (${(error as Error).message}); przebuduję przy następnej zmianie.`);
        return;
      }
      if (timer) clearTimeout(timer);
      timer = undefined;
      const builtAt = new Date(data.events.generatedAt);
      next = nextBoundary(boundariesOf(data.catalogue, data.events), builtAt);
      if (!next || stopped) return;
      const boundary = next;
      const delay = boundary.at.getTime() + afterBoundaryMs - now().getTime();
      if (delay > longestTimerMs) {
        timer = setTimeout(() => void published(root), longestTimerMs);
      } else {
        timer = setTimeout(() => options.rebuild(`zegar — ${boundary.what}`), Math.max(0, delay));
      }
      timer.unref?.();
  }

  return {
    get next() {
      return next;
    },
    published,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
