/**
 * The draw verifier in Chromium, on a real build served with the real CSP:
 * a genuine protocol is accepted; a changed code, a reordered pool, a wrong
 * source value and a reordered result are each rejected with the right
 * sentence; a missing protocol and a missing file are explained; axe finds
 * nothing before and after; everything works from the keyboard; no CSP
 * violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { serializeProtocol } from '../../../src/draw/protocol.ts';
import { genuineProtocol, withChangedCode, withReorderedPool, withReorderedResult, withWrongSourceValue } from '../../support/draw-protocols.ts';
import { buildDrawSite, serveWithHeaders, verifierPages } from '../../support/draw-site.ts';
import type { FixtureSite } from '../../support/fixture-site.ts';

const genuine = genuineProtocol();
let site: FixtureSite;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
const violations: string[] = [];

// One world for the file: its tests run in order; the last one reads what all the others saw.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(300_000);
  browser = launched;
  site = await buildDrawSite(genuine, withWrongSourceValue(genuine));
  server = await serveWithHeaders(site.dist);
});

test.afterAll(async () => {
  await server?.close();
  await site?.remove();
});

async function withPage(path: string, run: (page: Page) => Promise<void>, javaScript = true): Promise<void> {
  const context = await browser.newContext({ locale: 'pl-PL', baseURL: server.url, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  try {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await run(page);
  } finally {
    await context.close();
  }
}

const result = (page: Page) => page.locator('[data-draw-verifier-result]');

async function axe(page: Page): Promise<void> {
  const found = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function checkFile(page: Page, name: string, json: string): Promise<void> {
  await page.getByLabel('Albo sprawdź plik protokołu z dysku').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.getByRole('button', { name: 'Sprawdź wybrany plik' }).click();
  await expect.poll(() => result(page).textContent()).toMatch(/^Protokół (zgodny|niezgodny)/);
}

test.describe('the draw verifier in Chromium', () => {
  test('accepts the genuine published protocol, announced in a polite live region; axe finds nothing', async () => {
    await withPage(verifierPages.genuine, async (page) => {
      await axe(page);
      await expect.poll(() => page.locator('[data-draw-verifier-nojs]').count()).toBe(0);
      const region = result(page);
      expect(await region.getAttribute('role')).toBe('status');
      expect(await region.getAttribute('aria-live')).toBe('polite');
      await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).click();
      await expect.poll(() => region.textContent()).toContain('Protokół zgodny: pula 150 kodów');
      expect(await region.textContent()).toContain(`Porównaj skrót puli ${genuine.pool.sha256}`);
      expect(await region.getAttribute('class')).toContain('draw-verifier-ok');
      await axe(page);
    });
  });

  for (const [what, tampered, finding] of [
    ['a changed code', withChangedCode(genuine), 'Skrót SHA-256 puli się nie zgadza'],
    ['a reordered pool', withReorderedPool(genuine), 'Pula nie jest w porządku kanonicznym (rosnąco według kodu)'],
    ['a wrong source value', withWrongSourceValue(genuine), 'Źródło 1 („Lotto, losowanie z 14 marca 2026 r.: sześć wylosowanych liczb”): z wartości 42, 7, 19'],
    ['a reordered result', withReorderedResult(genuine), 'Wynik nie zgadza się z przeliczonym losowaniem na 2 pozycjach; pierwsza to pozycja 60'],
  ] as const) {
    test(`rejects a protocol file with ${what} and says what does not match`, async () => {
      await withPage(verifierPages.genuine, async (page) => {
        await checkFile(page, 'protokol.json', JSON.stringify(tampered));
        const text = (await result(page).textContent())!;
        expect(text).toMatch(/^Protokół niezgodny: \d+ niezgodnoś/);
        expect(text).toContain(finding);
        expect(await result(page).getAttribute('class')).toContain('draw-verifier-mismatch');
        await axe(page);
      });
    });
  }

  test('accepts a genuine file, and says when a file is not JSON', async () => {
    await withPage(verifierPages.genuine, async (page) => {
      await checkFile(page, 'protokol.json', serializeProtocol(genuine));
      expect(await result(page).textContent()).toMatch(/^Protokół zgodny/);
      await checkFile(page, 'notatki.json', 'to nie jest JSON');
      expect(await result(page).textContent()).toContain('To nie jest poprawny plik JSON');
    });
  });

  test('rejects a published protocol whose source value was changed', async () => {
    await withPage(verifierPages.tampered, async (page) => {
      await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).click();
      await expect.poll(() => result(page).textContent()).toMatch(/^Protokół niezgodny: 1 niezgodność\.Co się nie zgadza:Źródło 1/);
    });
  });

  test('compares values the visitor typed, and refuses one that can mean two things, showing both key parts', async () => {
    await withPage(verifierPages.genuine, async (page) => {
      const values = page.getByLabel('Wartości źródeł z ich oficjalnych wyników (nieobowiązkowe)');
      expect(await page.locator('#draw-verifier-values-hint').textContent()).toContain('„2345,67” (przecinek między cyframi: ułamek czy dwie liczby?)');
      await values.fill('3 7 19 28 33,41');
      await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).click();
      // The visitor's input to fix, at the field: no verdict on the protocol.
      await expect.poll(() => result(page).textContent()).toBe('Nie sprawdzono protokołu: podana wartość źródła jest błędna albo można ją odczytać dwojako. Popraw ją i sprawdź jeszcze raz.');
      expect(await values.getAttribute('aria-invalid')).toBe('true');
      const text = (await page.locator('#draw-verifier-values-error').textContent())!;
      expect(text).toContain('„33,41” w „3 7 19 28 33,41”');
      expect(text).toContain('(część klucza „3.7.19.28.33.41./”)');
      expect(text).toContain('(część klucza „3.7.19.28.33.41/”)');
      await axe(page);
      await values.fill('3, 7, 19, 28, 33, 41\n\n');
      await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).click();
      await expect.poll(() => result(page).textContent()).toMatch(/^Protokół zgodny/);
      expect(await values.getAttribute('aria-invalid')).toBeNull();
      expect(await page.locator('#draw-verifier-values-error').count()).toBe(0);
    });
  });

  test('explains a protocol that cannot be downloaded', async () => {
    await withPage(verifierPages.missing, async (page) => {
      await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).click();
      await expect.poll(() => result(page).textContent()).toBe('Nie udało się pobrać protokołu (serwer odpowiedział kodem 404).');
    });
  });

  test('works from the keyboard: the inline error for a missing file, then a check', async () => {
    await withPage(verifierPages.genuine, async (page) => {
      const chosen = page.getByRole('button', { name: 'Sprawdź wybrany plik' });
      await chosen.focus();
      await page.keyboard.press('Enter');
      const file = page.getByLabel('Albo sprawdź plik protokołu z dysku');
      await expect.poll(() => file.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await file.getAttribute('aria-invalid')).toBe('true');
      expect(await file.getAttribute('aria-describedby')).toBe('draw-verifier-file-hint draw-verifier-file-error');
      expect(await page.locator('#draw-verifier-file-error').textContent()).toBe('Błąd: Najpierw wybierz plik protokołu.');
      await axe(page);
      // Shift+Tab from the file input reaches the first button; Space activates it.
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sprawdź opublikowany protokół');
      await page.keyboard.press('Space');
      await expect.poll(() => result(page).textContent()).toMatch(/^Protokół zgodny/);
      // The explanation opens from the keyboard too.
      await page.locator('.draw-verifier-rules summary').focus();
      await page.keyboard.press('Enter');
      expect(await page.locator('.draw-verifier-rules').getAttribute('open')).toBe('');
      await axe(page);
    });
  });

  test('without JavaScript, says how to check the protocol and keeps the download link', async () => {
    await withPage(verifierPages.genuine, async (page) => {
      expect(await page.locator('[data-draw-verifier-controls]').isVisible()).toBe(false);
      expect(await page.locator('[data-draw-verifier-nojs]').textContent()).toContain('npm run draw -- verify protokol.json');
      expect(await page.getByRole('link', { name: 'Pobierz protokół losowania (JSON)' }).getAttribute('href')).toBe('/test-losowania/protokol.json');
      // No axe here: it runs as a script in the page, which this context forbids.
    }, false);
  });

  test('caused no Content Security Policy violation', () => {
    expect(violations).toEqual([]);
  });
});
