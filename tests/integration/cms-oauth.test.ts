/**
 * The CMS login flow over real HTTP: the self-hosted server (the same handler
 * the Netlify function exports) talking to a local stand-in for GitHub.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCmsOAuthSite, type RunningSite } from '../support/cms-oauth-site.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

let github: FakeGitHub;
let site: RunningSite;

beforeAll(async () => {
  github = await startFakeGitHub();
  site = await startCmsOAuthSite();
});
afterAll(async () => {
  await site?.close();
  await github?.close();
});

beforeEach(() => {
  github.reset();
  vi.stubEnv('GITHUB_OAUTH_CLIENT_ID', github.clientId);
  vi.stubEnv('GITHUB_OAUTH_CLIENT_SECRET', github.clientSecret);
  vi.stubEnv('GITHUB_OAUTH_AUTHORIZE_URL', github.authorizeUrl);
  vi.stubEnv('GITHUB_OAUTH_TOKEN_URL', github.tokenUrl);
  // Whatever the machine running the tests has set: the site is the server under test.
  vi.stubEnv('GITHUB_OAUTH_SCOPE', undefined);
  vi.stubEnv('CMS_OAUTH_BASE_URL', undefined);
  vi.stubEnv('SITE_URL', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const get = (path: string, cookie?: string) => fetch(`${site.origin}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

/** Starts a login as Decap does and returns GitHub's redirect and the state cookie. */
async function startLogin() {
  const response = await get('/api/cms-auth?provider=github&site_id=example.org&scope=repo');
  const location = new URL(response.headers.get('location') ?? '');
  const setCookie = response.headers.getSetCookie()[0] ?? '';
  return { response, location, setCookie, cookie: setCookie.split(';')[0]! };
}

/** Plays the editor approving on GitHub: the fake authorize page's redirect back to the callback. */
async function approveOnGitHub(location: URL): Promise<URL> {
  const approved = await fetch(location, { redirect: 'manual' });
  return new URL(approved.headers.get('location') ?? '');
}

/** The data block the handshake script reads (origin, handshake, message). */
function handshakeData(html: string): { origin: string; handshake: string; message: string } {
  const json = /<script id="cms-auth-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error('no handshake data in the page');
  return JSON.parse(json);
}

describe('GET /api/cms-auth', () => {
  it('redirects to GitHub with the client id, scope, callback and a state bound to a cookie', async () => {
    const { response, location, setCookie } = await startLogin();
    expect(response.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(github.authorizeUrl);
    expect(location.searchParams.get('client_id')).toBe(github.clientId);
    expect(location.searchParams.get('scope')).toBe('repo');
    expect(location.searchParams.get('redirect_uri')).toBe(`${site.origin}/api/cms-auth/callback`);
    const state = location.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).toBe(`cms-oauth-state=${state}; Path=/api/cms-auth; Max-Age=600; HttpOnly; Secure; SameSite=Lax`);
    expect(response.headers.get('location')).not.toContain(github.clientSecret);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('gives every login its own state', async () => {
    const first = await startLogin();
    const second = await startLogin();
    expect(first.location.searchParams.get('state')).not.toBe(second.location.searchParams.get('state'));
  });

  it('asks for public_repo when GITHUB_OAUTH_SCOPE says so', async () => {
    vi.stubEnv('GITHUB_OAUTH_SCOPE', 'public_repo');
    const { location } = await startLogin();
    expect(location.searchParams.get('scope')).toBe('public_repo');
  });

  it('builds the callback on CMS_OAUTH_BASE_URL when the public address differs from the server’s', async () => {
    vi.stubEnv('CMS_OAUTH_BASE_URL', 'https://wspolnie.example.pl');
    const { location } = await startLogin();
    expect(location.searchParams.get('redirect_uri')).toBe('https://wspolnie.example.pl/api/cms-auth/callback');
  });

  it('keeps its own origin when the request target starts with //', async () => {
    // A browser sends this target for https://site//other.example/api/cms-auth; it must not become the callback host.
    const { status, location } = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
      const { port } = new URL(site.origin);
      request({ host: '127.0.0.1', port, path: '//other.example/api/cms-auth' }, (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      }).on('error', reject).end();
    });
    expect(status).toBe(404);
    expect(location ?? '').not.toContain('other.example');
  });

  it('refuses providers other than GitHub', async () => {
    const response = await get('/api/cms-auth?provider=gitlab');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Panel redakcyjny obsługuje tylko logowanie przez GitHub.');
  });
});

