/**
 * A consultation's form remarks in the staff panel, in Chromium (issue 16),
 * against the real server, PGlite and a real SMTP server: a staff member
 * signs in from the emailed link, opens the consultation's remarks page,
 * downloads the CSV by keyboard (BOM, Polish letters, a formula
 * neutralised), uploads the unit's file with one bad row, reads the preview
 * (the error summary focused, the bad row named), saves the good rows, and
 * finds them as the list for the content — axe finding nothing on any page.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { linksIn } from '../../../src/mail/template.ts';
import type { RunningApp } from '../../../src/server/app.ts';
import { parseCsv, toCsv } from '../../../src/lib/csv.ts';
import type { TestDatabase } from '../../support/databases.ts';
import { startPanelServer, type PanelServer } from '../../support/panel-server.ts';
import { tabTo as tabToShared } from '../../support/keyboard.ts';
import { seedApplication, staffAddress, type Seeded } from '../../support/panel.ts';

const consultation = 'park-za-torami';
const messages = ['Więcej cienia i źródełko przy placu zabaw — Łucja Żółkiewska', '=SUMA(A1:A9)'];

let server: PanelServer;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let csvPath: string;
const seeded: Seeded[] = [];
const violations: string[] = [];
const axeFindings: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(240_000);
  browser = launched;
  server = await startPanelServer('remarks');
  ({ database, app } = server);
  for (const message of messages) {
    const remark = await seedApplication(database.db, { programme: consultation, status: 'confirmed' });
    await database.db.query('UPDATE applications SET message = $2 WHERE id = $1', [remark.id, message]);
    seeded.push(remark);
  }
  context = await browser.newContext({ locale: 'pl-PL', baseURL: app.origin, acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
});
test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function signInLink(): Promise<string> {
  const mail = await server.mailTo(staffAddress);
  const link = linksIn(mail.at(-1)!.parsed.text ?? '').find((l) => l.includes('/panel/logowanie/link'));
  if (!link) throw new Error('no sign-in link in the email');
  return link;
}

const tabTo = (target: Locator, limit = 80) => tabToShared(page, target, limit);

async function checkAxe(label: string): Promise<void> {
  await expect.poll(() => page.locator('h1').count()).toBe(1);
  const results = await new AxeBuilder({ page } as never).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  axeFindings.push(...results.violations.map((v) => `${label}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

test.describe('a consultation’s remarks in the panel, by keyboard', () => {
  test('signs in and reaches the remarks page from the consultation', async () => {
    await page.goto('/panel/logowanie/');
    await page.getByLabel('Adres e-mail', { exact: true }).fill(staffAddress);
    await page.getByRole('button', { name: 'Wyślij link logowania' }).click();
    await expect(page.locator('h1')).toHaveText('Sprawdź skrzynkę e-mail');
    await page.goto(await signInLink());
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL('**/panel/');
    await page.goto(`/panel/program/?p=${consultation}`);
    await tabTo(page.getByRole('link', { name: 'Uwagi i rozstrzygnięcia (CSV)' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/uwagi/?p=*');
    await expect(page.locator('#liczba-uwag')).toHaveText('2 uwagi');
    await checkAxe('uwagi');
  });

  test('downloads the remarks as CSV: BOM, Polish letters, the formula neutralised', async () => {
    await tabTo(page.getByRole('button', { name: 'Pobierz uwagi (CSV)' }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^uwagi-park-za-torami-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8'));
    expect(rows.map((r) => r[2])).toEqual([messages[0], `'${messages[1]}`]);
    // The unit fills it in: the first row well, the second with a decision but no justification.
    rows[0]!.splice(3, 4, 'Zieleń', 'Więcej cienia i źródełko przy placu zabaw.', 'Uwzględniona', 'Źródełko jest w projekcie.');
    rows[1]!.splice(3, 4, 'Inne', 'Wzór zamiast uwagi.', 'Poza zakresem', '');
    csvPath = join(server.siteDir, 'rozstrzygniecia.csv');
    await writeFile(csvPath, toCsv(header!, rows));
  });

  test('previews the file: the error summary first and focused, the bad row named, nothing saved yet', async () => {
    await page.getByLabel('Plik CSV z rozstrzygnięciami').setInputFiles(csvPath);
    await tabTo(page.getByRole('button', { name: 'Sprawdź plik' }));
    await page.keyboard.press('Enter');
    await expect(page.locator('h1')).toHaveText('Podgląd importu');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('podsumowanie-bledow');
    await expect(page.locator('#podsumowanie-bledow')).toContainText('Wiersz 3, kolumna „Uzasadnienie”: Podaj uzasadnienie rozstrzygnięcia');
    await expect(page.locator('#podsumowanie-importu')).toHaveText('Do zapisania: 1 uwaga (nowe: 1, zmienione: 0); bez zmian: 0; puste wiersze: 0; z błędami: 1.');
    await expect(page.locator('#zmiany-tabela')).toContainText('Więcej cienia i źródełko przy placu zabaw.');
    expect((await database.db.query('SELECT count(*)::int AS n FROM remark_decisions')).rows).toEqual([{ n: 0 }]);
    await checkAxe('podgląd importu');
  });

  test('saves the good row and shows it as the list for the content', async () => {
    await tabTo(page.getByRole('button', { name: 'Zapisz 1 rozstrzygnięcie' }));
    await page.keyboard.press('Enter');
    await page.waitForURL('**/panel/uwagi/?p=*zapisano=1*');
    await expect(page.locator('#zapisano')).toContainText('Zapisano 1 rozstrzygnięcie.');
    const yaml = await page.getByLabel('Lista uwag dla pola „Uwagi i rozstrzygnięcia”').inputValue();
    expect(yaml).toContain('summary: Więcej cienia i źródełko przy placu zabaw.');
    expect(yaml).not.toContain('Żółkiewska');
    await checkAxe('uwagi po imporcie');
  });

  test('finds nothing for axe on any page, and no CSP violation', () => {
    expect(axeFindings).toEqual([]);
    expect(violations).toEqual([]);
  });
});
