import { describe, expect, it } from 'vitest';
import { readOAuthSettings } from './oauth-settings.ts';

const complete = { GITHUB_OAUTH_CLIENT_ID: 'id', GITHUB_OAUTH_CLIENT_SECRET: 'secret' };

const problemOf = (env: Record<string, string | undefined>) => {
  const read = readOAuthSettings(env);
  return read.ok ? undefined : read.problem;
};

describe('readOAuthSettings', () => {
  it('defaults to github.com, the repo scope and origins taken from the request', () => {
    expect(readOAuthSettings(complete)).toEqual({
      ok: true,
      settings: {
        clientId: 'id',
        clientSecret: 'secret',
        scope: 'repo',
        authorizeUrl: 'https://github.com/login/oauth/authorize',
        tokenUrl: 'https://github.com/login/oauth/access_token',
        authOrigin: undefined,
        siteOrigin: undefined,
      },
    });
  });

  it('reads the overrides: scope, GitHub Enterprise URLs, public addresses', () => {
    const read = readOAuthSettings({
      ...complete,
      GITHUB_OAUTH_SCOPE: 'public_repo',
      GITHUB_OAUTH_AUTHORIZE_URL: 'https://git.krakow.example/login/oauth/authorize',
      GITHUB_OAUTH_TOKEN_URL: 'https://git.krakow.example/login/oauth/access_token',
      CMS_OAUTH_BASE_URL: 'https://auth.wspolnie.example/',
      SITE_URL: 'https://wspolnie.example/',
    });
    expect(read.ok && read.settings).toMatchObject({
      scope: 'public_repo',
      authorizeUrl: 'https://git.krakow.example/login/oauth/authorize',
      tokenUrl: 'https://git.krakow.example/login/oauth/access_token',
      authOrigin: 'https://auth.wspolnie.example',
      siteOrigin: 'https://wspolnie.example',
    });
  });

  it('names the missing variable in Polish, treating blank as missing', () => {
    expect(problemOf({})).toBe('Logowanie do panelu redakcyjnego nie jest skonfigurowane: brak GITHUB_OAUTH_CLIENT_ID.');
    expect(problemOf({ GITHUB_OAUTH_CLIENT_ID: 'id', GITHUB_OAUTH_CLIENT_SECRET: '  ' })).toBe(
      'Logowanie do panelu redakcyjnego nie jest skonfigurowane: brak GITHUB_OAUTH_CLIENT_SECRET.',
    );
  });

  it('refuses other scopes, non-http URLs and a base URL with a path, never echoing a value', () => {
    expect(problemOf({ ...complete, GITHUB_OAUTH_SCOPE: 'admin:org' })).toContain('GITHUB_OAUTH_SCOPE może mieć tylko wartość repo albo public_repo');
    expect(problemOf({ ...complete, GITHUB_OAUTH_TOKEN_URL: 'javascript:alert(1)' })).toContain('GITHUB_OAUTH_TOKEN_URL nie jest pełnym adresem');
    expect(problemOf({ ...complete, SITE_URL: 'wspolnie.example' })).toContain('SITE_URL nie jest pełnym adresem');
    const withPath = problemOf({ ...complete, CMS_OAUTH_BASE_URL: 'https://wspolnie.example/api' });
    expect(withPath).toContain('CMS_OAUTH_BASE_URL ma być samym adresem serwisu, bez ścieżki');
    expect(withPath).not.toContain('/api');
  });
});
