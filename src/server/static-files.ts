/**
 * Serves the built site (dist/) the way a CDN would: directory URLs map to
 * index.html, unknown paths get the site's own 404 page, and nothing outside
 * the root can be reached.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
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

/** Answers a GET/HEAD for a static file; returns false when the request is not for one. */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Directory pages live at trailing-slash URLs; redirect like Netlify does so relative links work.
  if (!url.pathname.endsWith('/') && !extname(url.pathname)) {
    const dir = await resolveStatic(root, `${url.pathname}/`);
    if (dir) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return true;
    }
  }
  const file = await resolveStatic(root, url.pathname);
  const status = file ? 200 : 404;
  const path = file ?? (await resolveStatic(root, '/404.html'));
  if (!path) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Nie znaleziono strony.');
    return true;
  }
  const info = await stat(path);
  res.writeHead(status, {
    'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': path.includes(`${sep}_astro${sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(path).pipe(res);
  return true;
}
