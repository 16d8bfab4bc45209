/**
 * Serves the built site (dist/) the way a CDN would: directory URLs map to
 * index.html, unknown paths get the site's own 404 page, and nothing outside
 * the root can be reached. Files go out through sirv: Brotli or gzip copies
 * made at build time when the client accepts them, validators (ETag,
 * Last-Modified) with 304s, a year's `immutable` caching for fingerprinted
 * paths and revalidation for the rest.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';
import fresh from 'fresh';
import Negotiator from 'negotiator';
import sirv, { type RequestHandler } from 'sirv';
import { decodedOrUndefined } from '../lib/percent-decoding.ts';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.yml': 'text/yaml; charset=utf-8',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    // Not there: the caller answers 404.
  }
  return undefined;
}

/** Resolves a URL path inside `root`, or undefined when it escapes it or has no file. */
export async function resolveStatic(root: string, urlPath: string): Promise<string | undefined> {
  const decoded = decodedOrUndefined(urlPath);
  if (decoded === undefined || decoded.includes('\0')) return undefined;
  // Only what the build published: no dotfiles or dot-folders (editors' leftovers, .git, .build), except /.well-known/.
  if (decoded.split('/').some((segment) => segment.startsWith('.') && segment !== '.well-known')) return undefined;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  return fileAt(full);
}

/**
 * Paths whose names carry a hash of their content, so a year's `immutable`
 * caching is safe: a changed file gets a new name, and the pages that load
 * it are revalidated. Everything else (pages, feeds, pagefind.js, the
 * favicon, the panel's and the verifier's entry scripts) is revalidated on
 * each use, cheaply, with its validators.
 */
const fingerprinted: readonly RegExp[] = [
  // Vite's bundles and stylesheets: name.<hash>.css/js.
  /^\/_astro\//,
  // The Inter subsets, named by a SHA-256 of their bytes (src/fonts/generate.ts).
  /^\/fonts\/[^/]+\.[0-9a-f]{10}\.woff2$/,
  // Pagefind's index, fragments, filters and metadata, named by their content's hash, also in the parts of a large
  // index (/pagefind/czesc-2/index/…, src/search/index-parts.ts); not pagefind.js or pagefind-entry.json.
  /^\/pagefind\/(?:[^/]+\/){0,2}[^/]+_[0-9a-f]{7,}\.pf_(?:meta|index|fragment|filter)$/,
  // The draw verifier's shared chunk (esbuild's chunkNames 'weryfikator-[hash]', src/draw/verifier/integration.ts).
  /^\/skrypty\/weryfikator-[A-Z0-9]{8}\.js$/,
];

export const immutableCaching = 'public, max-age=31536000, immutable';
export const revalidatedCaching = 'public, max-age=0, must-revalidate';

/** The Cache-Control for a URL path of the built site (its decoded pathname). */
export function cacheControlFor(pathname: string): string {
  return fingerprinted.some((pattern) => pattern.test(pathname)) ? immutableCaching : revalidatedCaching;
}

/**
 * sirv answers for one build folder: the `.br`/`.gz` copies beside a file
 * (src/integrations/precompress.ts) chosen by Accept-Encoding with `Vary`,
 * and Last-Modified. Validators and 304s are not sirv's (it compares
 * If-None-Match as one exact string and sends its 304 without the ETag):
 * serveStatic sets the ETag and asks `fresh`. `dev` makes it look each file up on disk per request rather
 * than list the folder when created: a live folder gains its compressed
 * copies after it is published, and listing 10,000 pages would stall the
 * server at each publication.
 */
const sirvFor = (() => {
  const handlers = new Map<string, RequestHandler>();
  // A few folders at a time: the one serving, the one superseded but still finishing its requests, the search index's.
  const kept = 8;
  return (root: string): RequestHandler => {
    let handler = handlers.get(root);
    if (!handler) {
      handler = sirv(root, { dev: true, etag: false, brotli: true, gzip: true, extensions: [], dotfiles: false });
      handlers.set(root, handler);
      if (handlers.size > kept) handlers.delete(handlers.keys().next().value!);
    }
    return handler;
  };
})();

/**
 * The validators of the representation sent (the file, or the compressed copy
 * chosen): a weak ETag of its size and modification time — each coding is
 * its own file, so its own tag — and the original's Last-Modified (a copy is
 * never older than it, see precompress.ts).
 */
function validatorsOf(sent: Stats, original: Stats): { ETag: string; 'Last-Modified': string } {
  return { ETag: `W/"${sent.size.toString(16)}-${Math.floor(sent.mtimeMs).toString(16)}"`, 'Last-Modified': original.mtime.toUTCString() };
}

