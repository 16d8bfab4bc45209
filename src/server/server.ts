/**
 * The self-hosted web server: the Netlify function handlers at their paths,
 * then the built site, so `npm start` runs what Netlify runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { requestUrl, sendResponse, toRequest } from './fetch-bridge.ts';
import { functionFor } from './functions.ts';
import { serveStatic } from './static-files.ts';

export interface ServerOptions {
  /** Absolute path of the built site. */
  root: string;
  port: number;
  host: string;
}

async function answer(root: string, fallbackHost: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req, fallbackHost);
  const handler = functionFor(url.pathname);
  if (handler) return sendResponse(res, await handler(toRequest(req, url)), req.method);
  const served = await serveStatic(root, req, res);
  if (!served) res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }).end('Ta metoda nie jest obsługiwana.');
}

export function startServer({ root, port, host }: ServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    answer(root, `${host}:${port}`, req, res)
      .catch(() => {
        // Never a stack trace to the visitor; the log gets the path only (no personal data in URLs).
        console.error(`Błąd przy obsłudze ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Wystąpił błąd serwera. Spróbuj ponownie za chwilę.');
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
