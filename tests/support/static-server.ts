/**
 * A tiny static server for a built site, on 127.0.0.1, gzip-compressing text
 * as a CDN would. It records what it sends, so tests and the bench can count
 * the bytes a page or a search really transfers.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypes, resolveStatic } from '../../src/server/static-files.ts';

const compressible = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml', '.ics']);

export interface Sent {
  path: string;
  /** Body bytes on the wire (after compression). */
  bytes: number;
}

export interface StaticServer {
  url: string;
  /** Every response sent so far, in order. */
  sent: Sent[];
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const sent: Sent[] = [];
  const server: Server = createServer((request, response) => {
    // A failure answers 500 rather than leaving the browser waiting for ever.
    answer(request.url ?? '/', String(request.headers['accept-encoding']), response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  async function answer(url: string, acceptEncoding: string, response: ServerResponse): Promise<void> {
    const { pathname } = new URL(url, 'http://127.0.0.1');
    const file = await resolveStatic(root, pathname);
    const status = file ? 200 : 404;
    const served = file ?? join(root, '404.html');
    let body = await readFile(served).catch(() => Buffer.from('Nie znaleziono'));
    const ext = extname(served);
    const headers: Record<string, string> = { 'content-type': contentTypes[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (compressible.has(ext) && /\bgzip\b/.test(acceptEncoding)) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    sent.push({ path: pathname, bytes: body.length });
    response.writeHead(status, headers);
    response.end(body);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    // A browser page still open keeps a keep-alive connection; server.close() alone would wait for it.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
