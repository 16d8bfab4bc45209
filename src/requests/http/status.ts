/**
 * GET /api/wnioski/status?wniosek=<id> — the public numbers of a request's
 * supports, which its static page reads (src/requests/browser/support.ts):
 *
 *   { request, open, supportUntil, needed, online, paper, gathered, reached, threshold, counts }
 *
 * `threshold` and `counts` are the page's two sentences (counts.ts), so the
 * script shows exactly what the function pages show. Counts only;
 * cacheable for a few seconds.
 */
import { errorPage } from '../../http/failure.ts';
import { json, jsonErrors } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';
import { countsSentence, supportCounts, thresholdSentence } from '../counts.ts';
import { takesSupports } from '../requests-file.ts';
import { requestsFor } from '../source.ts';

const maxAgeSeconds = 5;

export async function handleSupportStatus(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorPage(405, 'Ten adres odpowiada tylko na GET.', { Allow: 'GET' });
  const entry = (await requestsFor(runtime)).get(new URL(request.url).searchParams.get('wniosek') ?? '');
  if (!entry) return jsonErrors(404, [{ field: 'wniosek', message: 'Nie ma wniosku o takim oznaczeniu.' }]);
  const counts = await supportCounts(runtime.db, entry);
  return json(
    200,
    {
      request: entry.id,
      open: takesSupports(entry, runtime.now()),
      supportUntil: entry.supportUntil,
      ...counts,
      threshold: thresholdSentence(counts),
      counts: countsSentence(counts),
    },
    { 'Cache-Control': `public, max-age=${maxAgeSeconds}, s-maxage=${maxAgeSeconds}` },
  );
}
