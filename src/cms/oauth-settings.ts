/**
 * The GitHub OAuth settings of the CMS login, read from environment
 * variables only: the client secret never lives in the repository, the built
 * site or a URL.
 */

export type { Env } from '../lib/env.ts';
import type { Env } from '../lib/env.ts';

type OAuthScope = 'repo' | 'public_repo';

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  scope: OAuthScope;
  authorizeUrl: string;
  tokenUrl: string;
  /** Public origin of /api/cms-auth (Decap's `base_url`); undefined: the request's own origin. */
  authOrigin: string | undefined;
  /** Origin of the site whose /admin/ may receive the token; undefined: the same as the auth origin. */
  siteOrigin: string | undefined;
}

export type SettingsResult = { ok: true; settings: OAuthSettings } | { ok: false; problem: string };

const githubAuthorizeUrl = 'https://github.com/login/oauth/authorize';
const githubTokenUrl = 'https://github.com/login/oauth/access_token';
const scopes: readonly OAuthScope[] = ['repo', 'public_repo'];

const notConfigured = (detail: string) => `Logowanie do panelu redakcyjnego nie jest skonfigurowane: ${detail}.`;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** An absolute http(s) URL, or undefined when the text is not one. */
function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks the settings; the problem, if any, is a Polish sentence safe to show (it names variables, never values). */
export function readOAuthSettings(env: Env): SettingsResult {
  const clientId = nonEmpty(env, 'GITHUB_OAUTH_CLIENT_ID');
  if (!clientId) return { ok: false, problem: notConfigured('brak GITHUB_OAUTH_CLIENT_ID') };
  const clientSecret = nonEmpty(env, 'GITHUB_OAUTH_CLIENT_SECRET');
  if (!clientSecret) return { ok: false, problem: notConfigured('brak GITHUB_OAUTH_CLIENT_SECRET') };

  const scope = nonEmpty(env, 'GITHUB_OAUTH_SCOPE') ?? 'repo';
  if (!scopes.includes(scope as OAuthScope)) {
    return { ok: false, problem: notConfigured('GITHUB_OAUTH_SCOPE może mieć tylko wartość repo albo public_repo') };
  }

  const urls: Record<string, string> = {};
  for (const [name, fallback] of [['GITHUB_OAUTH_AUTHORIZE_URL', githubAuthorizeUrl], ['GITHUB_OAUTH_TOKEN_URL', githubTokenUrl]] as const) {
    const url = httpUrl(nonEmpty(env, name) ?? fallback);
    if (!url) return { ok: false, problem: notConfigured(`${name} nie jest pełnym adresem https://`) };
    urls[name] = url.href;
  }

  const origins: Record<string, string | undefined> = {};
  for (const name of ['CMS_OAUTH_BASE_URL', 'SITE_URL'] as const) {
    const text = nonEmpty(env, name);
    if (text === undefined) continue;
    const url = httpUrl(text);
    if (!url) return { ok: false, problem: notConfigured(`${name} nie jest pełnym adresem https://`) };
    // Decap compares this with the popup's origin character for character: a path would make the login hang silently.
    if (name === 'CMS_OAUTH_BASE_URL' && url.href !== `${url.origin}/`) {
      return { ok: false, problem: notConfigured('CMS_OAUTH_BASE_URL ma być samym adresem serwisu, bez ścieżki (np. https://wspolnie.krakow.pl)') };
    }
    origins[name] = url.origin;
  }

  return {
    ok: true,
    settings: {
      clientId,
      clientSecret,
      scope: scope as OAuthScope,
      authorizeUrl: urls['GITHUB_OAUTH_AUTHORIZE_URL']!,
      tokenUrl: urls['GITHUB_OAUTH_TOKEN_URL']!,
      authOrigin: origins['CMS_OAUTH_BASE_URL'],
      siteOrigin: origins['SITE_URL'],
    },
  };
}
