/**
 * GET /losowania/<programme>/            the results page (results-page.ts), one page of codes at a time
 *                                        (`?strona=N`), `?kod=` looks up one code and shows only its row
 * GET /losowania/<programme>/protokol.json   the protocol, as `npm run draw -- verify` and the verifier read it
 * GET /losowania/<programme>/pula.txt        the frozen pool, exactly the bytes whose SHA-256 is published
 *
 * The two files are stored bytes, written once (../files.ts), sent with a
 * strong ETag and 304 to If-None-Match.
 *
 * Public and read-only. A pool due to freeze is frozen on the way (freeze.ts),
 * so the page never shows an open pool after its time even if the scheduled
 * job has not run yet.
 */
import { errorPage } from '../../http/failure.ts';
import { html } from '../../http/respond.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { isLottery, type CatalogueEntry } from '../../catalogue/catalogue.ts';
import { freezeIfDue } from '../freeze.ts';
import { createHash } from 'node:crypto';
import { drawResults, findCode, knownToHaveDraw, type RenderedPage, type RenderedPages } from '../results.ts';
import { decodedOrUndefined } from '../../lib/percent-decoding.ts';
import { resultsPage, pageNumber } from './results-page.ts';
import { drawFileResponse, ifNoneMatchHashes, readDrawFile, type DrawFileName } from '../files.ts';
import { messagePage } from '../../http/pages.ts';
import { html as markup } from '../../lib/html.ts';

const address = /^\/losowania\/([^/]+)\/?(protokol\.json|pula\.txt)?$/;

/**
 * The page changes when staff draw and whenever someone withdraws, and a person
 * reloading it must see that at once: asked anew every time (a page of the
 * list with its ETag, so that the asking costs a 304 while nothing changed). The files never
 * change once they exist (files.ts caches them for a year).
 */
const pageCache = { 'Cache-Control': 'no-cache' };

const missingFile: Record<DrawFileName, string> = {
  'pula.txt': 'Pula tego losowania nie jest jeszcze zamrożona.',
  'protokol.json': 'Protokół powstanie po losowaniu.',
};

/** A published file from its stored bytes, or the Polish 404 while it does not exist yet. */
async function servedFile(request: Request, runtime: Runtime, id: string, name: DrawFileName, missing = missingFile[name]): Promise<Response> {
  const stored = await readDrawFile(runtime.db, id, name, ifNoneMatchHashes(request.headers.get('If-None-Match')));
  return stored ? drawFileResponse(request, name, stored) : errorPage(404, missing);
}

