/**
 * The staff panel in Chromium, against the real server (src/server/app.ts)
 * serving the site's own public/ files and the panel's script bundled as the
 * build does,
 * PGlite, and a real SMTP server: a staff member asks for a link, opens it
 * from the email the server received, signs in, reads the counts and the
 * charts (and their tables), downloads the CSV (BOM, Polish letters, a
 * formula neutralised), sends a message the participants receive, deletes
 * one person's data, reads the audit log and signs out — all by keyboard,
 * with axe finding nothing on any page and no CSP violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { linksIn } from '../../../src/mail/template.ts';
import type { RunningApp } from '../../../src/server/app.ts';
import { parseCsv } from '../../../src/lib/csv.ts';
import type { TestDatabase } from '../../support/databases.ts';
import { startPanelServer, type PanelServer } from '../../support/panel-server.ts';
import { tabTo as tabToShared } from '../../support/keyboard.ts';
import { seedApplication, staffAddress, type Seeded } from '../../support/panel.ts';
import type { SmtpSink } from '../../support/smtp-sink.ts';

const day = 86_400_000;
const workshop = 'warsztaty-zielone-podworka';
let server: PanelServer;

let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const axeFindings: string[] = [];
const checkedPages: string[] = [];
const people: Record<string, Seeded & { email: string }> = {};

const participants = [
  { key: 'lucja', name: 'Łucja Żółkiewska-Gęślą', email: 'lucja@example.pl', district: 'VIII', status: 'confirmed' as const, daysAgo: 3 },
  { key: 'zenon', name: 'Zenon Źdźbło', email: 'zenon@example.pl', district: 'VIII', status: 'confirmed' as const, daysAgo: 3 },
  { key: 'formula', name: '=SUMA(A1:A9)', email: 'formula@example.pl', district: 'XIII', status: 'confirmed' as const, daysAgo: 1 },
  { key: 'czeka', name: 'Czesław Niepotwierdzony', email: 'czeka@example.pl', district: 'I', status: 'pending' as const, daysAgo: 0 },
];

// One session for the file: each test goes on from where the one before left off.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(240_000);
  browser = launched;
  // The server's site folder: the public/ files (the panel's and the sign-up pages' styles) and the panel's script bundled as the build does.
  server = await startPanelServer('panel');
  ({ sink, database, app } = server);
  for (const p of participants) {
    const seeded = await seedApplication(database.db, { programme: workshop, status: p.status, email: p.email, name: p.name, district: p.district, confirmedAt: new Date(Date.now() - p.daysAgo * day) });
    people[p.key] = { ...seeded, email: p.email };
  }
  context = await browser.newContext({ locale: 'pl-PL', baseURL: app.origin, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
});
test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

const mailTo = (to: string, count = 1) => server.mailTo(to, count);

const tabTo = (target: Locator, limit = 80) => tabToShared(page, target, limit);

/** axe with the tags the site's own accessibility test uses; every page the scenario reaches. */
async function checkAxe(label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').count()).toBe(1);
  const results = await new AxeBuilder({ page } as never).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  checkedPages.push(label);
  axeFindings.push(...results.violations.map((v) => `${label}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

test.describe('the staff panel in Chromium, by keyboard', () => {
  test('asks for a sign-in link, with a GOV.UK error first', async () => {
    const response = await page.goto('/panel/');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/panel/logowanie/');
    await checkAxe('logowanie');
    await tabTo(page.getByRole('button', { name: 'Wyślij link logowania' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.title()).toMatch(/^Błąd: /);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('podsumowanie-bledow');
    await checkAxe('logowanie z błędem');
    await page.keyboard.press('Tab'); // the summary's link to the field
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('adres');
    await page.keyboard.type(staffAddress);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sprawdź skrzynkę e-mail');
    await checkAxe('sprawdź skrzynkę');
  });

  test('signs in from the emailed link by its button, with a __Host- session cookie', async () => {
    const [mail] = await mailTo(staffAddress);
    expect(mail!.parsed.subject).toBe('Link logowania do panelu pracowników — Wspólnie');
    const link = linksIn(mail!.parsed.text ?? '').find((l) => l.includes('/panel/logowanie/link'))!;
    await page.goto(link);
    await checkAxe('link logowania');
    await tabTo(page.getByRole('button', { name: 'Zaloguj się' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: '__Host-wspolnie-panel', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Ten link został już użyty');
    await checkAxe('link użyty');
  });

  test('shows the counts by state, and the charts with their tables', async () => {
    await page.goto('/panel/');
    await checkAxe('programy');
    const row = page.getByRole('row', { name: /Warsztaty „Zielone podwórka”/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['1', '3', '0', '0', '0']));
    await tabTo(page.getByRole('link', { name: 'Warsztaty „Zielone podwórka” — Dębniki' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/program/?p=*');
    await checkAxe('program');
    const counts = Object.fromEntries((await page.locator('#liczby tr').allTextContents()).map((t) => [t.replace(/\d+$/, '').trim(), Number(/\d+$/.exec(t)?.[0])]));
    expect(counts).toEqual({ 'Oczekują na potwierdzenie': 1, Potwierdzone: 3, Przyjęte: 0, 'Lista rezerwowa': 0, Wycofane: 0, Razem: 4 });

    const days = page.locator('#wykres-dni');
    expect(await days.getByRole('img').getAttribute('aria-labelledby')).toBe('wykres-dni-opis');
    expect(await days.locator('title#wykres-dni-opis').textContent()).toContain('razem 3 zgłoszenia');
    const dayValues = await days.locator('tbody td').allTextContents();
    // From three days ago to yesterday, the empty day included.
    expect(dayValues).toEqual(['2', '0', '1']);
    expect(await days.locator('rect.chart-bar').count()).toBe(3);

    const districtsChart = page.locator('#wykres-dzielnice');
    expect(await districtsChart.getByRole('row', { name: /Dzielnica VIII Dębniki/ }).locator('td').textContent()).toBe('2');
    expect(await districtsChart.getByRole('row', { name: /Dzielnica XIII Podgórze / }).locator('td').textContent()).toBe('1');
    expect(await districtsChart.locator('tbody tr').count()).toBe(18);
  });

  test('filters the list live, and searches it on the server without JavaScript doing it', async () => {
    const search = page.getByLabel('Szukaj po kodzie, imieniu i nazwisku, adresie e-mail albo organizacji');
    await tabTo(search);
    await page.keyboard.type('źdźbło');
    await expect.poll(() => page.locator('#zgloszenia tbody tr:not([hidden])').count()).toBe(1);
    await expect.poll(() => page.locator('#zgloszenia-licznik').textContent()).toContain('Na liście pasuje: 1 z 4');
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    await expect.poll(() => page.locator('#zgloszenia-licznik').textContent()).toBe('Znaleziono: 1.');
    expect(await page.locator('#zgloszenia tbody').textContent()).toContain('Zenon Źdźbło');
    expect(page.url()).not.toContain('dźb'); // what was searched for stays out of the address
    await checkAxe('program po wyszukaniu');
  });

  test('downloads the CSV: BOM, Polish letters intact, the formula neutralised', async () => {
    await page.goto(`/panel/program/?p=${workshop}`);
    await tabTo(page.getByRole('button', { name: 'Pobierz zgłoszenia (CSV)' }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^zgloszenia-warsztaty-zielone-podworka-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.toString('utf8'));
    expect(table[0]).toContain('Imię i nazwisko');
    const names = table.slice(1).map((r) => r[2]);
    expect(names).toEqual(expect.arrayContaining(['Łucja Żółkiewska-Gęślą', 'Zenon Źdźbło', "'=SUMA(A1:A9)"]));
    expect(bytes.toString('utf8')).not.toMatch(/[;\n]=SUMA/);
  });

  test('sends a message the confirmed participants receive, and no one else', async () => {
    await tabTo(page.getByRole('link', { name: 'Napisz do uczestników' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/wiadomosc/?p=*');
    await checkAxe('wiadomość');
    await tabTo(page.getByRole('button', { name: 'Wyślij wiadomość' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.title()).toMatch(/^Błąd: /);
    await checkAxe('wiadomość z błędami');
    await tabTo(page.getByLabel('Temat'));
    await page.keyboard.type('Zmiana sali: warsztat w sali 12');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Dzień dobry,\n\nwarsztat odbędzie się w sali 12 (II piętro). Zabierzcie ołówki!');
    await tabTo(page.getByRole('button', { name: 'Wyślij wiadomość' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Wiadomość wysłana');
    expect(await page.locator('main').textContent()).toContain('3 wiadomości');
    await checkAxe('wiadomość wysłana');
    for (const key of ['lucja', 'zenon', 'formula']) {
      const mail = (await mailTo(people[key]!.email)).find((m) => m.parsed.subject === 'Zmiana sali: warsztat w sali 12');
      expect(mail, key).toBeDefined();
      expect(mail!.parsed.text).toContain('Zabierzcie ołówki!');
      expect(mail!.parsed.text).toContain(`Kod zgłoszenia: ${people[key]!.code}.`);
    }
    expect((await sink.received()).filter((m) => m.parsed.to?.[0]?.address === 'czeka@example.pl')).toEqual([]);
  });

  test("deletes one person's data after a confirmation step, and the audit log shows every action", async () => {
    await page.goto(`/panel/program/?p=${workshop}`);
    await tabTo(page.getByRole('link', { name: `Usuń dane zgłoszenia ${people['formula']!.code}` }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/usun/?a=*');
    await checkAxe('usunięcie — pytanie');
    await tabTo(page.getByRole('button', { name: 'Tak, usuń dane tej osoby' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dane usunięte');
    await checkAxe('usunięcie — wynik');
    const { rows } = await database.db.query('SELECT status, email, name FROM applications WHERE id = $1', [people['formula']!.id]);
    expect(rows).toEqual([{ status: 'withdrawn', email: null, name: null }]);

    await tabTo(page.getByRole('link', { name: 'Dziennik działań' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/dziennik/');
    await checkAxe('dziennik');
    expect((await page.goto('/panel/program/?p=nie-ma-takiego'))?.status()).toBe(404);
    await checkAxe('nieznany program');
    await page.goto('/panel/dziennik/');
    const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.slice(0, 4)).toEqual(['Usunięcie danych osoby', 'Wiadomość do uczestników', 'Eksport zgłoszeń (CSV)', 'Logowanie']);
  });

  test('signs out by keyboard, and the panel is closed again', async () => {
    await tabTo(page.getByRole('button', { name: 'Wyloguj się' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/logowanie/?wylogowano=1');
    expect(await page.getByRole('status').textContent()).toContain('Wylogowano.');
    await checkAxe('wylogowano');
    expect(await context.cookies()).toEqual([]);
    await page.goto('/panel/dziennik/');
    expect(new URL(page.url()).pathname).toBe('/panel/logowanie/');
  });

  test('had no axe finding on any page and broke no CSP rule', () => {
    expect(checkedPages.length).toBeGreaterThanOrEqual(16);
    expect(axeFindings).toEqual([]);
    expect(violations).toEqual([]);
  });
});