/**
 * Answers a GET/HEAD for a static file of `root` (an absolute folder);
 * returns false when the request is not a GET or HEAD. A directory URL
 * without its slash is redirected (301); an unknown path gets the site's
 * 404 page with status 404; a found file goes through sirv (above) with the
 * site's content types and `cacheControlFor` its path.
 */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  // Appended, not resolved: a target such as `//a%2Fb` or `//[` is a path here, never a host (resolving it threw
  // and took the server down).
  const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
  // Directory pages live at trailing-slash URLs; redirect like Netlify does so relative links work.
  if (!url.pathname.endsWith('/') && !extname(url.pathname)) {
    const dir = await resolveStatic(root, `${url.pathname}/`);
    if (dir) {
      // One leading slash: `//x/` in a Location is another host to a browser.
      res.writeHead(301, { Location: `${url.pathname.replace(/^\/+/, '/')}/${url.search}` }).end();
      return true;
    }
  }
  const file = await resolveStatic(root, url.pathname);
  const relativePath = file === undefined ? undefined : relative(root, file).split(sep).join('/');
  // sirv reads the path from the URL: a name with "?" or "#" cannot reach it intact (nor does the build make one).
  if (file === undefined || relativePath === undefined || /[?#]/.test(relativePath)) return serveNotFound(root, req, res);
  res.setHeader('Content-Type', contentTypes[extname(file)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', cacheControlFor(`/${relativePath}`));
  // Set before sirv so that its 304 carries them too.
  res.setHeader('Vary', 'Accept-Encoding');
  const info = await stat(file);
  // A compressed copy is not a file of the site: asked for directly, it is not found; nor is one still being written
  // under its temporary name (precompress.ts writes `<file>.br.<pid>.tmp`, then renames it).
  if (/\.(br|gz)$/.test(file) && (await isFile(file.replace(/\.(br|gz)$/, '')))) return serveNotFound(root, req, res);
  if (/\.(br|gz)\.\d+\.tmp$/.test(file)) return serveNotFound(root, req, res);
  const encoding = await chosenEncoding(req, file, info.mtime);
  const validators = validatorsOf(encoding === 'identity' ? info : await stat(`${file}${encoding === 'br' ? '.br' : '.gz'}`), info);
  res.setHeader('ETag', validators.ETag);
  // If-None-Match (a list, `*`, weak comparison) and If-Modified-Since as RFC 9110 section 13.1 has them, by `fresh`.
  if (fresh(req.headers, { etag: validators.ETag, 'last-modified': validators['Last-Modified'] })) {
    res.removeHeader('Content-Type');
    res.writeHead(304, { 'Last-Modified': validators['Last-Modified'] }).end();
    return true;
  }
  // sirv answers the resolved file itself; the request keeps its own URL and headers for whoever reads them after.
  const requested = req.url;
  const { 'accept-encoding': acceptEncoding, range } = req.headers;
  req.headers['accept-encoding'] = encoding;
  if (!isPlainByteRange(req)) delete req.headers.range;
  // sirv applies decodeURI to a path with "%": written as "%25", a literal "%" comes back as itself.
  req.url = `/${relativePath.replaceAll('%', '%25')}`;
  try {
    sirvFor(root)(req, res, () => void serveNotFound(root, req, res));
  } finally {
    req.url = requested;
    req.headers['accept-encoding'] = acceptEncoding;
    if (range !== undefined) req.headers.range = range;
  }
  return true;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/**
 * The one encoding sirv may send, as the Accept-Encoding it reads ("br",
 * "gzip" or "identity"): the client's preference by RFC 9110 section 12.5.3
 * (q-values; `q=0` refuses a coding) among the copies that exist and are at
 * least as new as the file. A copy older than its file (the file rewritten
 * after the build, as a test's config.yml is) is never sent.
 */
async function chosenEncoding(req: IncomingMessage, file: string, modified: Date): Promise<string> {
  if (!/br|gzip/i.test(req.headers['accept-encoding'] ?? '')) return 'identity';
  const current: string[] = [];
  for (const [coding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    const copy = await stat(`${file}${suffix}`).catch(() => undefined);
    if (copy?.isFile() && copy.mtime >= modified) current.push(coding);
  }
  // Between codings the client likes equally, the smaller copy: Brotli.
  // negotiator 1.x takes the order of preference; @types/negotiator still describes 0.6's one-argument form.
  const negotiator = new Negotiator(req) as unknown as { encoding(available: string[], options: { preferred: string[] }): string | undefined };
  return negotiator.encoding([...current, 'identity'], { preferred: ['br', 'gzip', 'identity'] }) ?? 'identity';
}

/**
 * True when the request asks one range sirv answers correctly: `bytes=N-`
 * or `bytes=N-M` with N ≤ M, and no If-Range (sirv ignores it, so a resumed
 * download could splice two versions). Anything else is answered whole, with
 * 200, as RFC 9110 section 14.2 allows a server to do with any Range.
 */
function isPlainByteRange(req: IncomingMessage): boolean {
  const match = /^bytes=(\d{1,15})-(\d{1,15})?$/.exec(req.headers.range ?? '');
  // An end of 0 (`bytes=0-0`) sirv reads as "to the end": answered whole instead of as a wrong 206.
  return match !== null && req.headers['if-range'] === undefined && (match[2] === undefined || (Number(match[1]) <= Number(match[2]) && Number(match[2]) > 0));
}

/** The site's own 404 page (or a line of text when the build has none), with status 404, uncompressed. */
async function serveNotFound(root: string, req: IncomingMessage, res: ServerResponse): Promise<true> {
  const path = await resolveStatic(root, '/404.html');
  if (!path) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': revalidatedCaching }).end('Nie znaleziono strony.');
    return true;
  }
  const info = await stat(path);
  res.writeHead(404, { 'Content-Type': contentTypes['.html']!, 'Content-Length': info.size, 'Cache-Control': revalidatedCaching });
  if (req.method === 'HEAD') res.end();
  else createReadStream(path).pipe(res);
  return true;
}
