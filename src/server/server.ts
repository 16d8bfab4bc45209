/**
 * The self-hosted web server: the built site today; the function handlers
 * mount here as they arrive, so `npm start` runs what Netlify runs.
 */
import { createServer, type Server } from 'node:http';
import { serveStatic } from './static-files.ts';

export interface ServerOptions {
  /** Absolute path of the built site. */
  root: string;
  port: number;
  host: string;
}

export function startServer({ root, port, host }: ServerOptions): Promise<Server> {
  const server = createServer((req, res) => {
    serveStatic(root, req, res)
      .then((served) => {
        if (!served) res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }).end('Ta metoda nie jest obsługiwana.');
      })
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