export async function handleResults(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorPage(405, 'Ten adres odpowiada tylko na GET.', { Allow: 'GET' });
  const url = new URL(request.url);
  const match = address.exec(url.pathname);
  const id = match ? decodedOrUndefined(match[1]!) : undefined;
  const entry = id === undefined ? undefined : (await runtime.catalogue()).get(id);
  if (match && id !== undefined && (!entry || !isLottery(entry))) {
    const kept = await keptDraw(request, runtime, id, url.pathname, match[2]);
    if (kept) return kept;
  }
  if (!match || !entry || !isLottery(entry)) return errorPage(404, 'Nie ma losowania o takim adresie. Lista losowań jest na stronie /losowania/.');
  if (!url.pathname.endsWith('/') && !match[2]) return new Response(null, { status: 308, headers: { Location: `${url.pathname}/${url.search}` } });

  // Once a draws row is known there is nothing left to freeze or record: no query for it.
  if (!knownToHaveDraw(runtime.db, entry.id)) {
    const frozen = await freezeIfDue(runtime.db, entry, { links: runtime.links, now: runtime.now() });
    if (frozen === 'not-needed') runtime.mailQueued(context);
  }
  if (match[2] === 'pula.txt' || match[2] === 'protokol.json') return servedFile(request, runtime, entry.id, match[2]);

  const page = pageNumber(url.searchParams.get('strona'));
  if (page === undefined) return errorPage(404, 'Nie ma takiej strony wyników. Strony są numerowane od 1, np. ?strona=2.');
  // One address per page: `?strona=01`, ` 2` or `=1` lead to `?strona=2` and to the bare address of page 1.
  const typedPage = url.searchParams.get('strona');
  if (typedPage !== null && typedPage !== (page === 1 ? null : String(page))) {
    const canonical = new URL(url);
    if (page === 1) canonical.searchParams.delete('strona');
    else canonical.searchParams.set('strona', String(page));
    return new Response(null, { status: 301, headers: { Location: `${canonical.pathname}${canonical.search}` } });
  }
  const results = await drawResults(runtime.db, entry);
  const typed = url.searchParams.get('kod');
  const lookup = typed === null ? undefined : { typed: typed.slice(0, 40), found: findCode(results, typed) };
  if (lookup || results.state === 'open') {
    const body = resultsPage(entry, results, lookup, page);
    return body === undefined ? pastTheEnd() : html(200, body, pageCache);
  }
  const kept = rendered(results.pages, entry, page, () => resultsPage(entry, results, undefined, page));
  if (kept === undefined) return pastTheEnd();
  // A page of one draw version is the same bytes until the version moves: a reload asks with its tag and gets a 304.
  if (ifNoneMatchHashes(request.headers.get('If-None-Match')).some((tag) => `"${tag}"` === kept.etag || tag === '*')) {
    return new Response(null, { status: 304, headers: { ...pageCache, ETag: kept.etag } });
  }
  return html(200, kept.body, { ...pageCache, ETag: kept.etag });
}

const pastTheEnd = () => errorPage(404, 'Nie ma takiej strony wyników: lista jest krótsza. Wróć do pierwszej strony losowania.');

const pagesKept = 256;
const utf8 = new TextEncoder();

/**
 * A page of the list as rendered before for this draw version (results.ts
 * drops them with the version), keyed by the page and the content it shows
 * besides the draw (title, address, enrolment), so an edit shows at once too;
 * kept encoded, so a view sends the bytes without encoding them again.
 */
function rendered(pages: RenderedPages, entry: CatalogueEntry, page: number, render: () => string | undefined): RenderedPage | undefined {
  const key = `${page}\n${entry.title}\n${entry.page}\n${JSON.stringify(entry.enrolment)}`;
  if (pages.has(key)) return pages.get(key);
  const text = render();
  const bytes = text === undefined ? undefined : utf8.encode(text);
  const body = bytes === undefined ? undefined : { body: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
  if (pages.size >= pagesKept) pages.delete(pages.keys().next().value!);
  pages.set(key, body);
  return body;
}

interface KeptDrawRow {
  [column: string]: unknown;
  pool_sha256: string;
  decided: boolean;
}

/**
 * A draw whose programme is no longer published (deleted from content, or no
 * longer a lottery): what was published stays public, since people relied on
 * it and anyone may still verify it — the frozen pool (pula.txt) and the
 * protocol (protokol.json) from the `draws` row, which never changes, and a
 * page saying so. Undefined when there never was a draw under this id.
 */
async function keptDraw(request: Request, runtime: Runtime, id: string, pathname: string, which: string | undefined): Promise<Response | undefined> {
  const { rows } = await runtime.db.query<KeptDrawRow>('SELECT pool_sha256, protocol IS NOT NULL AS decided FROM draws WHERE programme_id = $1', [id]);
  const row = rows[0];
  if (!row) return undefined;
  if (!pathname.endsWith('/') && !which) return new Response(null, { status: 308, headers: { Location: `${pathname}/` } });
  if (which === 'pula.txt' || which === 'protokol.json') return servedFile(request, runtime, id, which, 'Protokół tego losowania nie powstał: losowania nie przeprowadzono.');
  const protocol = row.decided;
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

