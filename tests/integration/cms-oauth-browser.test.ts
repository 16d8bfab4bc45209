/**
 * The handshake Decap depends on, in Chromium: a page opens the login popup
 * with window.open, the popup goes through (fake) GitHub to the callback, and
 * the callback page talks to its opener with postMessage — first
 * "authorizing:github", and only after the opener echoes it, the token.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startCmsOAuthSite, type RunningSite } from '../support/cms-oauth-site.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.ts';

let github: FakeGitHub;
let site: RunningSite;
/** Another origin serving the same pages: a window that must never see a token. */
let foreignSite: RunningSite;
let browser: Browser;

interface Received {
  data: unknown;
  origin: string;
}

beforeAll(async () => {
  github = await startFakeGitHub();
  site = await startCmsOAuthSite();
  foreignSite = await startCmsOAuthSite();
  browser = await launchChromium();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await foreignSite?.close();
  await site?.close();
  await github?.close();
});

beforeEach(() => {
  github.reset();
  vi.stubEnv('GITHUB_OAUTH_CLIENT_ID', github.clientId);
  vi.stubEnv('GITHUB_OAUTH_CLIENT_SECRET', github.clientSecret);
  vi.stubEnv('GITHUB_OAUTH_AUTHORIZE_URL', github.authorizeUrl);
  vi.stubEnv('GITHUB_OAUTH_TOKEN_URL', github.tokenUrl);
  vi.stubEnv('GITHUB_OAUTH_SCOPE', undefined);
  vi.stubEnv('CMS_OAUTH_BASE_URL', undefined);
  vi.stubEnv('SITE_URL', undefined);
  return () => vi.unstubAllEnvs();
});

async function withPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'pl-PL' });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);

const success = () => `authorization:github:success:${JSON.stringify({ token: github.token, provider: 'github' })}`;

describe('the login popup and its opener', () => {
  it('logs Decap’s own authenticator in: handshake first, then the token, then the popup closes', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.origin}/decap-login.html`);
      const result = await page.evaluate((baseUrl) => (window as unknown as { login(b: string): Promise<unknown> }).login(baseUrl), site.origin);
      expect(result).toEqual({ data: { token: github.token, provider: 'github' }, popupClosed: true });
      expect(await received(page)).toEqual([
        { data: 'authorizing:github', origin: site.origin },
        { data: success(), origin: site.origin },
      ]);
      expect(github.authorizeVisits[0]?.query.get('scope')).toBe('repo');
    });
  }, 30_000);

  it('shows Decap the Polish reason when the exchange fails', async () => {
    github.scriptTokenAnswer({ status: 200, body: JSON.stringify({ error: 'redirect_uri_mismatch' }) });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await withPage(async (page) => {
      await page.goto(`${site.origin}/decap-login.html`);
      const result = await page.evaluate((baseUrl) => (window as unknown as { login(b: string): Promise<unknown> }).login(baseUrl), site.origin);
      expect(result).toEqual({ error: 'Adres powrotu nie zgadza się z polem „Authorization callback URL” aplikacji OAuth w GitHubie.' });
    });
  }, 30_000);

  it('holds the token back until the opener echoes "authorizing:github"', async () => {
    await withPage(async (page) => {
      await page.goto(`${site.origin}/recording-opener.html`);
      const popupOpened = page.waitForEvent('popup');
      await page.evaluate((url) => (window as unknown as { openLogin(u: string): void }).openLogin(url), `${site.origin}/api/cms-auth?provider=github`);
      const popup = await popupOpened;
      await popup.waitForURL(/\/api\/cms-auth\/callback\?/);
      await popup.waitForLoadState('load');
      await expect.poll(() => received(page)).toEqual([{ data: 'authorizing:github', origin: site.origin }]);
      // Give a wrongly eager popup the time to send more; nothing may arrive before the echo.
      await page.waitForTimeout(300);
      expect(await received(page)).toHaveLength(1);

      await page.evaluate((origin) => (window as unknown as { echo(o: string): void }).echo(origin), site.origin);
      await expect.poll(() => received(page)).toEqual([
        { data: 'authorizing:github', origin: site.origin },
        { data: success(), origin: site.origin },
      ]);
    });
  }, 30_000);

  it('sends nothing to an opener of another origin', async () => {
    await withPage(async (page) => {
      await page.goto(`${foreignSite.origin}/recording-opener.html`);
      const popupOpened = page.waitForEvent('popup');
      await page.evaluate((url) => (window as unknown as { openLogin(u: string): void }).openLogin(url), `${site.origin}/api/cms-auth?provider=github`);
      const popup = await popupOpened;
      await popup.waitForURL(/\/api\/cms-auth\/callback\?/);
      await popup.waitForLoadState('load');
      // The token is exchanged (the popup reached the callback), yet nothing reaches the foreign window.
      await expect.poll(() => github.tokenRequests.length).toBe(1);
      await page.evaluate((origin) => (window as unknown as { echo(o: string): void }).echo(origin), site.origin);
      await page.waitForTimeout(500);
      expect(await received(page)).toEqual([]);
      expect(await popup.locator('h1').textContent()).toBe('Zalogowano do panelu redakcyjnego');
    });
  }, 30_000);
});
