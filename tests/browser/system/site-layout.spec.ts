/**
 * The pages the functions render, inside the site's own layout, in Chromium
 * against the real server (src/server/app.ts) serving a copy of the
 * project's build, dist/ (its frame /dane/szablon-strony/ included), with the real CSP, on
 * PGlite and a real SMTP server: a lottery's results page (/losowania/<id>/),
 * the page a confirmation link opens and the page its button gives carry the
 * site's navigation (with "Programy" current under /losowania/), its
 * stylesheet with the Inter fonts in use, and its footer; axe finds nothing
 * and no CSP violation occurs. A site without the frame gets the minimal
 * page.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { catalogueOf, type CatalogueEntry } from '../../../src/catalogue/catalogue.ts';
import { linksIn } from '../../../src/mail/template.ts';
import { createMailTransport } from '../../../src/mail/transport.ts';
import { startApp, type RunningApp } from '../../../src/server/app.ts';
import { pgliteEngine, type TestDatabase } from '../../support/databases.ts';
import { testEnrolment } from '../../support/enrolment-app.ts';
import { projectBuildCopy, type FixtureSite } from '../../support/fixture-site.ts';
import { seedApplication } from '../../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../../support/smtp-sink.ts';

const hour = 3_600_000;
const closes = new Date(Date.now() - 72 * hour);
const lottery: CatalogueEntry = {
  id: 'warsztaty-z-losowaniem',
  kind: 'programme',
  title: 'Warsztaty z losowaniem miejsc',
  page: '/programy/warsztaty-z-losowaniem/',
  closedEarly: false,
  enrolment: testEnrolment({
    opens: new Date(closes.getTime() - 240 * hour),
    closes,
    capacity: 3,
    drawSources: [{ description: 'Wyniki losowania Lotto z dnia losowania (6 liczb)', kind: 'numbers' }],
    drawDate: new Date(closes.getTime() + 30 * hour),
  }),
};
const open: CatalogueEntry = { id: 'spacer-otwarty', kind: 'programme', title: 'Spacer badawczy po Podgórzu', page: '/programy/spacer-otwarty/', closedEarly: false, enrolment: testEnrolment({ mode: 'open', capacity: undefined, fields: [] }) };
const email = 'zofia.sloneczna@example.pl';

let site: FixtureSite;
let sink: SmtpSink;
let database: TestDatabase;
let browser: Browser;
let app: RunningApp;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];

// One world for the file: its tests run in order, each on what the one before left.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(120_000);
  browser = launched;
  // The project itself, unchanged: its own build, which `npm test` made before the browser tests.
  [site, sink, database] = await Promise.all([projectBuildCopy('wspolnie-rama-'), createSmtpSink(), pgliteEngine.create()]);
  await sink.start();
  for (let i = 0; i < 5; i++) await seedApplication(database.db, { programme: lottery.id, status: 'confirmed', confirmedAt: closes });
  app = await startApp({
    root: site.dist,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'site-layout-secret-site-layout-secret-0123456' },
    db: database.db,
    transport: createMailTransport({ SMTP_URL: sink.url }),
    catalogue: async () => catalogueOf([lottery, open]),
    rateLimits: 'off',
    statusCacheMs: 0,
    workerIntervalMs: 200,
    jobIntervalMs: 0,
    log: () => undefined,
  });
  context = await browser.newContext({ locale: 'pl-PL', baseURL: app.origin, timezoneId: 'Europe/Warsaw' });
  page = await context.newPage();
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
});

test.afterAll(async () => {
  await context?.close();
  await app?.close();
  await Promise.all([database?.dispose(), sink?.dispose()]);
  await site?.remove();
});

async function mailTo(to: string): Promise<string> {
  await expect.poll(async () => (await sink.received()).some((m) => m.parsed.to?.[0]?.address === to), { timeout: 20_000 }).toBe(true);
  const mail = (await sink.received()).find((m) => m.parsed.to?.[0]?.address === to)!;
  return mail.parsed.text ?? '';
}

async function axe(): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** What every page of the site has: the main navigation, the footer, the site's stylesheet with Inter in use. */
async function expectSiteFrame(current: string | undefined): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Główna nawigacja' });
  expect(await nav.getByRole('link').allTextContents()).toEqual(['Programy', 'Wydarzenia', 'Aktualności', 'Konsultacje', 'Archiwum']);
  const currentLinks = nav.locator('a[aria-current="page"]');
  expect(await currentLinks.allTextContents()).toEqual(current ? [current] : []);
  expect(await page.getByRole('contentinfo').getByRole('link', { name: 'Deklaracja dostępności' }).count()).toBe(1);
  expect(await page.getByRole('link', { name: 'O portalu' }).count()).toBe(1);
  const sheets = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
  expect(sheets[0]).toMatch(/^\/_astro\/.+\.css$/);
  expect(sheets).toContain('/zapisy/strony.css');
  expect(sheets).not.toContain('/zapisy/zapisy.css');
  const css = await (await fetch(`${app.origin}${sheets[0]}`)).text();
  expect(css).toMatch(/@font-face\{font-family:Inter/);
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^Inter,/);
  expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Inter' && f.status === 'loaded'))).toBe(true);
  expect(await page.locator('main').count()).toBe(1);
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
  expect(await page.locator('link[rel="canonical"]').count()).toBe(0);
}

