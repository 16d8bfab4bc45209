/**
 * The clock of the Netlify deployment (issue 10). Netlify serves the last
 * build and has no process of its own that notices a boundary of time
 * passing (an enrolment opening or closing, a draw date, an event's end;
 * boundaries.ts), so the scheduled function functions/przebudowa-zegar.ts
 * runs `runRebuildClockOnNetlify` every minute. It reads the two public files
 * of the deploy now published and, when a boundary has passed since that
 * deploy was built, POSTs to the site's build hook (NETLIFY_BUILD_HOOK_URL).
 *
 * Once per boundary: a build takes minutes and the function runs every
 * minute, so the table `rebuild_requests` (migration 0006) remembers what was
 * asked; runs that find the request already made wait for the new deploy.
 * A request that brought no new deploy within `retryAfterMs` (a failed or
 * cancelled build) is made again; one the hook refused or that could not
 * reach it is released for the next run. Several instances at once ask once:
 * the claim is a single INSERT … ON CONFLICT statement.
 *
 * The hook's URL is a credential (whoever holds it can start builds): it is
 * never logged. Log lines are Polish, with times in Warsaw time, error names
 * and HTTP statuses only.
 */
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { ConfigurationError, type Env } from '../lib/secret.ts';
import { formatDay, formatTime } from '../lib/dates.ts';
import { errorCode } from '../mail/outbox.ts';
import { httpPublicData, PublicDataUnavailable, type PublicData } from '../notices/public-data.ts';
import { boundariesOf, passedSince, type Boundary } from '../site/boundaries.ts';

/** A request that brought no new deploy for this long (ms) is made again: 30 minutes. */
export const defaultRetryAfterMs = 30 * 60_000;

/** Rows for boundaries older than this (ms) are deleted: 90 days. */
const keepRequestsMs = 90 * 24 * 60 * 60_000;

/** What one run found and did. */
export type RebuildClockOutcome =
  /** No boundary passed since the published deploy was built (`builtAt`). */
  | { kind: 'current'; builtAt: Date }
  /** The hook accepted a request for `boundary`; `attempt` counts calls for it, this one included. */
  | { kind: 'requested'; boundary: Boundary; builtAt: Date; attempt: number }
  /** A request for `boundary` was made at `requestedAt`; its deploy is not published yet. */
  | { kind: 'waiting'; boundary: Boundary; builtAt: Date; requestedAt: Date }
  /** The hook refused (`reason` "HTTP 404") or could not be reached (`reason` an error name); the next run asks again. */
  | { kind: 'hook-failed'; boundary: Boundary; builtAt: Date; reason: string };

export interface RebuildClockOptions {
  /** Migrated (0006 or later). */
  db: Database;
  /** The published deploy's /dane/wydarzenia.json and /dane/zapisy.json; throws PublicDataUnavailable. */
  publicData: () => Promise<PublicData>;
  /** Netlify's build hook, https://api.netlify.com/build_hooks/<id>; POSTed `{}` with a `trigger_title`. */
  buildHookUrl: string;
  now: () => Date;
  fetchImpl?: typeof fetch;
  /** Default defaultRetryAfterMs. */
  retryAfterMs?: number;
}

/**
 * One run. The deploy's build time is the `generatedAt` both public files
 * carry (the build's `builtAt`). Throws PublicDataUnavailable when the files
 * cannot be read, and the database's errors; a hook failure is an outcome.
 */
export async function tickRebuildClock(options: RebuildClockOptions): Promise<RebuildClockOutcome> {
  const { db, now: clock, retryAfterMs = defaultRetryAfterMs } = options;
  const { events, catalogue } = await options.publicData();
  const builtAt = new Date(events.generatedAt);
  const now = clock();
  const boundary = passedSince(boundariesOf(catalogue, events), builtAt, now);
  if (!boundary) return { kind: 'current', builtAt };

  const claim = await db.query<{ attempts: number }>(
    `INSERT INTO rebuild_requests AS r (boundary_at, what, stale_built_at, requested_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (boundary_at) DO UPDATE
        SET what = excluded.what, stale_built_at = excluded.stale_built_at, requested_at = excluded.requested_at, attempts = r.attempts + 1
      WHERE r.requested_at IS NULL OR r.requested_at <= $5
     RETURNING attempts`,
    [boundary.at, boundary.what, builtAt, now, new Date(now.getTime() - retryAfterMs)],
  );
  const attempt = claim.rows[0]?.attempts;
  if (attempt === undefined) {
    const { rows } = await db.query<{ requested_at: unknown }>('SELECT requested_at FROM rebuild_requests WHERE boundary_at = $1', [boundary.at]);
    return { kind: 'waiting', boundary, builtAt, requestedAt: new Date(rows[0]?.requested_at as Date | string) };
  }

  const reason = await callHook(options.buildHookUrl, boundary, options.fetchImpl ?? fetch);
  if (reason !== undefined) {
    await db.query('UPDATE rebuild_requests SET requested_at = NULL WHERE boundary_at = $1 AND requested_at = $2', [boundary.at, now]);
    return { kind: 'hook-failed', boundary, builtAt, reason };
  }
  await db.query('DELETE FROM rebuild_requests WHERE boundary_at < $1', [new Date(now.getTime() - keepRequestsMs)]);
  return { kind: 'requested', boundary, builtAt, attempt };
}

