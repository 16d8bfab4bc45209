/**
 * The self-hosted server (src/server) on an ephemeral port, serving a small
 * throw-away root with the pages the OAuth tests open in Chromium:
 *
 * - decap-login.html loads Decap's real authenticator (decap-cms-lib-auth, the
 *   code /admin/ runs when an editor clicks "Login with GitHub");
 * - recording-opener.html opens the login popup but never answers the
 *   handshake by itself, so a test can see what arrives before and after it
 *   echoes "authorizing:github".
 *
 * Both record every message they receive, with its origin, in `window.received`.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/server.ts';

export interface RunningSite {
  origin: string;
  close(): Promise<void>;
}

// The pages load their code from files: the server's Content Security Policy refuses inline scripts, as on the real site.
const recorder = `window.received = [];
window.addEventListener('message', function (e) { window.received.push({ data: e.data, origin: e.origin }); });
// The UMD bundle reads Immutable from Decap's shared exports; the authenticator itself never uses it.
window.DecapCmsDefaultExports = { Immutable: {} };`;

const decapLogin = `window.login = function (baseUrl) {
  return new Promise(function (resolve) {
    var auth = new window.DecapCmsLibAuth.NetlifyAuthenticator({ base_url: baseUrl, auth_endpoint: 'api/cms-auth' });
    auth.authenticate({ provider: 'github', scope: 'repo' }, function (error, data) {
      resolve(error ? { error: String(error) } : { data: data, popupClosed: auth.authWindow.closed });
    });
  });
};`;

const recordingOpener = `window.openLogin = function (url) { window.popup = window.open(url, 'login', 'width=600,height=600'); };
window.echo = function (origin) { window.popup.postMessage('authorizing:github', origin); };`;

const decapLoginPage = `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>Decap login</title>
<script src="/recorder.js"></script>
<script src="/decap-cms-lib-auth.js"></script>
<script src="/decap-login.js"></script></head><body><h1>Decap login</h1></body></html>`;

const recordingOpenerPage = `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>Recording opener</title>
<script src="/recorder.js"></script>
<script src="/recording-opener.js"></script></head><body><h1>Recording opener</h1></body></html>`;

function originOf(server: Server): string {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** Starts the real server; `npm start` runs the same code on a fixed port. */
export async function startCmsOAuthSite(): Promise<RunningSite> {
  const root = await mkdtemp(join(tmpdir(), 'wspolnie-cms-oauth-'));
  const decapAuth = createRequire(import.meta.url).resolve('decap-cms-lib-auth');
  await copyFile(decapAuth, join(root, 'decap-cms-lib-auth.js'));
  await writeFile(join(root, 'recorder.js'), recorder);
  await writeFile(join(root, 'decap-login.js'), decapLogin);
  await writeFile(join(root, 'recording-opener.js'), recordingOpener);
  await writeFile(join(root, 'decap-login.html'), decapLoginPage);
  await writeFile(join(root, 'recording-opener.html'), recordingOpenerPage);
  await writeFile(join(root, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  const server = await startServer({ root, port: 0, host: '127.0.0.1' });
  return {
    origin: originOf(server),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
