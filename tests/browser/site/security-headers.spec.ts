/**
 * The site under its own Content Security Policy, in Chromium, as `npm start`
 * serves it: no page breaks a rule (no inline script or style anywhere, the
 * archive search's WebAssembly and worker included), and the CMS at /admin/
 * loads under its relaxed policy without a single violation either.
 */
import { expect, test, type Page } from '@playwright/test';
import { securityHeaders } from '../../../src/lib/security-headers.ts';
import { sitemapPaths, wpmProgramme } from './site-pages.ts';

async function violationsWhile(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('CSP:') || /Content Security Policy/.test(message.text())) seen.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)),
  );
  await visit();
  return seen;
}

test('every page in the sitemap loads without a CSP violation and with the security headers', async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await violationsWhile(page, async () => {
    for (const path of sitemapPaths()) {
      const response = await page.goto(path, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      const headers = response!.headers();
      for (const [name, value] of Object.entries(securityHeaders(path))) expect(headers[name.toLowerCase()], `${path} ${name}`).toBe(value);
    }
  });
  expect(violations).toEqual([]);
});

test('the archive search (WebAssembly in a worker) runs under the site policy', async ({ page }) => {
  const violations = await violationsWhile(page, async () => {
    await page.goto('/archiwum/?q=konsultacje');
    await expect(page.locator('[data-search-status]')).toContainText(/Znaleziono|Nie znaleziono/, { timeout: 20_000 });
  });
  expect(violations).toEqual([]);
});

test('the CMS loads at /admin/ under its own policy without a violation', async ({ page }) => {
  const violations = await violationsWhile(page, async () => {
    const response = await page.goto('/admin/');
    // Served on 127.0.0.1, the admin may also try the local decap-server its config.yml names (none runs here).
    expect(response?.headers()['content-security-policy']).toBe(securityHeaders('/admin/', { cmsLocalBackend: 'http://127.0.0.1:8081/api/v1' })['Content-Security-Policy']);
    await expect(page.getByRole('button', { name: /Zaloguj|GitHub/ }).first()).toBeVisible({ timeout: 20_000 });
  });
  expect(violations).toEqual([]);
  await expect(page.locator('body')).not.toContainText('Error loading the CMS configuration');
});

test('a programme page with its form keeps to the policy', async ({ page }) => {
  const violations = await violationsWhile(page, () => page.goto(wpmProgramme).then(() => undefined));
  expect(violations).toEqual([]);
});