describe('GET /api/cms-auth/callback', () => {
  it('exchanges the code and answers the success handshake for the site’s own origin only', async () => {
    const { location, cookie } = await startLogin();
    const callback = await approveOnGitHub(location);
    expect(callback.pathname).toBe('/api/cms-auth/callback');

    const response = await get(`${callback.pathname}${callback.search}`, cookie);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(github.tokenRequests).toHaveLength(1);
    const exchange = github.tokenRequests[0]!;
    expect(exchange.accept).toBe('application/json');
    expect(exchange.form.get('client_id')).toBe(github.clientId);
    expect(exchange.form.get('client_secret')).toBe(github.clientSecret);
    expect(exchange.form.get('code')).toBe(callback.searchParams.get('code'));
    expect(exchange.form.get('redirect_uri')).toBe(`${site.origin}/api/cms-auth/callback`);

    const data = handshakeData(html);
    expect(data.origin).toBe(site.origin);
    expect(data.handshake).toBe('authorizing:github');
    expect(data.message).toBe(`authorization:github:success:${JSON.stringify({ token: github.token, provider: 'github' })}`);
    expect(html).not.toContain(github.clientSecret);
    expect(html).toContain('<html lang="pl">');
    expect(response.headers.getSetCookie()[0]).toMatch(/^cms-oauth-state=; Path=\/api\/cms-auth; Max-Age=0;/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('allows only its own inline script and style, by hash', async () => {
    const { location, cookie } = await startLogin();
    const callback = await approveOnGitHub(location);
    const response = await get(`${callback.pathname}${callback.search}`, cookie);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy') ?? '';
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const script = /<script>(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    const style = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src ${hash(script)};`);
    expect(csp).toContain(`style-src ${hash(style)};`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('posts the token to the origin in SITE_URL when that is set', async () => {
    vi.stubEnv('SITE_URL', 'https://wspolnie.example.pl/');
    const { location, cookie } = await startLogin();
    const callback = await approveOnGitHub(location);
    const html = await (await get(`${callback.pathname}${callback.search}`, cookie)).text();
    expect(handshakeData(html).origin).toBe('https://wspolnie.example.pl');
  });

  it.each([
    ['a wrong state', (state: string) => `state=${state}x`, true],
    ['no state', () => '', true],
    ['no state cookie', (state: string) => `state=${state}`, false],
  ])('refuses a callback with %s, in Polish, without exchanging the code', async (_, query, sendCookie) => {
    const { location, cookie } = await startLogin();
    const state = location.searchParams.get('state') ?? '';
    const response = await get(`/api/cms-auth/callback?code=code-1&${query(state)}`, sendCookie ? cookie : undefined);
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('Nie udało się potwierdzić, że to logowanie rozpoczęło się w tej przeglądarce');
    expect(handshakeData(html).message).toMatch(/^authorization:github:error:\{"message":"Nie udało się potwierdzić/);
    expect(html).not.toContain('authorization:github:success');
    expect(github.tokenRequests).toHaveLength(0);
  });

  it('reports an editor’s refusal on GitHub without exchanging anything', async () => {
    const { location, cookie } = await startLogin();
    const state = location.searchParams.get('state') ?? '';
    const response = await get(`/api/cms-auth/callback?error=access_denied&state=${state}`, cookie);
    expect(response.status).toBe(403);
    expect(handshakeData(await response.text()).message).toContain('nie zezwolono portalowi na dostęp do repozytorium');
    expect(github.tokenRequests).toHaveLength(0);
  });

  it('turns the token endpoint’s error into the error handshake, and logs no secret', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    github.scriptTokenAnswer({ status: 200, body: JSON.stringify({ error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' }) });
    const { location, cookie } = await startLogin();
    const callback = await approveOnGitHub(location);
    const response = await get(`${callback.pathname}${callback.search}`, cookie);
    const html = await response.text();
    expect(response.status).toBe(502);
    expect(handshakeData(html).message).toBe(
      `authorization:github:error:${JSON.stringify({ message: 'Kod logowania z GitHuba wygasł albo został już użyty. Zaloguj się jeszcze raz.' })}`,
    );
    expect(html).not.toContain('authorization:github:success');
    const log = logged.mock.calls.flat().join('\n');
    expect(log).toContain('bad_verification_code');
    for (const secret of [github.clientSecret, callback.searchParams.get('code') ?? '', callback.searchParams.get('state') ?? '']) {
      expect(log).not.toContain(secret);
    }
  });

  it('reports a failing token endpoint (HTTP 500, not JSON) as an error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    github.scriptTokenAnswer({ status: 500, body: 'Internal Server Error' });
    const { location, cookie } = await startLogin();
    const callback = await approveOnGitHub(location);
    const html = await (await get(`${callback.pathname}${callback.search}`, cookie)).text();
    expect(handshakeData(html).message).toContain('GitHub nie potwierdził logowania (odpowiedź HTTP 500)');
  });

  it('reports an unreachable token endpoint as an error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { location, cookie } = await startLogin();
    const callback = await approveOnGitHub(location);
    vi.stubEnv('GITHUB_OAUTH_TOKEN_URL', 'http://127.0.0.1:9/login/oauth/access_token');
    const html = await (await get(`${callback.pathname}${callback.search}`, cookie)).text();
    expect(handshakeData(html).message).toContain('Nie udało się połączyć z GitHubem');
  });
});

describe('misconfiguration', () => {
  it.each([
    ['GITHUB_OAUTH_CLIENT_ID', 'Logowanie do panelu redakcyjnego nie jest skonfigurowane: brak GITHUB_OAUTH_CLIENT_ID.'],
    ['GITHUB_OAUTH_CLIENT_SECRET', 'Logowanie do panelu redakcyjnego nie jest skonfigurowane: brak GITHUB_OAUTH_CLIENT_SECRET.'],
  ])('without %s both addresses answer the Polish configuration page', async (name, sentence) => {
    vi.stubEnv(name, undefined);
    for (const path of ['/api/cms-auth?provider=github', '/api/cms-auth/callback?code=x&state=y']) {
      const response = await get(path);
      const html = await response.text();
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain(`<p>${sentence}</p>`);
      expect(handshakeData(html).message).toBe(`authorization:github:error:${JSON.stringify({ message: sentence })}`);
      expect(html).not.toMatch(/at \w+ \(|Error:|node:/);
      expect(html).not.toContain(github.clientSecret);
    }
    expect(github.tokenRequests).toHaveLength(0);
  });

  it('names a CMS_OAUTH_BASE_URL with a path, which Decap would never match', async () => {
    vi.stubEnv('CMS_OAUTH_BASE_URL', 'https://wspolnie.example.pl/admin/');
    const html = await (await get('/api/cms-auth')).text();
    expect(html).toContain('CMS_OAUTH_BASE_URL ma być samym adresem serwisu, bez ścieżki');
  });
});
