/**
 * `npm start`: the whole portal on this machine, with nothing to set up: the
 * database (PGlite in <WSPOLNIE_DATA_DIR>/pglite, or DATABASE_URL), the
 * outbox worker (mail to <WSPOLNIE_DATA_DIR>/outbox/, or SMTP_URL), the
 * sign-up functions, decap-server for the CMS at /admin/, and the live site
 * (src/site/live-site.ts): built into <WSPOLNIE_DATA_DIR>/site/ and rebuilt
 * by itself when a file it is built from changes (a save in the CMS, a `git
 * pull`, the push webhook) or when the clock changes what a page shows (an
 * enrolment opening or closing, an event ending). Each rebuild is published
 * atomically; a failed one leaves the last good site serving.
 *   --no-build          serve a folder built before (dist/, or WSPOLNIE_SITE_DIR) as it is: no builds
 *   --no-watch          build once at start and on the webhook, but not on file changes
 *   --no-cms            do not start decap-server (also CMS_LOCAL=0)
 *   --help              the options, in Polish; an unknown option exits 2 with a Polish sentence
 *   PORT, HOST          where to listen (default 127.0.0.1:4321)
 *   SITE_URL            the public address; default the address the server listens on
 *   TRUST_PROXY=1       behind a reverse proxy: the client address comes from X-Forwarded-For
 *   WSPOLNIE_SITE_DIR   the folder --no-build serves (the tests use it)
 *   DECAP_SERVER_PORT   decap-server's port (default 8081)
 *   GITHUB_WEBHOOK_SECRET, CONTENT_BRANCH   the push webhook (docs/live-site.md, docs/self-hosting.md)
 * Ctrl+C (SIGINT) or SIGTERM stops it cleanly: no new requests, the ones in
 * flight finish, a running build ends, the mail worker ends its run, the
 * database closes.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { ConfigurationError } from '../src/lib/secret.ts';
import { DataDirLayoutError, dataPaths, describeDataPaths } from '../src/lib/data-dir.ts';
import { startApp, type RunningApp } from '../src/server/app.ts';
import { DecapServerUnavailable, DEFAULT_DECAP_SERVER_PORT, localBackendUrl, startDecapServer, type DecapServer } from '../src/server/decap-server.ts';
import { FirstBuildFailed, openLiveSite, type LiveSite } from '../src/site/live-site.ts';
import { pushWebhookRoute } from '../src/server/webhook-route.ts';
import { announcementsForBuild } from '../src/lottery/announcement-file.ts';
import { CommandLineError, parseCommandLine } from '../src/lib/command-line.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const usage = [
  'npm start — cały portal na tym komputerze: strona, zapisy, CMS (/admin/), baza danych i poczta.',
  '  --no-build  serwuje gotowy folder (dist/ albo WSPOLNIE_SITE_DIR) bez budowania',
  '  --no-watch  buduje przy starcie i po webhooku, ale nie po zmianach plików',
  '  --no-cms    bez decap-server (także CMS_LOCAL=0)',
  'Ustawienia środowiska: docs/configuration.md.',
].join('\n');
let options: { 'no-build'?: boolean; 'no-watch'?: boolean; 'no-cms'?: boolean; help?: boolean };
try {
  options = parseCommandLine({ 'no-build': { type: 'boolean' }, 'no-watch': { type: 'boolean' }, 'no-cms': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, 'npm start');
} catch (error) {
  if (!(error instanceof CommandLineError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
const noBuild = options['no-build'] === true;
const dist = env['WSPOLNIE_SITE_DIR'] ? resolve(env['WSPOLNIE_SITE_DIR']) : fileURLToPath(new URL('../dist/', import.meta.url));
const port = Number(env['PORT'] ?? 4321);
const host = env['HOST'] ?? '127.0.0.1';
const withCms = options['no-cms'] !== true && env['CMS_LOCAL'] !== '0';
const cmsPort = Number(env['DECAP_SERVER_PORT'] ?? DEFAULT_DECAP_SERVER_PORT);
const cmsBackend = env['CMS_LOCAL_BACKEND_URL'] ?? localBackendUrl(cmsPort);
const isLoopback = (name: string) => name === 'localhost' || name === '::1' || name.startsWith('127.');
const log = (line: string) => console.log(line);

if (noBuild && !existsSync(dist)) {
  console.error('Brak katalogu dist/. Uruchom `npm start` bez --no-build albo `npm run build`.');
  process.exit(1);
}

const paths = dataPaths(env);
let siteUrl = env['SITE_URL']?.trim() || undefined;
let live: LiveSite | undefined;
let app: RunningApp | undefined;
try {
  live = noBuild
    ? undefined
    : await openLiveSite({
        projectRoot,
        siteDir: paths.site,
        // Read at each build: without SITE_URL the address is known only once the server listens. The lottery
        // announcements recorded in the database go to the build in a file (it cannot open PGlite beside us).
        buildEnv: async () => ({ SITE_URL: siteUrl, CMS_LOCAL_BACKEND_URL: cmsBackend, ...(app ? await announcementsForBuild(app.db, paths.root) : {}) }),
        log,
        watch: options['no-watch'] !== true,
        // The data folder may lie inside the project (even under src/): its database and mail never rebuild the site.
        ignore: [paths.root],
      });
  const site = live;
  const webhook = site && pushWebhookRoute({ env, checkout: projectRoot, rebuild: (reason) => site.rebuilder.request(reason), log });
  app = await startApp({
    root: site?.generations ?? dist,
    port,
    host,
    trustProxy: env['TRUST_PROXY'] === '1',
    // On this machine the built admin looks for decap-server (config.yml's local_backend), running or not;
    // the admin's CSP lets it try. A public address never needs it: Decap uses the local backend on localhost only.
    cmsLocalBackend: isLoopback(host) ? cmsBackend : undefined,
    // What the CMS has just uploaded, before a rebuild copies it into the site (the preview reads it).
    uploadsRoot: join(projectRoot, 'public'),
    ...(site && webhook ? { routes: () => [webhook], siteStatus: () => site.rebuilder.status() } : {}),
  });
  siteUrl ??= app.origin;
  if (site) {
    log(`Buduję stronę dla ${siteUrl} …`);
    // Requests that arrive meanwhile wait for this first build.
    await site.start();
  }
} catch (error) {
  // Settings, a held data folder and a broken first build are the operator's to fix: say which, in Polish, without a stack trace.
  if (error instanceof ConfigurationError || error instanceof DataDirLockedError || error instanceof DataDirLayoutError || error instanceof FirstBuildFailed) {
    if (error instanceof FirstBuildFailed) {
      // The reason is in the log line above; the build's own words follow for what it could not explain.
      if (error.detail.trim()) console.error(`Szczegóły z budowania:\n${error.detail.trim()}`);
      console.error('Serwer nie wystartował, bo strona nie ma jeszcze żadnej zbudowanej wersji: popraw wskazany plik (w edytorze tekstu) i uruchom `npm start` ponownie.');
    } else console.error(error.message);
    await live?.close();
    await app?.close();
    process.exit(1);
  }
  throw error;
}
let cms: DecapServer | undefined;
try {
  cms = withCms ? await startDecapServer({ repository: projectRoot, port: cmsPort }) : undefined;
} catch (error) {
  // The site and the functions work without the local CMS; say why it is missing instead of stopping.
  if (!(error instanceof DecapServerUnavailable)) throw error;
  console.error(`Panel redakcji lokalnie nie działa: ${error.message}`);
}
// One write: whoever waits for "Wspólnie działa" (a supervisor, a test) gets the whole banner with it.
console.log(
  [
    `Wspólnie działa: ${app.origin}/  (Ctrl+C kończy)`,
    ...describeDataPaths(env).map((line) => `  ${line}`),
    live ? `  Strona: ${paths.site}/current, adres publiczny ${siteUrl}; przebudowuje się sama po zmianie plików i w chwilach, gdy zmienia się stan naboru lub wydarzeń` : `  Strona: ${dist} (bez przebudowy)`,
    ...(cms ? [`Panel redakcji: ${app.origin}/admin/ (decap-server ${cms.apiUrl} zapisuje do src/content/; strona przebuduje się sama)`] : []),
  ].join('\n'),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`Zatrzymuję (${signal})…`);
  await Promise.all([app!.close(), cms?.stop(), live?.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
