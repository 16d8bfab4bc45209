/**
 * GET /losowania/<programme>/            the results page (results-page.ts), `?kod=` looks up one code
 * GET /losowania/<programme>/protokol.json   the protocol, as `npm run draw -- verify` and the verifier read it
 * GET /losowania/<programme>/pula.txt        the frozen pool, exactly the bytes whose SHA-256 is published
 *
 * Public and read-only. A pool due to freeze is frozen on the way (freeze.ts),
 * so the page never shows an open pool after its time even if the scheduled
 * job has not run yet.
 */
import { poolText } from '../../draw/pool.ts';
import { serializeProtocol } from '../../draw/protocol.ts';
import { errorPage } from '../../enrolment/http/failure.ts';
import { html } from '../../enrolment/http/respond.ts';
import type { EnrolmentRuntime, FunctionContext } from '../../enrolment/http/runtime.ts';
import { securityHeaders } from '../../lib/security-headers.ts';
import { freezeIfDue, isLottery } from '../freeze.ts';
import { drawResults, findCode } from '../results.ts';
import { decodedOrUndefined } from '../../lib/percent-decoding.ts';
import { resultsPage } from './results-page.ts';

const address = /^\/losowania\/([^/]+)\/?(protokol\.json|pula\.txt)?$/;

/**
 * The page changes when staff draw and whenever someone withdraws, and a person
 * reloading it must see that at once: asked anew every time. The files never
 * change once they exist (a frozen pool, a final protocol), so they may be kept.
 */
const pageCache = { 'Cache-Control': 'no-cache' };
const fileCache = { 'Cache-Control': 'public, max-age=300' };

function file(body: string, type: string): Response {
  return new Response(body, { status: 200, headers: { ...securityHeaders('/losowania/'), ...fileCache, 'Content-Type': type, 'Access-Control-Allow-Origin': '*' } });
}

export async function handleResults(request: Request, runtime: EnrolmentRuntime, context: FunctionContext = {}): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorPage(405, 'Ten adres odpowiada tylko na GET.', { Allow: 'GET' });
  const url = new URL(request.url);
  const match = address.exec(url.pathname);
  const id = match ? decodedOrUndefined(match[1]!) : undefined;
  const entry = id === undefined ? undefined : (await runtime.catalogue()).get(id);
  if (!match || !entry || !isLottery(entry)) return errorPage(404, 'Nie ma losowania o takim adresie. Lista losowań jest na stronie /losowania/.');
  if (!url.pathname.endsWith('/') && !match[2]) return new Response(null, { status: 308, headers: { Location: `${url.pathname}/${url.search}` } });

  const frozen = await freezeIfDue(runtime.db, entry, { links: runtime.links, now: runtime.now() });
  if (frozen === 'not-needed') runtime.mailQueued(context);
  const results = await drawResults(runtime.db, entry);

  if (match[2] === 'pula.txt') {
    if (results.state === 'open') return errorPage(404, 'Pula tego losowania nie jest jeszcze zamrożona.');
    const codes = results.state === 'frozen' ? results.pool.codes : results.protocol.pool.codes;
    return file(poolText(codes), 'text/plain; charset=utf-8');
  }
  if (match[2] === 'protokol.json') {
    if (results.state !== 'decided') return errorPage(404, 'Protokół powstanie po losowaniu.');
    return file(serializeProtocol(results.protocol), 'application/json; charset=utf-8');
  }
  const typed = url.searchParams.get('kod');
  const lookup = typed === null ? undefined : { typed: typed.slice(0, 40), found: findCode(results, typed) };
  return html(200, resultsPage(entry, results, lookup), pageCache);
}
