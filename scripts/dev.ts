/**
 * `npm run dev`: Astro's development server and decap-server together, so
 * the CMS at http://localhost:4321/admin/ edits the files in src/content/ and
 * public/pliki/ and the pages reload as it saves. Ctrl+C stops both.
 *   --no-cms            Astro only
 *   DECAP_SERVER_PORT   decap-server's port (default 8081)
 * Other arguments go to `astro dev` (e.g. `npm run dev -- --port 4322`).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DECAP_SERVER_PORT, localBackendUrl, startDecapServer, type DecapServer } from '../src/server/decap-server.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const withCms = !process.argv.includes('--no-cms');
const astroArgs = process.argv.slice(2).filter((a) => a !== '--no-cms');
const port = Number(process.env['DECAP_SERVER_PORT'] ?? DEFAULT_DECAP_SERVER_PORT);

let cms: DecapServer | undefined;
if (withCms) {
  cms = await startDecapServer({ repository: projectRoot, port });
  console.log(`decap-server: ${cms.apiUrl} (pliki w ${projectRoot}src/content/)`);
}

const astro = spawn(process.execPath, [fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url)), 'dev', ...astroArgs], {
  cwd: projectRoot,
  stdio: 'inherit',
  // The generated config.yml must point the CMS at the decap-server just started.
  env: { ...process.env, CMS_LOCAL_BACKEND_URL: localBackendUrl(port) },
});

let stopping: Promise<never> | undefined;
function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    if (astro.exitCode === null && astro.signalCode === null) astro.kill('SIGTERM');
    await Promise.all([cms?.stop(), astro.exitCode === null && astro.signalCode === null ? new Promise((resolve) => astro.once('exit', resolve)) : undefined]);
    process.exit(code);
  })();
  return stopping;
}

// Ctrl+C reaches the children too (same process group); this also covers a plain `kill`.
process.on('SIGINT', () => void stopAll(130));
process.on('SIGTERM', () => void stopAll(143));
astro.on('exit', (code) => void stopAll(code ?? 0));
cms?.child.on('exit', (code) => {
  if (stopping) return;
  console.error(`decap-server zakończył pracę (kod ${code}); zatrzymuję też serwer Astro.`);
  void stopAll(code || 1);
});
