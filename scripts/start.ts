/**
 * `npm start`: builds the site and serves it locally, with nothing to set up:
 * the database (PGlite in .data/pglite, or DATABASE_URL), the outbox worker
 * (mail to .data/outbox/, or SMTP_URL), the sign-up functions and the site
 * (src/server/app.ts). decap-server runs beside it, so the CMS at /admin/
 * edits src/content/ (rebuild to see the changes; `npm run dev` shows them at once).
 *   --no-build          serve the existing dist/ as it is
 *   --no-cms            do not start decap-server (also CMS_LOCAL=0)
 *   PORT, HOST          where to listen (default 127.0.0.1:4321)
 *   TRUST_PROXY=1       behind a reverse proxy: the client address comes from X-Forwarded-For
 *   WSPOLNIE_SITE_DIR   serve another built folder instead of dist/ (with --no-build; the tests use it)
 *   DECAP_SERVER_PORT   decap-server's port (default 8081)
 * Ctrl+C (SIGINT) or SIGTERM stops it cleanly: no new requests, the ones in
 * flight finish, the mail worker ends its run, the database closes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { ConfigurationError } from '../src/enrolment/secret.ts';
import { startApp, type RunningApp } from '../src/server/app.ts';
import { DEFAULT_DECAP_SERVER_PORT, localBackendUrl, startDecapServer, type DecapServer } from '../src/server/decap-server.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env['WSPOLNIE_SITE_DIR'] ? resolve(process.env['WSPOLNIE_SITE_DIR']) : fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';
const withCms = !process.argv.includes('--no-cms') && process.env['CMS_LOCAL'] !== '0';
const cmsPort = Number(process.env['DECAP_SERVER_PORT'] ?? DEFAULT_DECAP_SERVER_PORT);
const isLoopback = (name: string) => name === 'localhost' || name === '::1' || name.startsWith('127.');

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url)), 'build'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, CMS_LOCAL_BACKEND_URL: process.env['CMS_LOCAL_BACKEND_URL'] ?? localBackendUrl(cmsPort) },
  });
  if (build.status !== 0) {
    console.error('Budowanie strony nie powiodło się — popraw błędy wypisane powyżej i uruchom `npm start` ponownie.');
    process.exit(build.status ?? 1);
  }
} else if (!existsSync(dist)) {
  console.error('Brak katalogu dist/. Uruchom `npm start` bez --no-build albo `npm run build`.');
  process.exit(1);
}

let app: RunningApp;
try {
  app = await startApp({
    root: dist,
    port,
    host,
    trustProxy: process.env['TRUST_PROXY'] === '1',
    // On this machine the built admin looks for decap-server (config.yml's local_backend), running or not;
    // the admin's CSP lets it try. A public address never needs it: Decap uses the local backend on localhost only.
    cmsLocalBackend: isLoopback(host) ? (process.env['CMS_LOCAL_BACKEND_URL'] ?? localBackendUrl(cmsPort)) : undefined,
  });
} catch (error) {
  // Settings and a held data folder are the operator's to fix: say which, in Polish, without a stack trace.
  if (error instanceof ConfigurationError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const cms: DecapServer | undefined = withCms ? await startDecapServer({ repository: projectRoot, port: cmsPort }) : undefined;
console.log(`Wspólnie działa: ${app.origin}/  (baza: ${app.db.engine === 'pglite' ? 'PGlite w .data/' : 'PostgreSQL'}; Ctrl+C kończy)`);
if (cms) console.log(`Panel redakcji: ${app.origin}/admin/ (decap-server ${cms.apiUrl} zapisuje do src/content/)`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Zatrzymuję (${signal})…`);
  await Promise.all([app.close(), cms?.stop()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
