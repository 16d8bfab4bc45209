/**
 * Where the functions read the built catalogue (catalogue.ts) from:
 *
 * - `fileCatalogue`: dane/zapisy.json of the site being served, on disk,
 *   for `npm start`; read again when the file changes or a rebuild publishes
 *   a new folder (src/site/generations.ts), so a rebuild is picked up;
 * - `httpCatalogue`: the same file from the site's own deploy, for a
 *   Netlify function, which ships without dist/; kept for a minute.
 *
 * A missing or broken file means no programme takes sign-ups (and a log
 * line), never a failing request.
 */
import { readFile, stat } from 'node:fs/promises';
import { throttledRead } from '../lib/throttled-read.ts';
import { catalogueOf, parseCatalogue, type Catalogue } from './catalogue.ts';

const empty = catalogueOf([]);

/** `file`: the catalogue's path, or a function giving the path in the folder serving now. */
export function fileCatalogue(file: string | (() => Promise<string>), log: (line: string) => void, checkEveryMs = 2_000): () => Promise<Catalogue> {
  const pathNow = typeof file === 'string' ? async () => file : file;
  let current = empty;
  let version = '';

  const refresh = async (): Promise<Catalogue> => {
    const path = await pathNow();
    let seen: string;
    try {
      const info = await stat(path);
      seen = `${path}:${info.mtimeMs}:${info.size}`;
    } catch {
      if (version !== 'missing') log(`Zapisy: brak pliku ${path} — strona nie jest zbudowana (npm run build, albo npm start, który buduje ją sam); do tego czasu żaden nabór nie przyjmuje zgłoszeń.`);
      version = 'missing';
      return (current = empty);
    }
    if (seen === version) return current;
    try {
      current = parseCatalogue(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      log(`Zapisy: nie udało się odczytać ${path} (${(error as Error).message}).`);
      current = empty;
    }
    version = seen;
    return current;
  };

  return throttledRead(refresh, () => current, checkEveryMs);
}

export function httpCatalogue(url: string, log: (line: string) => void, fetchImpl: typeof fetch = fetch, keepMs = 60_000): () => Promise<Catalogue> {
  let current: Catalogue | undefined;
  let fetchedAt = -Infinity;
  let pending: Promise<Catalogue> | undefined;

  const load = async (): Promise<Catalogue> => {
    try {
      const response = await fetchImpl(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      current = parseCatalogue(await response.json());
      fetchedAt = performance.now();
    } catch (error) {
      log(`Zapisy: nie udało się pobrać ${url} (${(error as Error).message}).`);
      // Keep what was read before; with nothing, no programme takes sign-ups until the next try.
      fetchedAt = performance.now() - keepMs + 5_000;
    }
    return current ?? empty;
  };

  return () => {
    if (current && performance.now() - fetchedAt < keepMs) return Promise.resolve(current);
    pending ??= load().finally(() => (pending = undefined));
    return pending;
  };
}