/** POSTs to the hook as Netlify documents it; the failure's reason, or undefined when accepted. */
async function callHook(hookUrl: string, boundary: Boundary, fetchImpl: typeof fetch): Promise<string | undefined> {
  const url = new URL(hookUrl);
  // Shown as the deploy's message in Netlify's deploy list.
  url.searchParams.set('trigger_title', `Wspólnie: minęła granica czasu (${boundary.what})`);
  try {
    const response = await fetchImpl(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'TimeoutError' : errorCode((error as { cause?: unknown }).cause ?? error);
  }
}

const when = (at: Date) => `${formatDay(at)}, ${formatTime(at)}`;

/** The Polish log line for an outcome; undefined when there is nothing to say (the site is current). */
export function describeRebuildClock(outcome: RebuildClockOutcome): string | undefined {
  switch (outcome.kind) {
    case 'current':
      return undefined;
    case 'requested':
      return `Przebudowa na czas: minęła granica „${outcome.boundary.what}” (${when(outcome.boundary.at)}), a opublikowana strona jest z ${when(outcome.builtAt)}; zlecono przebudowę${outcome.attempt > 1 ? ` (próba ${outcome.attempt}: poprzednia nie dała nowej wersji strony)` : ''}.`;
    case 'waiting':
      return `Przebudowa na czas: czekam na nową wersję strony, zleconą ${when(outcome.requestedAt)} (granica „${outcome.boundary.what}”).`;
    case 'hook-failed':
      return `Przebudowa na czas: hook kompilacji Netlify nie przyjął zlecenia (${outcome.reason}); ponowię przy następnym uruchomieniu.`;
  }
}

let cached: { url: string; db: Promise<Database> } | undefined;

/**
 * The scheduled function's run: settings from `env` (NETLIFY_BUILD_HOOK_URL,
 * DATABASE_URL, SITE_URL or Netlify's URL), one tick, one log line. Never
 * throws. Without NETLIFY_BUILD_HOOK_URL it logs one sentence and touches
 * neither the database nor the network. Returns the outcome, or undefined
 * when the run could not happen (the reason is logged).
 */
export async function runRebuildClockOnNetlify(env: Env, log: (line: string) => void = console.log): Promise<RebuildClockOutcome | undefined> {
  const hook = env['NETLIFY_BUILD_HOOK_URL']?.trim();
  if (!hook) {
    log('Przebudowa na czas: brak NETLIFY_BUILD_HOOK_URL, więc strona nie przebuduje się sama, gdy minie termin (np. koniec naboru albo wydarzenia). Utwórz hook kompilacji w Netlify i ustaw tę zmienną.');
    return undefined;
  }
  try {
    if (!URL.canParse(hook) || !/^https?:$/.test(new URL(hook).protocol)) throw new ConfigurationError('NETLIFY_BUILD_HOOK_URL nie jest adresem http(s); skopiuj adres hooka kompilacji z ustawień Netlify.');
    const databaseUrl = env['DATABASE_URL']?.trim();
    if (!databaseUrl) throw new ConfigurationError('brak DATABASE_URL: baza pamięta, o którą przebudowę już poproszono, żeby nie prosić co minutę.');
    // Netlify sets URL to the site's main address; SITE_URL wins (a custom domain).
    const site = env['SITE_URL']?.trim() || env['URL']?.trim();
    if (!site) throw new ConfigurationError('brak SITE_URL (adresu strony, z której czytam /dane/zapisy.json i /dane/wydarzenia.json).');
    const db = databaseFor(databaseUrl, env);
    const outcome = await tickRebuildClock({ db: await db, publicData: httpPublicData(site), buildHookUrl: hook, now: () => new Date() });
    const line = describeRebuildClock(outcome);
    if (line) log(line);
    return outcome;
  } catch (error) {
    const known = error instanceof ConfigurationError || error instanceof PublicDataUnavailable;
    log(`Przebudowa na czas: przebieg nie powiódł się (${known ? (error as Error).message : errorCode(error)}).`);
    return undefined;
  }
}

/** One database per instance, as the other functions keep theirs; a failed open is retried next run. */
function databaseFor(url: string, env: Env): Promise<Database> {
  if (cached?.url !== url) {
    const db = openDatabase(env).catch((error: unknown) => {
      if (cached?.db === db) cached = undefined;
      throw error;
    });
    cached = { url, db };
  }
  return cached.db;
}

/** Closes the database the runs keep open (tests; a Netlify instance simply ends). */
export async function closeRebuildClockDatabase(): Promise<void> {
  const db = cached?.db;
  cached = undefined;
  await db?.then((d) => d.close()).catch(() => undefined);
}
