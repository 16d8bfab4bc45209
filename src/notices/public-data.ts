/**
 * Where the scheduled jobs read the two public files the build writes —
 * the events (/dane/wydarzenia.json) and the enrolment catalogue
 * (/dane/zapisy.json): from dist/ on disk when self-hosted, from the site's
 * own deploy over HTTP on Netlify (a scheduled function ships without dist/).
 *
 * Unlike the sign-up functions' catalogue sources, these fail loudly: a
 * missing or broken file stops the run (the caller logs it) instead of
 * reading as "no events", because an empty list would look to the retention
 * job like programmes that no longer exist.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cataloguePath, parseCatalogue, type Catalogue } from '../catalogue/catalogue.ts';
import { eventsPath, parseEventsFile, type EventsFile } from './events-file.ts';
import { followFeedPath, parseFollowFeed, type FollowFeed } from '../follow/feed.ts';
import { parseRequests, requestsPath, type Requests } from '../requests/requests-file.ts';

export interface PublicData {
  events: EventsFile;
  catalogue: Catalogue;
  /** /dane/obserwowane.json (src/follow/); undefined when the site has none (a build older than it): the follow step waits. */
  follow?: FollowFeed | undefined;
  /** /dane/wnioski.json (src/requests/); undefined when the site has none (a build older than it): supporters' retention waits. */
  requests?: Requests | undefined;
}

export class PublicDataUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PublicDataUnavailable';
  }
}

export function filePublicData(root: string): () => Promise<PublicData> {
  const read = async (path: string, optional = false) => {
    try {
      return JSON.parse(await readFile(join(root, path), 'utf8')) as unknown;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (optional && code === 'ENOENT') return undefined;
      throw new PublicDataUnavailable(code === 'ENOENT' ? `brak pliku ${path} w ${root} — strona nie jest zbudowana (npm run build, albo npm start, który buduje ją sam)` : `nie udało się odczytać ${path} (${code ?? 'błędny JSON'})`);
    }
  };
  return async () => parse(await read(eventsPath), await read(cataloguePath), await read(followFeedPath, true), await read(requestsPath, true));
}

export function httpPublicData(siteUrl: string, fetchImpl: typeof fetch = fetch): () => Promise<PublicData> {
  const get = async (path: string) => {
    const url = new URL(path, siteUrl).href;
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new PublicDataUnavailable(`nie udało się pobrać ${url} (${(error as Error).name})`);
    }
    if (response.status === 404 && (path === followFeedPath || path === requestsPath)) return undefined;
    if (!response.ok) throw new PublicDataUnavailable(`nie udało się pobrać ${url} (HTTP ${response.status})`);
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new PublicDataUnavailable(`${url} nie jest poprawnym JSON-em`);
    }
  };
  return async () => {
    // Both at once, but a failure is reported in a fixed order (events first), not by which answer came back sooner.
    const [events, catalogue, follow, requests] = await Promise.allSettled([get(eventsPath), get(cataloguePath), get(followFeedPath), get(requestsPath)]);
    if (events.status === 'rejected') throw events.reason;
    if (catalogue.status === 'rejected') throw catalogue.reason;
    if (follow.status === 'rejected') throw follow.reason;
    if (requests.status === 'rejected') throw requests.reason;
    return parse(events.value, catalogue.value, follow.value, requests.value);
  };
}

function parse(events: unknown, catalogue: unknown, follow: unknown, requests: unknown): PublicData {
  try {
    return { events: parseEventsFile(events), catalogue: parseCatalogue(catalogue), follow: follow === undefined ? undefined : parseFollowFeed(follow), requests: requests === undefined ? undefined : parseRequests(requests) };
  } catch (error) {
    throw new PublicDataUnavailable((error as Error).message);
  }
}
