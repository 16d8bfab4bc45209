import { expect, test } from '@playwright/test';
import { sitemapPaths } from './site-pages.ts';

// Pages that may load JavaScript: the archive search, and a page showing an
// open sign-up form, which may load the form's own script and the modules it
// imports, and nothing else.
const allowedScripts = (path: string) => path === '/archiwum/';
const enrolmentScript = /^\/_astro\/EnrolmentFormScript\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/;

test('content pages ship no JavaScript', async ({ page }) => {
  for (const path of sitemapPaths().filter((p) => !allowedScripts(p))) {
    const scripts: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
    await page.goto(path);
    if ((await page.locator('form[data-enrolment-form]').count()) > 0) {
      await expect(page.locator('script'), path).toHaveCount(1);
      const [form, ...rest] = scripts.map((s) => new URL(s).pathname);
      expect(form, path).toMatch(enrolmentScript);
      // Besides the form's script, only the modules it imports itself (a chunk it shares with the search, e.g. the plural rule).
      const imported = [...(await (await page.request.get(form!)).text()).matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((m) => `/_astro/${m[1]}`);
      expect(rest.sort(), path).toEqual(imported.sort());
    } else {
      expect(await page.locator('script').count(), path).toBe(0);
      expect(scripts, path).toEqual([]);
    }
    page.removeAllListeners('request');
  }
});

test('every page has a Polish title, one h1, a lang attribute and the accessibility-statement meta tag', async ({ page }) => {
  for (const path of sitemapPaths()) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(page).toHaveTitle(/Wspólnie/);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('meta[name="deklaracja-dostępności"]')).toHaveAttribute('content', /\/deklaracja-dostepnosci\/$/);
  }
});

test('unknown addresses get the Polish 404 page', async ({ page }) => {
  const response = await page.goto('/programy/nie-istnieje/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nie znaleziono strony');
});

test('printing hides navigation and keeps the content', async ({ page }) => {
  await page.goto('/programy/wspolne-projekty-miejskie-2020/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Główna nawigacja' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Harmonogram' })).toBeVisible();
});

test('the layout reflows to a 320 px wide screen without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of ['/', '/programy/wspolne-projekty-miejskie-2020/', '/konsultacje/', '/kalendarz/']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('the accessibility statement carries the Ministry structure ids', async ({ page }) => {
  await page.goto('/deklaracja-dostepnosci/');
  for (const id of ['a11y-wstep', 'a11y-podmiot', 'a11y-url', 'a11y-data-publikacja', 'a11y-data-aktualizacja', 'a11y-status', 'a11y-data-sporzadzenie', 'a11y-data-przeglad', 'a11y-audytor', 'a11y-kontakt', 'a11y-osoba', 'a11y-email', 'a11y-telefon', 'a11y-procedura']) {
    await expect(page.locator(`#${id}`), id).toHaveCount(1);
  }
  await expect(page.locator('#a11y-data-publikacja')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('#a11y-procedura')).toContainText('Rzecznik');
});
