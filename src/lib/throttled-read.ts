/**
 * A value read again at most every `everyMs` milliseconds, one read at a
 * time: callers within the interval get the last value at once, and callers
 * during a read share that read. `read` decides what to keep when it fails
 * (the functions keep their last good copy). Used for what the functions
 * read from the built site: the catalogue (src/catalogue/source.ts)
 * and the layout frame (src/http/site-layout.ts).
 */
export function throttledRead<T>(read: () => Promise<T>, current: () => T, everyMs: number): () => Promise<T> {
  let checkedAt = -Infinity;
  let pending: Promise<T> | undefined;
  return () => {
    const now = performance.now();
    if (now - checkedAt < everyMs) return pending ?? Promise.resolve(current());
    checkedAt = now;
    pending ??= read().finally(() => (pending = undefined));
    return pending;
  };
}
