/**
 * The self-hosted web server: the Netlify function handlers at their paths
 * (with their methods and rate limits), then the built site, so `npm start`
 * runs what Netlify runs. Every response carries the security headers of
 * src/lib/security-headers.ts; a function's own header of the same name
 * (the CMS login page's stricter CSP) wins.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FunctionContext } from '../http/runtime.ts';
import { securityHeaders } from '../lib/security-headers.ts';
import { readBody, requestUrl, sendResponse, toRequest } from './fetch-bridge.ts';
import { routeFor, type Route } from './functions.ts';
import { createRateLimiter, type RateLimiter, type WindowLimit } from './rate-limit.ts';
import { resolveStatic, serveStatic } from './static-files.ts';
import { decodedOrUndefined } from '../lib/percent-decoding.ts';
import { fixedSiteRoot, type SiteRoot } from '../site/generations.ts';
import { messagePage } from '../http/pages.ts';
import { html } from '../lib/html.ts';

export interface ServerOptions {
  /** Absolute path of the built site, or the live site's generations (src/site/generations.ts). */
  root: string | SiteRoot;
  port: number;
  host: string;
  /** decap-server's API URL when it runs beside the site; the admin's CSP lets the CMS reach it. */
  cmsLocalBackend?: string | undefined;
  /**
   * Behind a reverse proxy every request comes from the proxy: trust the
   * last X-Forwarded-For address (the one the proxy saw) as the client's.
   */
  trustProxy?: boolean;
  /** 'off', or limits per function (by its first path) replacing its config.rateLimit; for tests and the bench. */
  rateLimits?: 'off' | Readonly<Record<string, WindowLimit>>;
  /** Routes of the self-hosted server only (the push webhook), looked up before the functions. */
  routes?: () => readonly Route[];
  /**
   * The project's public/ folder, where the CMS stores an upload (public/pliki/)
   * before a build copies it: a /pliki/ file the site lacks is served from
   * there, so the CMS preview can read what an editor has just uploaded.
   * Only on a machine that runs the CMS (npm start); Netlify serves the deploy.
   */
  uploadsRoot?: string | undefined;
  /** SITE_URL when set: a request for another host is logged (once per host), since links will point elsewhere. */
  publicOrigin?: string | undefined;
  log?: (line: string) => void;
}

/** The site root of the options: a fixed folder or the live site's generations. */
export const siteRootOf = (root: string | SiteRoot): SiteRoot => (typeof root === 'string' ? fixedSiteRoot(root) : root);

/** Hosts already logged as differing from SITE_URL; bounded so a scan of random Host headers cannot grow it. */
const mostHostsLogged = 20;

/**
 * No function takes more; each checks its own, smaller limit too (the same code runs on Netlify, whose own
 * limit is 6 MB). Above the largest of them (the panel's import of remarks: a 2 MB file sent again as base64 in
 * its confirmation, src/remarks/http/import.ts), so every function answers its own limit with its own page.
 */
export const maxFunctionBodyBytes = 4 * 1024 * 1024;

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((part) => part.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** Headings of the server's own refusals, by status (GOV.UK: say what happened, in the reader's words). */
const refusalTitles: Record<number, string> = {
  400: 'Nie można obsłużyć tego żądania',
  404: 'Nie znaleziono strony',
  405: 'Tego nie można zrobić pod tym adresem',
  413: 'Za dużo danych',
  429: 'Zbyt wiele prób',
};

/**
 * The server's own refusals (method, size, rate, a malformed address), in
 * Polish, following the request's Accept: JSON (`{ errors: [{ field: '',
 * message }] }`, the functions' shape) when JSON was asked for, an HTML page
 * (lang="pl", one h1, a link home) when a browser asked for HTML — a no-JS
 * form that was too large, a mistyped link — else plain text.
 */
function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const accept = String(res.req?.headers.accept ?? '');
  const asJson = /\bapplication\/json\b/.test(accept);
  const asHtml = !asJson && /\btext\/html\b/.test(accept);
  const body = asJson
    ? JSON.stringify({ errors: [{ field: '', message: text }] })
    : asHtml
      ? messagePage(refusalTitles[status] ?? 'Nie można obsłużyć tego żądania', [text, html`<a href="/">Przejdź do strony głównej</a>`], 'problem')
      : text;
  const type = asJson ? 'application/json; charset=utf-8' : asHtml ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra }).end(body);
}

