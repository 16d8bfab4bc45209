/**
 * `npm start`: builds the site and serves it locally, with nothing to set up.
 * decap-server runs beside it, so the CMS at /admin/ edits src/content/
 * (rebuild to see the changes; `npm run dev` shows them at once).
 *   --no-build          serve the existing dist/ as it is
 *   --no-cms            do not start decap-server (also CMS_LOCAL=0)
 *   PORT, HOST          where to listen (default 127.0.0.1:4321)
 *   DECAP_SERVER_PORT   decap-server's port (default 8081)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DECAP_SERVER_PORT, localBackendUrl, startDecapServer, type DecapServer } from '../src/server/decap-server.ts';
import { startServer } from '../src/server/server.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';
const withCms = !process.argv.includes('--no-cms') && process.env['CMS_LOCAL'] !== '0';
const cmsPort = Number(process.env['DECAP_SERVER_PORT'] ?? DEFAULT_DECAP_SERVER_PORT);

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

const server = await startServer({ root: dist, port, host });
const cms: DecapServer | undefined = withCms ? await startDecapServer({ repository: projectRoot, port: cmsPort }) : undefined;
console.log(`Wspólnie działa: http://${host}:${port}/  (Ctrl+C kończy)`);
if (cms) console.log(`Panel redakcji: http://${host}:${port}/admin/ (decap-server ${cms.apiUrl} zapisuje do src/content/)`);

function shutdown() {
  void cms?.stop();
  server.close(() => process.exit(0));
  // Keep-alive connections must not hold the process open.
  server.closeAllConnections();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
