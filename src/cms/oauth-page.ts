/**
 * The page the login popup ends on. Decap's github backend (its
 * NetlifyAuthenticator, decap-cms-lib-auth) waits for a two-step handshake:
 *
 *   1. popup → opener: "authorizing:github"; the opener accepts it only when
 *      the popup's origin equals its configured `base_url`, and echoes it back;
 *   2. popup → opener, after the echo: "authorization:github:success:{json}"
 *      with `{ token, provider }`, or "authorization:github:error:{json}"
 *      with `{ message }`, which Decap shows on its login screen.
 *
 * The token is sent only after the echo, only to a window of the site's own
 * origin, and the one inline script is allowed by its hash, nothing else.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../lib/html.ts';

export const provider = 'github';

export type Outcome = { kind: 'success'; token: string } | { kind: 'error'; problem: string };

// Constant, so its CSP hash is too; the data it needs sits in a JSON block, which is never executed.
const handshakeScript = `(function () {
  var data = JSON.parse(document.getElementById('cms-auth-data').textContent);
  var opener = window.opener;
  if (!opener) return;
  window.addEventListener('message', function onEcho(event) {
    if (event.source !== opener || event.origin !== data.origin || event.data !== data.handshake) return;
    window.removeEventListener('message', onEcho);
    opener.postMessage(data.message, data.origin);
  });
  opener.postMessage(data.handshake, data.origin);
})();`;

const style = 'body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}';

const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Allows exactly the page's own script and style; no other source, no framing, no forms. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src ${cspHash(handshakeScript)}`,
  `style-src ${cspHash(style)}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The message Decap parses, as its authenticator expects it. */
export function decapMessage(outcome: Outcome): string {
  return outcome.kind === 'success'
    ? `authorization:${provider}:success:${JSON.stringify({ token: outcome.token, provider })}`
    : `authorization:${provider}:error:${JSON.stringify({ message: outcome.problem })}`;
}

/** JSON that cannot close its <script> element or open a comment inside it. */
const scriptSafeJson = (value: unknown) =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The handshake page for one outcome, to be posted only to `siteOrigin`. */
export function handshakePage(outcome: Outcome, siteOrigin: string): string {
  const heading = outcome.kind === 'success' ? 'Zalogowano do panelu redakcyjnego' : 'Nie udało się zalogować do panelu redakcyjnego';
  // GOV.UK convention used across the site: an error page's title starts with "Błąd:".
  const title = outcome.kind === 'success' ? heading : `Błąd: ${heading}`;
  const body =
    outcome.kind === 'success'
      ? '<p>Logowanie się powiodło. To okno zamknie się samo. Jeśli pozostanie otwarte, zamknij je i wróć do panelu redakcyjnego.</p>'
      : `<p>${escapeHtml(outcome.problem)}</p>
<p>Zamknij to okno i spróbuj zalogować się ponownie. Jeśli błąd się powtarza, przekaż tę wiadomość administratorowi portalu.</p>`;
  const data = { origin: siteOrigin, handshake: `authorizing:${provider}`, message: decapMessage(outcome) };
  return `<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<h1>${heading}</h1>
${body}
</main>
<script id="cms-auth-data" type="application/json">${scriptSafeJson(data)}</script>
<script>${handshakeScript}</script>
</body>
</html>
`;
}