export function startServer(options: ServerOptions): Promise<Server> {
  const { port, host } = options;
  const site = siteRootOf(options.root);
  const log = options.log ?? ((line: string) => console.log(line));
  const publicHost = options.publicOrigin ? new URL(options.publicOrigin).host : undefined;
  const otherHosts = new Set<string>();
  const noteHost = (requested: string | undefined) => {
    if (!publicHost || !requested || requested === publicHost || otherHosts.has(requested) || otherHosts.size >= mostHostsLogged) return;
    otherHosts.add(requested);
    log(`Uwaga: żądanie do ${requested}, a SITE_URL to ${options.publicOrigin} — linki w kanałach, kalendarzach i e-mailach prowadzą pod SITE_URL. Popraw SITE_URL, jeśli to on jest błędny.`);
  };
  const limiters = new Map<string, RateLimiter>();
  const limiterFor = (route: Route): RateLimiter | undefined => {
    if (options.rateLimits === 'off') return undefined;
    const limit = options.rateLimits?.[route.name] ?? route.rateLimit;
    if (!limit) return undefined;
    let limiter = limiters.get(route.name);
    if (!limiter) limiters.set(route.name, (limiter = createRateLimiter(limit)));
    return limiter;
  };

  async function callFunction(route: Route, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (route.methods && !route.methods.includes(method) && !(method === 'HEAD' && route.methods.includes('GET'))) {
      return void plain(res, 405, 'Ta metoda nie jest obsługiwana pod tym adresem.', { Allow: route.methods.join(', ') });
    }
    const context: FunctionContext = { ip: clientAddress(req, options.trustProxy ?? false) };
    const limiter = limiterFor(route);
    const key = context.ip ?? 'unknown';
    if (limiter && !limiter.allow(key)) {
      // Netlify rewrites a limited request to `rateLimit.to`; here the same handler answers.
      const target = route.rateLimit?.to ? routeFor(route.rateLimit.to) : undefined;
      req.resume();
      if (!target) return void plain(res, 429, 'Zbyt wiele prób. Odczekaj minutę i spróbuj ponownie.', { 'Retry-After': String(limiter.retryAfter(key)) });
      const answer = await target.handler(toRequest(req, url), context);
      return sendResponse(res, answer, method, req);
    }
    let body: Uint8Array<ArrayBuffer> | undefined;
    try {
      body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, maxFunctionBodyBytes);
    } catch {
      // A body cut off or malformed by the client (a broken chunked encoding, a dropped connection): its fault, not the server's.
      log(`Żądanie klienta przerwane lub zniekształcone: ${method} ${url.pathname}`);
      if (!res.headersSent && !res.destroyed) plain(res, 400, 'Treść żądania dotarła niepełna albo zniekształcona. Wyślij formularz jeszcze raz.', { Connection: 'close' });
      return;
    }
    if (method !== 'GET' && method !== 'HEAD' && !body) return void plain(res, 413, 'Za dużo danych w jednym żądaniu.', { Connection: 'close' });
    const response = await route.handler(toRequest(req, url, body), context);
    // A body left unread (a refused upload) would be taken for the next request on this connection.
    if (!req.complete) res.setHeader('Connection', 'close');
    return sendResponse(res, response, method, req);
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req, `${host}:${port}`);
    for (const [name, value] of Object.entries(securityHeaders(url.pathname, options))) res.setHeader(name, value);
    noteHost(req.headers.host);
    // A malformed percent-encoding names no page and no function: the visitor's mistake, not the server's.
    if (decodedOrUndefined(url.pathname) === undefined) return void plain(res, 400, 'Adres strony jest zniekształcony (błędne kodowanie znaków %). Sprawdź link albo wpisz adres ponownie.');
    const route = options.routes?.().find((r) => r.paths.includes(url.pathname)) ?? routeFor(url.pathname);
    if (route) return callFunction(route, req, res, url);
    // Netlify reads _headers itself and never serves it.
    if (url.pathname === '/_headers') return void plain(res, 404, 'Nie znaleziono strony.');
    // The request finishes on the folder it started with, even if a rebuild publishes another meanwhile.
    const lease = await site.lease();
    res.once('close', () => lease.release());
    // A live site publishes its search index apart from its pages (src/site/generations.ts).
    const upload = options.uploadsRoot && url.pathname.startsWith('/pliki/') && !(await resolveStatic(lease.root, url.pathname));
    const folder = upload ? options.uploadsRoot! : lease.searchRoot && url.pathname.startsWith('/pagefind/') ? lease.searchRoot : lease.root;
    const served = await serveStatic(folder, req, res);
    if (!served) plain(res, 405, 'Ta metoda nie jest obsługiwana.', { Allow: 'GET, HEAD' });
  }

  const server = createServer((req, res) => {
    answer(req, res).catch(() => {
      // Never a stack trace to the visitor; the log gets the path only (no personal data in paths).
      console.error(`Błąd przy obsłudze ${req.method} ${requestUrl(req, 'localhost').pathname}`);
      if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '60' });
      res.end('Wystąpił błąd serwera. Spróbuj ponownie za chwilę.');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
