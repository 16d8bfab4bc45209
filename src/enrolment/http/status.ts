/**
 * GET /api/zapisy/status?programme=<id> — the public state of a programme's
 * sign-ups, which its static page reads (src/enrolment/browser/form.ts):
 *
 *   { programme, state, opens, closes, mode, capacity, confirmed, full, waitlisted, placesLeft? }
 *
 * `state` is the form's EnrolmentState: before | open | closed | cancelled,
 * or full-waitlist for an open first-come programme whose places are taken
 * (`full` says the same). `confirmed` counts the confirmed applications that
 * hold or compete for a place; `placesLeft` is given for first-come
 * programmes only (a lottery has no free places to count down). Counts only;
 * cacheable for a few seconds.
 */
import { windowState } from '../../catalogue/catalogue.ts';
import { isFullCount, placeCounts, type PlaceCounts } from '../places.ts';
import { errorPage } from '../../http/failure.ts';
import { json, jsonErrors } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';

const statusMaxAgeSeconds = 5;

const remembered = new WeakMap<Runtime, Map<string, { at: number; counts: PlaceCounts }>>();

async function countsOf(runtime: Runtime, programmeId: string): Promise<PlaceCounts> {
  if (runtime.statusCacheMs <= 0) return placeCounts(runtime.db, programmeId);
  let cache = remembered.get(runtime);
  if (!cache) remembered.set(runtime, (cache = new Map()));
  const hit = cache.get(programmeId);
  if (hit && performance.now() - hit.at < runtime.statusCacheMs) return hit.counts;
  const counts = await placeCounts(runtime.db, programmeId);
  cache.set(programmeId, { at: performance.now(), counts });
  return counts;
}

export async function handleStatus(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorPage(405, 'Ten adres odpowiada tylko na GET.', { Allow: 'GET' });
  const id = new URL(request.url).searchParams.get('programme') ?? '';
  const entry = (await runtime.catalogue()).get(id);
  if (!entry) return jsonErrors(404, [{ field: 'programme', message: 'Nie ma naboru o takim oznaczeniu.' }]);
  const { opens, closes, mode, capacity } = entry.enrolment;
  const counts = await countsOf(runtime, entry.id);
  const dates = windowState(entry, runtime.now());
  const full = isFullCount(entry, counts);
  const firstCome = mode === 'first-come' && capacity !== undefined;
  return json(
    200,
    {
      programme: entry.id,
      state: dates === 'open' && full ? 'full-waitlist' : dates,
      opens: opens.toISOString(),
      closes: closes.toISOString(),
      mode,
      capacity: capacity ?? null,
      confirmed: counts.confirmed,
      full,
      waitlisted: counts.waitlisted,
      ...(firstCome ? { placesLeft: Math.max(0, capacity - counts.confirmed) } : {}),
    },
    { 'Cache-Control': `public, max-age=${statusMaxAgeSeconds}, s-maxage=${statusMaxAgeSeconds}` },
  );
}