test.describe('pages of the functions inside the site layout', () => {
  test('the lottery results page: navigation with "Programy" current, fonts, footer; axe finds nothing', async () => {
    const response = await page.goto(`/losowania/${lottery.id}/`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(`Losowanie miejsc: ${lottery.title}`);
    expect(await page.title()).toBe(`Losowanie miejsc: ${lottery.title} — Wspólnie — Kraków`);
    expect(await page.locator('main').innerText()).toContain('Pula zamrożona');
    await expectSiteFrame('Programy');
    await axe();
    // The lookup's error answer keeps the frame too.
    await page.getByLabel('Kod zgłoszenia').fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Sprawdź' }).click();
    await expect.poll(() => page.title()).toMatch(/^Błąd: Losowanie miejsc/);
    await expectSiteFrame('Programy');
    await axe();
  });

  test('the confirmation link opens a page with a button in the site layout, and so does its answer', async () => {
    const form = new URLSearchParams({ programme: open.id, email, consent: 'tak', website: '' });
    const sent = await fetch(`${app.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: app.origin } });
    expect(sent.status).toBe(303);
    app.worker.kick();
    const link = linksIn(await mailTo(email)).find((l) => l.includes('/api/zapisy/potwierdz'))!;
    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Potwierdź zgłoszenie');
    await expectSiteFrame(undefined);
    await axe();
    await page.getByRole('button', { name: 'Potwierdzam zgłoszenie' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie potwierdzone');
    await expectSiteFrame(undefined);
    expect(await page.locator('main').innerText()).toContain('Kod zgłoszenia:');
    await axe();
  });

  test('caused no Content Security Policy violation', () => {
    expect(violations).toEqual([]);
  });

  test('without a frame in the site being served, answers the minimal page, never an error', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'wspolnie-bez-ramy-'));
    const other = await startApp({ root: bare, port: 0, host: '127.0.0.1', env: { WSPOLNIE_SECRET: 'site-layout-secret-site-layout-secret-0123456' }, db: database.db, transport: createMailTransport({ SMTP_URL: sink.url }), catalogue: async () => catalogueOf([lottery, open]), rateLimits: 'off', jobIntervalMs: 0, log: () => undefined });
    try {
      const answer = await fetch(`${other.origin}/losowania/${lottery.id}/`);
      expect(answer.status).toBe(200);
      const html = await answer.text();
      expect(html).toContain(`<h1>Losowanie miejsc: ${lottery.title}</h1>`);
      expect(html).toContain('<link rel="stylesheet" href="/zapisy/zapisy.css">');
      expect(html).not.toContain('Główna nawigacja');
    } finally {
      await other.close();
      await rm(bare, { recursive: true, force: true });
    }
  });
});
