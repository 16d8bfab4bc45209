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
import { errorPage } from '../../http/failure.ts';
import { html } from '../../http/respond.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { securityHeaders } from '../../lib/security-headers.ts';
import { isLottery } from '../../catalogue/catalogue.ts';
import { freezeIfDue } from '../freeze.ts';
import { drawResults, findCode } from '../results.ts';
import { decodedOrUndefined } from '../../lib/percent-decoding.ts';
import { resultsPage } from './results-page.ts';
import { messagePage } from '../../http/pages.ts';
import { html as markup } from '../../lib/html.ts';
import { protocolSchema } from '../../draw/protocol.ts';

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

export async function handleResults(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorPage(405, 'Ten adres odpowiada tylko na GET.', { Allow: 'GET' });
  const url = new URL(request.url);
  const match = address.exec(url.pathname);
  const id = match ? decodedOrUndefined(match[1]!) : undefined;
  const entry = id === undefined ? undefined : (await runtime.catalogue()).get(id);
  if (match && id !== undefined && (!entry || !isLottery(entry))) {
    const kept = await keptDraw(runtime, id, url.pathname, match[2]);
    if (kept) return kept;
  }
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

interface KeptDrawRow {
  [column: string]: unknown;
  pool: string[];
  pool_sha256: string;
  protocol: unknown;
}

/**
 * A draw whose programme is no longer published (deleted from content, or no
 * longer a lottery): what was published stays public, since people relied on
 * it and anyone may still verify it — the frozen pool (pula.txt) and the
 * protocol (protokol.json) from the `draws` row, which never changes, and a
 * page saying so. Undefined when there never was a draw under this id.
 */
async function keptDraw(runtime: Runtime, id: string, pathname: string, which: string | undefined): Promise<Response | undefined> {
  const { rows } = await runtime.db.query<KeptDrawRow>('SELECT pool, pool_sha256, protocol FROM draws WHERE programme_id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  if (!pathname.endsWith('/') && !which) return new Response(null, { status: 308, headers: { Location: `${pathname}/` } });
  const protocol = row.protocol === null || row.protocol === undefined ? undefined : protocolSchema.parse(typeof row.protocol === 'string' ? JSON.parse(row.protocol) : row.protocol);
  if (which === 'pula.txt') return file(poolText(row.pool), 'text/plain; charset=utf-8');
  if (which === 'protokol.json') return protocol ? file(serializeProtocol(protocol), 'application/json; charset=utf-8') : errorPage(404, 'Protokół tego losowania nie powstał: losowania nie przeprowadzono.');
  const base = `/losowania/${encodeURIComponent(id)}/`;
  return html(
    200,
    messagePage('Losowanie programu, którego nie ma już na stronie', [
      markup`Program „${id}” nie jest już publikowany na stronie. To, co opublikowano o jego losowaniu, pozostaje dostępne, aby każdy mógł je sprawdzić.`,
      markup`Zamrożona pula: <a href="${base}pula.txt">pula.txt</a> (SHA-256 <code>${row.pool_sha256}</code>).`,
      protocol
        ? markup`Protokół losowania: <a href="${base}protokol.json">protokol.json</a>. Sprawdzisz go poleceniem <code>npm run draw -- verify</code> albo weryfikatorem na stronie dowolnego losowania.`
        : 'Losowania nie przeprowadzono, więc protokół nie powstał.',
    ]),
    pageCache,
  );
}

