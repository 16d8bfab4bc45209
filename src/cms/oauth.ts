/**
 * GitHub's OAuth web flow for Decap CMS, without Netlify's provider:
 *
 *   GET /api/cms-auth           → 302 to GitHub's authorize page, with a random
 *                                 `state` also kept in an HttpOnly cookie;
 *   GET /api/cms-auth/callback  → the state checked against the cookie, the code
 *                                 exchanged for a token (the client secret goes
 *                                 only in that server-to-server POST), and the
 *                                 handshake page of oauth-page.ts.
 *
 * Framework-free: Request in, Response out; the Netlify function and the
 * self-hosted server are adapters around `handleCmsAuth`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { contentSecurityPolicy, handshakePage, provider, type Outcome } from './oauth-page.ts';
import { readOAuthSettings, type Env, type OAuthSettings } from './oauth-settings.ts';

const authPath = '/api/cms-auth';
const callbackPath = '/api/cms-auth/callback';

const stateCookie = 'cms-oauth-state';
const stateLifetimeSeconds = 600;
const tokenTimeoutMs = 10_000;

export interface CmsAuthDependencies {
  env: Env;
  fetch?: typeof fetch;
  /** Operational log; receives error codes and statuses only, never a code, token or secret. */
  log?: (line: string) => void;
}

const retry = 'Spróbuj ponownie za chwilę.';

/** What the flow itself can tell an editor (the editors' guide quotes these). */
export const loginMessages = {
  onlyGitHub: 'Panel redakcyjny obsługuje tylko logowanie przez GitHub.',
  accessDenied: 'Logowanie przerwano albo nie zezwolono portalowi na dostęp do repozytorium w GitHubie.',
  notStartedHere:
    'Nie udało się potwierdzić, że to logowanie rozpoczęło się w tej przeglądarce (brakujący lub niezgodny parametr state). Być może minęło ponad 10 minut.',
  noCode: 'GitHub nie przekazał kodu logowania.',
} as const;

/** Polish explanations of the errors GitHub's token endpoint documents. */
const tokenErrors: Record<string, string> = {
  bad_verification_code: 'Kod logowania z GitHuba wygasł albo został już użyty. Zaloguj się jeszcze raz.',
  incorrect_client_credentials: 'GitHub nie rozpoznał aplikacji OAuth portalu: sprawdź GITHUB_OAUTH_CLIENT_ID i GITHUB_OAUTH_CLIENT_SECRET.',
  redirect_uri_mismatch: 'Adres powrotu nie zgadza się z polem „Authorization callback URL” aplikacji OAuth w GitHubie.',
  unverified_user_email: 'Konto GitHub nie ma potwierdzonego adresu e-mail. Potwierdź go w ustawieniach GitHuba i zaloguj się ponownie.',
};

function stateCookieHeader(value: string, maxAge: number): string {
  // Lax still sends it on GitHub's top-level redirect back to the callback.
  return `${stateCookie}=${value}; Path=${authPath}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An error code from GitHub, only if it looks like one (it ends up in a page and a log). */
const safeCode = (code: unknown) => (typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : 'nieznany_błąd');

const noStore = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

function text(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore, ...extra } });
}

function page(status: number, outcome: Outcome, siteOrigin: string, setCookie?: string): Response {
  const headers = new Headers({
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy,
    // The handshake needs window.opener; a site-wide same-origin policy would cut it.
    'Cross-Origin-Opener-Policy': 'unsafe-none',
    ...noStore,
  });
  if (setCookie) headers.append('Set-Cookie', setCookie);
  return new Response(handshakePage(outcome, siteOrigin), { status, headers });
}

async function exchangeCode(settings: OAuthSettings, code: string, redirectUri: string, deps: CmsAuthDependencies): Promise<Outcome> {
  const log = deps.log ?? ((line: string) => console.error(line));
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(settings.tokenUrl, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'wspolnie-cms-auth' },
      body: new URLSearchParams({ client_id: settings.clientId, client_secret: settings.clientSecret, code, redirect_uri: redirectUri }),
      redirect: 'error',
      signal: AbortSignal.timeout(tokenTimeoutMs),
    });
  } catch {
    log('cms-auth: the GitHub token endpoint could not be reached');
    return { kind: 'error', problem: `Nie udało się połączyć z GitHubem, żeby dokończyć logowanie. ${retry}` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const answer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  if (answer && typeof answer['error'] === 'string') {
    const code = safeCode(answer['error']);
    log(`cms-auth: GitHub refused the token exchange: ${code}`);
    return { kind: 'error', problem: tokenErrors[code] ?? `GitHub odrzucił logowanie (${code}). ${retry}` };
  }
  const token = answer?.['access_token'];
  if (!response.ok || typeof token !== 'string' || token === '') {
    log(`cms-auth: unexpected answer from the GitHub token endpoint (HTTP ${response.status})`);
    return { kind: 'error', problem: `GitHub nie potwierdził logowania (odpowiedź HTTP ${response.status}). ${retry}` };
  }
  return { kind: 'success', token };
}

/** Answers both addresses of the flow; anything else under /api/cms-auth is 404. */
export async function handleCmsAuth(request: Request, deps: CmsAuthDependencies): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/\/$/, '');
  if (path !== authPath && path !== callbackPath) return text(404, 'Nie znaleziono strony.');
  if (request.method !== 'GET') return text(405, 'Ta metoda nie jest obsługiwana.', { Allow: 'GET' });

  const read = readOAuthSettings(deps.env);
  const authOrigin = (read.ok && read.settings.authOrigin) || url.origin;
  const siteOrigin = (read.ok && read.settings.siteOrigin) || authOrigin;
  const clearState = stateCookieHeader('', 0);
  const fail = (status: number, problem: string) => page(status, { kind: 'error', problem }, siteOrigin, clearState);
  if (!read.ok) return fail(503, read.problem);
  const { settings } = read;
  const redirectUri = `${authOrigin}${callbackPath}`;

  if (path === authPath) {
    const asked = url.searchParams.get('provider');
    if (asked !== null && asked !== provider) return fail(400, loginMessages.onlyGitHub);
    const state = randomBytes(32).toString('base64url');
    const authorize = new URL(settings.authorizeUrl);
    authorize.searchParams.set('client_id', settings.clientId);
    authorize.searchParams.set('redirect_uri', redirectUri);
    authorize.searchParams.set('scope', settings.scope);
    authorize.searchParams.set('state', state);
    return new Response(null, {
      status: 302,
      headers: { Location: authorize.href, 'Set-Cookie': stateCookieHeader(state, stateLifetimeSeconds), ...noStore },
    });
  }

  const refused = url.searchParams.get('error');
  if (refused !== null) {
    return refused === 'access_denied'
      ? fail(403, loginMessages.accessDenied)
      : fail(400, `GitHub przerwał logowanie (${safeCode(refused)}). ${retry}`);
  }
  const state = url.searchParams.get('state');
  const expected = cookieValue(request.headers.get('cookie'), stateCookie);
  if (!state || !expected || !sameState(state, expected)) {
    return fail(400, loginMessages.notStartedHere);
  }
  const code = url.searchParams.get('code');
  if (!code) return fail(400, loginMessages.noCode);

  const outcome = await exchangeCode(settings, code, redirectUri, deps);
  return outcome.kind === 'success' ? page(200, outcome, siteOrigin, clearState) : fail(502, outcome.problem);
}
