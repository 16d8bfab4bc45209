/**
 * `npm start`: builds the site and serves it locally, with nothing to set up.
 *   --no-build   serve the existing dist/ as it is
 *   PORT, HOST   where to listen (default 127.0.0.1:4321)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/server/server.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(process.env['PORT'] ?? 4321);
const host = process.env['HOST'] ?? '127.0.0.1';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url)), 'build'], {
    cwd: projectRoot,
    stdio: 'inherit',
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
console.log(`Wspólnie działa: http://${host}:${port}/  (Ctrl+C kończy)`);

function shutdown() {
  server.close(() => process.exit(0));
  // Keep-alive connections must not hold the process open.
  server.closeAllConnections();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
