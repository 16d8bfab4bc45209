/**
 * The built `/dane/wnioski.json` as the support functions read it: through
 * the runtime's `builtPage` (the site being served on disk when self-hosted,
 * the deploy over HTTP on Netlify), so a rebuild is seen without a runtime
 * of its own. Read at most every `checkEveryMs` per runtime; the last good
 * file is kept when a read fails, and with none, no request takes supports
 * (a log line says why) — never a failing request.
 */
import type { Runtime } from '../http/runtime.ts';
import { parseRequests, requestsOf, requestsPath, type Requests } from './requests-file.ts';

const empty = requestsOf([]);

interface Held {
  at: number;
  requests: Requests;
  pending?: Promise<Requests> | undefined;
}

const held = new WeakMap<Runtime, Held>();

/** The requests of the site `runtime` serves, re-read at most every `checkEveryMs` milliseconds. */
export function requestsFor(runtime: Runtime, checkEveryMs = 2_000): Promise<Requests> {
  let entry = held.get(runtime);
  if (entry && performance.now() - entry.at < checkEveryMs) return Promise.resolve(entry.requests);
  if (entry?.pending) return entry.pending;
  if (!entry) held.set(runtime, (entry = { at: -Infinity, requests: empty }));
  const current = entry;
  current.pending = (async () => {
    try {
      const text = await runtime.builtPage(requestsPath);
      if (text === undefined) runtime.log(`Wnioski: brak pliku ${requestsPath} — strona nie jest zbudowana; żaden wniosek nie przyjmuje poparć.`);
      else current.requests = parseRequests(JSON.parse(text));
    } catch (error) {
      runtime.log(`Wnioski: nie udało się odczytać ${requestsPath} (${(error as Error).name}).`);
    }
    current.at = performance.now();
    current.pending = undefined;
    return current.requests;
  })();
  return current.pending;
}
