/**
 * The whole sign-up in Chromium, against the real server (src/server/app.ts)
 * serving a real build with an open first-come programme of 2 places
 * (tests/support/enrolment-site.ts), PGlite, and a real SMTP server: the
 * enhanced form and the plain one (JavaScript off), the errors shown in the
 * built page with everything typed kept, the confirmation link, the waiting
 * list notice once full, and the withdrawal button — all without one CSP
 * violation.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { pgliteEngine, type TestDatabase } from '../../support/databases.ts';
import type { RunningApp } from '../../../src/server/app.ts';
import { declarations, openProgramme, startSiteScenario, type SiteScenario } from '../../support/enrolment-site.ts';
import { linksOf } from '../../support/enrolment-app.ts';
import type { SmtpSink } from '../../support/smtp-sink.ts';

let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
const violations: string[] = [];

// One world for the file: its tests run in order, each on what the one before left.
test.describe.configure({ mode: 'serial' });

let scenario: SiteScenario | undefined;
test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(240_000);
  browser = launched;
  scenario = await startSiteScenario(pgliteEngine);
  ({ sink, database, app } = scenario);
});
test.afterAll(() => scenario?.close());

async function withPage<T>(options: { javaScript: boolean }, run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'pl-PL', javaScriptEnabled: options.javaScript, baseURL: app.origin });
  const page = await context.newPage();
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  try {
    return await run(page, context);
  } finally {
    await context.close();
  }
}

async function mailTo(to: string, count = 1) {
  for (let i = 0; i < 200; i++) {
    const mail = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
    if (mail.length >= count) return mail;
    app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email for ${to}`);
}

async function fillForm(page: Page, email: string) {
  await page.getByLabel('Imię i nazwisko').fill('Zofia Źdźbło-Łęcka');
  await page.getByLabel('Adres e-mail', { exact: true }).fill(email);
  await page.getByLabel('Numer telefonu').fill('600 123 456');
  await page.getByLabel('Dzielnica, w której mieszkasz').selectOption('XIII');
  await page.getByLabel('Przedział wieku').selectOption('30-44');
  await page.getByLabel('Nazwa organizacji').fill('Rada Osiedla Płaszów');
  await page.getByLabel('Wiadomość').fill('Poproszę o miejsce przy oknie.');
  for (const d of declarations) await page.getByLabel(d.text).check();
  await page.locator('#enrol-consent').check();
}

test.describe('signing up in the browser', () => {
  test('with JavaScript: the live state, the sent notice, the email, the confirmation page', async () => {
    await withPage({ javaScript: true }, async (page) => {
      const status = page.waitForResponse((r) => r.url().includes('/api/zapisy/status'));
      await page.goto(openProgramme.path);
      expect((await status).status()).toBe(200);
      await expect.poll(() => page.locator('#enrol-state').textContent()).toContain('Wolne miejsca: 2 z 2');
      await fillForm(page, 'zofia@example.pl');
      await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
      await expect.poll(() => page.locator('#enrol-done').textContent()).toContain('Sprawdź skrzynkę e-mail');

      const [mail] = await mailTo('zofia@example.pl');
      expect(mail!.parsed.subject).toBe(`Potwierdź zgłoszenie: ${openProgramme.title}`);
      await page.goto(linksOf(mail!)[0]!);
      // Opening the link only asks; the button confirms.
      await expect.poll(() => page.locator('h1').textContent()).toBe('Potwierdź zgłoszenie');
      await page.getByRole('button', { name: 'Potwierdzam zgłoszenie' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie potwierdzone');
      expect(await page.locator('main').textContent()).toContain('Masz zapewnione miejsce');
    });
  });

  test('without JavaScript: the errors in the programme page with everything typed kept, then the check-your-email page', async () => {
    await withPage({ javaScript: false }, async (page) => {
      await page.goto(openProgramme.path);
      // The browser's own check lets this through (no dot needed); the form's schema does not.
      await fillForm(page, 'jan.nowak@example');
      await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
      expect(await page.title()).toMatch(/^Błąd: /);
      await expect.poll(() => page.locator('#enrol-error-summary').textContent()).toContain('Wpisz adres e-mail w poprawnym formacie');
      expect(await page.getByLabel('Imię i nazwisko').inputValue()).toBe('Zofia Źdźbło-Łęcka');
      expect(await page.getByLabel('Adres e-mail', { exact: true }).inputValue()).toBe('jan.nowak@example');
      expect(await page.getByLabel('Wiadomość').inputValue()).toBe('Poproszę o miejsce przy oknie.');
      expect(await page.getByLabel('Dzielnica, w której mieszkasz').inputValue()).toBe('XIII');

      await page.getByLabel('Adres e-mail', { exact: true }).fill('jan.nowak@example.pl');
      await page.locator('#enrol-consent').check();
      for (const d of declarations) await page.getByLabel(d.text).check();
      await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
      expect(new URL(page.url()).pathname).toBe('/zapisy/sprawdz-poczte/');
      const [mail] = await mailTo('jan.nowak@example.pl');
      await page.goto(linksOf(mail!)[0]!);
      // Without JavaScript too: the page with the button is a plain form.
      await page.getByRole('button', { name: 'Potwierdzam zgłoszenie' }).click();
      expect(await page.locator('main').textContent()).toContain('Masz zapewnione miejsce');
    });
  });

  test('once both places are taken, offers the waiting list; a withdrawal by its button frees a place', async () => {
    await withPage({ javaScript: true }, async (page) => {
      await page.goto(openProgramme.path);
      await expect.poll(() => page.locator('#enrol-state').textContent()).toContain('Możesz zapisać się na listę rezerwową');
      await page.getByRole('button', { name: 'Zapisz się na listę rezerwową' }).waitFor();

      const [mail] = await mailTo('zofia@example.pl', 2);
      await page.goto(linksOf(mail!)[1]!);
      await page.getByRole('button', { name: 'Rezygnuję ze zgłoszenia' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie wycofane');
      const { rows } = await database.db.query(`SELECT status, email, name FROM applications WHERE status = 'withdrawn'`);
      expect(rows).toEqual([{ status: 'withdrawn', email: null, name: null }]);
    });
    // A fresh browser: the status answer may be cached for a few seconds.
    await withPage({ javaScript: true }, async (page) => {
      await page.goto(openProgramme.path);
      await expect.poll(() => page.locator('#enrol-state').textContent()).toContain('Wolne miejsca: 1 z 2');
    });
  });

  test('broke no Content Security Policy rule on the way', () => {
    expect(violations).toEqual([]);
  });
});
