/**
 * decap-server, the local backend of Decap CMS: the admin at
 * http://localhost:…/admin/ talks to it instead of GitHub, and it reads and
 * writes the files of a folder directly (MODE=fs: no commits, and only the
 * "simple" publishing mode, which Decap then switches to by itself).
 * `npm run dev`, `npm start` and the CMS browser test start it through this.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

export const DEFAULT_DECAP_SERVER_PORT = 8081;

export interface DecapServerOptions {
  /** The folder whose src/content/ and public/pliki/ the CMS edits. */
  repository: string;
  port?: number;
  /** Only this machine: the local backend has no login. */
  host?: string;
  /** Where the server's own log goes; the parent's output by default. */
  stdio?: 'inherit' | 'ignore';
}

export interface DecapServer {
  /** What config.yml's local_backend.url must say. */
  apiUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function localBackendUrl(port: number, host = '127.0.0.1'): string {
  return `http://${host}:${port}/api/v1`;
}

/** Thrown when decap-server cannot start; the message is Polish and says what to do. */
export class DecapServerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecapServerUnavailable';
  }
}

/** Whether nothing listens on host:port (a leftover decap-server of a killed `npm start` would answer in its place). */
function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Starts decap-server and resolves once it answers; rejects with DecapServerUnavailable. */
export async function startDecapServer({ repository, port = DEFAULT_DECAP_SERVER_PORT, host = '127.0.0.1', stdio = 'inherit' }: DecapServerOptions): Promise<DecapServer> {
  if (!(await portFree(port, host))) {
    throw new DecapServerUnavailable(
      `Port ${port} panelu redakcji (decap-server) jest zajęty — może działa inne „npm start” albo zostało po nim (sprawdź: ss -ltnp | grep ${port}). ` +
        'Zatrzymaj tamten proces albo ustaw DECAP_SERVER_PORT na wolny port.',
    );
  }
  const require = createRequire(import.meta.url);
  const entry = require.resolve('decap-server/dist/index.js');
  const child = spawn(process.execPath, [entry], {
    // dotenv inside decap-server reads a .env from its working directory; keep it in the repository.
    cwd: repository,
    env: { ...process.env, PORT: String(port), BIND_HOST: host, MODE: 'fs', GIT_REPO_DIRECTORY: repository, LOG_LEVEL: process.env['DECAP_SERVER_LOG_LEVEL'] ?? 'warn' },
    stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : 'ignore',
  });
  const apiUrl = localBackendUrl(port, host);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  // A bound only against a decap-server that neither answers nor exits; on a busy machine it may take many seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new DecapServerUnavailable(`decap-server zakończył się (kod ${child.exitCode}); czy port ${port} jest wolny?`);
    try {
      const response = await fetch(apiUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
      // Only our own child counts: it is still running when the answer comes.
      if (response.ok && child.exitCode === null) return { apiUrl, child, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new DecapServerUnavailable(`decap-server nie odpowiada pod ${apiUrl}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
