/**
 * Supporting a request for a consultation in Chromium (issue 16), against
 * the real server serving a real build with one request (an NGO's Mała
 * Konsultacja: 3 supporters needed, online support open), PGlite and a real
 * SMTP server: with JavaScript the live counts, the form sent with fetch,
 * its mistakes in place, the double opt-in from the emailed link; without
 * JavaScript the mistakes on the built page with everything typed kept, the
 * check-your-mail page, the confirmation, the counts page and the
 * withdrawal; in the panel the supporter listed, paper supports added and
 * the CSV downloaded; and the public wording once the threshold is crossed.
 * axe finds nothing on any page, and no page breaks the CSP.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addDays } from '../../../src/lib/calendar-days.ts';
import { parseCsv } from '../../../src/lib/csv.ts';
import { warsawDay } from '../../../src/lib/dates.ts';
import { linksIn } from '../../../src/mail/template.ts';
import { createMailTransport } from '../../../src/mail/transport.ts';
import { startApp, type RunningApp } from '../../../src/server/app.ts';
import { pgliteEngine, type TestDatabase } from '../../support/databases.ts';
import { builtFixtureSite, type FixtureSite } from '../../support/fixture-site.ts';
import { staffAddress } from '../../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../../support/smtp-sink.ts';
import { runStartedAt } from '../../support/test-services.ts';

const id = 'lawki-przy-placu-zabaw';
const path = `/konsultacje/wnioski/${id}/`;
const title = 'Ławki i cień przy placu zabaw na Woli Justowskiej';

function requestFile(): string {
  const today = warsawDay(new Date(runStartedAt()));
  const filed = addDays(today, -3);
  return `---
title: ${title}
applicant:
  kind: ngo
  name: Stowarzyszenie Zielona Wola
district: VII
procedure: small
filedOn: ${filed}
onlineSupport:
  until: ${addDays(today, 10)}
supportersVerified: 0
history:
  - status: filed
    date: ${filed}
---

Prosimy o konsultacje ustawienia ławek i nasadzeń drzew przy placu zabaw.
`;
}

let site: FixtureSite;
let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
const violations: string[] = [];
const axeFindings: string[] = [];
const withoutScripts = new WeakSet<Page>();

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(300_000);
  browser = launched;
  [site, sink, database] = await Promise.all([builtFixtureSite({ [`src/content/wnioski/${id}.md`]: requestFile() }, 'wspolnie-poparcie-'), createSmtpSink(), pgliteEngine.create()]);
  await sink.start();
  app = await startApp({
    root: site.dist,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'browser-test-secret-browser-test-secret-0123', STAFF_EMAILS: staffAddress },
    db: database.db,
    transport: createMailTransport({ SMTP_URL: sink.url }),
    rateLimits: 'off',
    statusCacheMs: 0,
    jobIntervalMs: 0,
    log: () => undefined,
  });
});
test.afterAll(async () => {
  await app?.close();
  await Promise.all([database?.dispose(), sink?.dispose(), site?.remove()]);
});

async function withPage<T>(javaScript: boolean, run: (page: Page, context: BrowserContext) => Promise<T>, options: { downloads?: boolean } = {}): Promise<T> {
  const context = await browser.newContext({ locale: 'pl-PL', javaScriptEnabled: javaScript, baseURL: app.origin, acceptDownloads: options.downloads ?? false });
  const page = await context.newPage();
  if (!javaScript) withoutScripts.add(page);
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  try {
    return await run(page, context);
  } finally {
    await context.close();
  }
}

async function checkAxe(page: Page, label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').count()).toBe(1);
  // axe runs in the page: a page seen without JavaScript is checked as served, in a context that has it.
  if (withoutScripts.has(page)) return checkAxeOf(page.url(), await page.content(), label);
  const results = await new AxeBuilder({ page } as never).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  axeFindings.push(...results.violations.map((v) => `${label}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

/** The page `html` answered at `url` (say after a plain POST), checked by axe in a context with JavaScript. */
async function checkAxeOf(url: string, html: string, label: string): Promise<void> {
  await withPage(true, async (page) => {
    await page.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
    await page.goto(url);
    await checkAxe(page, label);
  });
}

