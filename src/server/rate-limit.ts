/**
 * The self-hosted server's stand-in for Netlify's rate limiting: the same
 * `config.rateLimit` of each function (windowLimit requests per windowSize
 * seconds per client address), counted in this process. Netlify's algorithm
 * is a sliding window; this is the usual approximation of one — the current
 * fixed window plus the previous one weighted by how much of it still
 * overlaps — which needs two counters per address instead of a log.
 */

export interface WindowLimit {
  windowLimit: number;
  /** Seconds. */
  windowSize: number;
}

interface Counter {
  window: number;
  current: number;
  previous: number;
}

export interface RateLimiter {
  /** Counts a request for `key`; false when it is over the limit (and then it does not count). */
  allow(key: string, nowMs?: number): boolean;
  /** Seconds until `key` may try again, for Retry-After. */
  retryAfter(key: string, nowMs?: number): number;
  readonly size: number;
}

export function createRateLimiter({ windowLimit, windowSize }: WindowLimit): RateLimiter {
  const sizeMs = windowSize * 1000;
  const counters = new Map<string, Counter>();
  let sweptWindow = 0;

  const current = (key: string, nowMs: number): Counter => {
    const window = Math.floor(nowMs / sizeMs);
    // Once a window, forget addresses not seen for two: memory stays bounded by recent clients.
    if (window !== sweptWindow) {
      sweptWindow = window;
      for (const [k, c] of counters) if (c.window < window - 1) counters.delete(k);
    }
    let counter = counters.get(key);
    if (!counter) counters.set(key, (counter = { window, current: 0, previous: 0 }));
    if (counter.window !== window) {
      counter.previous = counter.window === window - 1 ? counter.current : 0;
      counter.current = 0;
      counter.window = window;
    }
    return counter;
  };
  const estimate = (counter: Counter, nowMs: number) => {
    const elapsed = (nowMs % sizeMs) / sizeMs;
    return counter.previous * (1 - elapsed) + counter.current;
  };

  return {
    allow(key, nowMs = Date.now()) {
      const counter = current(key, nowMs);
      if (estimate(counter, nowMs) + 1 > windowLimit) return false;
      counter.current += 1;
      return true;
    },
    retryAfter(key, nowMs = Date.now()) {
      const counter = counters.get(key);
      if (!counter) return 0;
      const untilNextWindow = sizeMs - (nowMs % sizeMs);
      // In the next window only the weighted previous count remains; close enough for a hint.
      return Math.max(1, Math.ceil(untilNextWindow / 1000));
    },
    get size() {
      return counters.size;
    },
  };
}