async function mailTo(to: string, count = 1) {
  for (let i = 0; i < 300; i++) {
    const mail = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
    if (mail.length >= count) return mail;
    app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email for ${to}`);
}

/** The support form's region: the page may have other forms (following by email) with like labels. */
const form = (page: Page) => page.locator('#poparcie-formularz');

async function fill(page: Page, email: string) {
  await form(page).getByLabel('Imię i nazwisko').fill('Zofia Źdźbło-Łęcka');
  await form(page).getByLabel('Adres zamieszkania w Krakowie (ulica i numer)').fill('ul. Królowej Jadwigi 12/4');
  await form(page).getByLabel('Adres e-mail', { exact: true }).fill(email);
  await form(page).getByLabel(/Oświadczam, że mieszkam w Krakowie/).check();
}

async function confirmFromEmail(page: Page, email: string): Promise<string> {
  const [mail] = await mailTo(email);
  expect(mail!.parsed.subject).toBe(`Potwierdź poparcie wniosku: ${title}`);
  await page.goto(linksIn(mail!.parsed.text ?? '')[0]!);
  await expect(page.locator('h1')).toHaveText('Potwierdź poparcie');
  await checkAxe(page, 'potwierdzenie (pytanie)');
  await page.getByRole('button', { name: 'Potwierdzam poparcie' }).click();
  await expect(page.locator('h1')).toHaveText('Poparcie potwierdzone');
  await checkAxe(page, 'potwierdzenie (wynik)');
  const [, confirmed] = await mailTo(email, 2);
  return linksIn(confirmed!.parsed.text ?? '').find((l) => l.includes('/api/wnioski/wycofaj'))!;
}

test.describe('supporting a request in the browser', () => {
  test('with JavaScript: the live counts, the mistakes in place, the sent notice, the double opt-in', async () => {
    await withPage(true, async (page) => {
      const status = page.waitForResponse((r) => r.url().includes('/api/wnioski/status'));
      await page.goto(path);
      expect((await status).status()).toBe(200);
      await expect(page.locator('[data-support-counts]')).toContainText('Do wymaganej liczby brakuje jeszcze 3 poparć.');
      await checkAxe(page, 'strona wniosku');
      await page.getByRole('button', { name: 'Popieram wniosek' }).click();
      await expect(page.locator('#poparcie-bledy')).toContainText('Wpisz imię i nazwisko');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('poparcie-bledy');
      expect(await page.title()).toMatch(/^Błąd: /);
      await checkAxe(page, 'strona wniosku z błędami');
      await fill(page, 'zofia@example.pl');
      await page.getByRole('button', { name: 'Popieram wniosek' }).click();
      await expect(page.locator('#poparcie-wyslano')).toContainText('Sprawdź skrzynkę e-mail');
      await confirmFromEmail(page, 'zofia@example.pl');
      await expect(page.locator('main')).toContainText('Zebrano 1 poparcie z wymaganych 3');
      await page.goto(path);
      await expect(page.locator('[data-support-counts]')).toContainText('Zebrano 1 poparcie z wymaganych 3 (online 1, na papierze 0).');
    });
  });

  test('without JavaScript: the mistakes on the built page with everything kept, the counts page, confirming and withdrawing', async () => {
    await withPage(false, async (page) => {
      await page.goto(path);
      await fill(page, 'jan.nowak@example');
      await page.getByRole('button', { name: 'Popieram wniosek' }).click();
      expect(await page.title()).toMatch(/^Błąd: /);
      await expect(page.locator('#poparcie-bledy')).toContainText('Wpisz adres e-mail w poprawnym formacie');
      expect(await form(page).getByLabel('Imię i nazwisko').inputValue()).toBe('Zofia Źdźbło-Łęcka');
      expect(await form(page).getByLabel('Adres zamieszkania w Krakowie (ulica i numer)').inputValue()).toBe('ul. Królowej Jadwigi 12/4');
      await checkAxe(page, 'strona wniosku z błędami (bez JS)');
      await form(page).getByLabel('Adres e-mail', { exact: true }).fill('jan.nowak@example.pl');
      await page.getByRole('button', { name: 'Popieram wniosek' }).click();
      await expect(page.locator('h1')).toHaveText('Sprawdź skrzynkę e-mail');
      await expect(page.locator('main')).toContainText('Zebrano 1 poparcie z wymaganych 3');
      await checkAxe(page, 'sprawdź skrzynkę');
      const withdraw = await confirmFromEmail(page, 'jan.nowak@example.pl');
      await expect(page.locator('main')).toContainText('Zebrano 2 poparcia z wymaganych 3');

      await page.goto(path);
      await page.getByRole('link', { name: 'licznik poparć' }).click();
      await expect(page.locator('main')).toContainText('Zebrano 2 poparcia z wymaganych 3 (online 2, na papierze 0).');
      await checkAxe(page, 'licznik poparć');

      await page.goto(withdraw);
      await expect(page.locator('h1')).toHaveText('Wycofanie poparcia');
      await checkAxe(page, 'wycofanie (pytanie)');
      await page.getByRole('button', { name: 'Wycofuję poparcie' }).click();
      await expect(page.locator('h1')).toHaveText('Poparcie wycofane');
      await expect(page.locator('main')).toContainText('Zebrano 1 poparcie z wymaganych 3');
      await checkAxe(page, 'wycofanie (wynik)');
    });
  });

  test('in the panel: the supporter listed, paper supports added, the CSV downloaded; the threshold crossed changes the public wording', async () => {
    await withPage(
      true,
      async (page) => {
        await page.goto('/panel/logowanie/');
        await page.getByLabel('Adres e-mail', { exact: true }).fill(staffAddress);
        await page.getByRole('button', { name: 'Wyślij link logowania' }).click();
        const [mail] = await mailTo(staffAddress);
        await page.goto(linksIn(mail!.parsed.text ?? '').find((l) => l.includes('/panel/logowanie/link'))!);
        await page.getByRole('button', { name: 'Zaloguj się' }).click();
        await page.waitForURL('**/panel/');
        await page.getByRole('link', { name: 'Wnioski', exact: true }).click();
        await expect(page.locator('h1')).toHaveText('Wnioski o konsultacje');
        await checkAxe(page, 'panel: wnioski');
        await page.getByRole('link', { name: title }).click();
        await expect(page.locator('main')).toContainText('Zofia Źdźbło-Łęcka');
        await expect(page.locator('main')).toContainText('zofia@example.pl');
        await expect(page.locator('main')).not.toContainText('jan.nowak@example.pl');
        await checkAxe(page, 'panel: wniosek');

        await page.getByRole('button', { name: 'Dopisz poparcia' }).click();
        await expect(page.locator('#podsumowanie-bledow')).toContainText('Wpisz liczbę poparć');
        await checkAxe(page, 'panel: wniosek z błędami');
        await page.getByLabel('Liczba poparć').fill('2');
        await page.getByLabel('Notatka').fill('Listy papierowe złożone w kancelarii 2 grudnia');
        await page.getByRole('button', { name: 'Dopisz poparcia' }).click();
        await expect(page.locator('main')).toContainText('Zebrano wymaganą liczbę poparć — wniosek czeka na weryfikację podpisów przez urząd.');

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Pobierz listę poparć (CSV)' }).click()]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^poparcia-${id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
        const bytes = await readFile((await download.path())!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const rows = parseCsv(bytes.toString('utf8'));
        expect(rows[1]!.slice(0, 4)).toEqual(['internet', 'Zofia Źdźbło-Łęcka', 'ul. Królowej Jadwigi 12/4', 'zofia@example.pl']);
        expect(rows[2]!.slice(5)).toEqual(['2', 'Listy papierowe złożone w kancelarii 2 grudnia']);
      },
      { downloads: true },
    );
    await withPage(true, async (page) => {
      await page.goto(path);
      await expect(page.locator('[data-support-counts]')).toContainText('Zebrano wymaganą liczbę poparć — wniosek czeka na weryfikację podpisów przez urząd.');
    });
    await withPage(false, async (page) => {
      await page.goto(path);
      await page.getByRole('link', { name: 'licznik poparć' }).click();
      await expect(page.locator('main')).toContainText('Zebrano wymaganą liczbę poparć');
      await expect(page.locator('main')).toContainText('Zebrano 3 poparcia z wymaganych 3 (online 1, na papierze 2).');
    });
  });

  test('finds nothing for axe on any page, and no CSP violation', () => {
    expect(axeFindings).toEqual([]);
    expect(violations).toEqual([]);
  });
});
