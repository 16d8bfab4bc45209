/**
 * The real Decap CMS in Chromium, saving through a real decap-server into a
 * throw-away copy of the project (tests/support/cms-sandbox.ts): an editor
 * publishes news with Polish letters, cancels an event, adds a report with an
 * uploaded PDF (whose preview warns that it has no text layer); the CMS refuses what the build would refuse; the files it
 * wrote pass the content schemas and a rebuilt copy of the site shows them.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import ical from 'node-ical';
import { cmsAuthEndpoint } from '../../../src/cms/config.ts';
import { plainReference, type CollectionName } from '../../../src/schemas/common.ts';
import { collectionFolders, contentSchemas } from '../../../src/schemas/index.ts';
import { createCmsSandbox, type CmsSandbox } from '../../support/cms-sandbox.ts';
import { makeScannedPdf } from '../../support/documents.ts';
import { fileSize } from '../../../src/search/results.ts';
import { readCollection } from '../../support/content-files.ts';
import { buildSite } from '../../support/fixture-site.ts';
import { serveStatic } from '../../support/static-server.ts';

test.describe.configure({ mode: 'serial' });

const programme = 'wspolne-projekty-dzielnicowe-2020';
const eventId = 'wpd-2030-spotkanie-informacyjne';
// A planned event of a programme that has none, so the programme page and feed show exactly this one.
const plannedEvent = `---
title: Spotkanie informacyjne o Wspólnych Projektach Dzielnicowych
programme: ${programme}
kind: workshop
start: "2030-05-14T17:00:00+02:00"
end: "2030-05-14T19:00:00+02:00"
place:
  address: ul. Bracka 10, Kraków
---

Spotkanie dla mieszkańców zainteresowanych ścieżką dzielnicową.
`;

const news = { title: '„Zażółć gęślą jaźń” — próba polskich liter', slug: 'zazolc-gesla-jazn-proba-polskich-liter', body: 'Łódź, Kraków i Świętokrzyskie: zażółć gęślą jaźń.' };
const report = { title: 'Raport z warsztatów dzielnicowych 2030', slug: 'raport-z-warsztatow-dzielnicowych-2030', pdf: 'Raport końcowy – łąki.pdf', pdfSaved: 'raport-koncowy-laki.pdf' };
const reason = 'Sala niedostępna z powodu awarii ogrzewania; nowy termin podamy w aktualnościach.';

let sandbox: CmsSandbox;
const timings: { what: string; milliseconds: number }[] = [];
const content = (collection: CollectionName, id: string) => join(sandbox.site.root, 'src/content', collectionFolders[collection], `${id}.md`);

test.beforeAll(async () => {
  sandbox = await createCmsSandbox({ [`src/content/wydarzenia/${eventId}.md`]: plannedEvent });
});
test.afterAll(async () => {
  console.log(`CMS: ${timings.map((t) => `${t.what} ${t.milliseconds} ms`).join('; ')}`);
  await sandbox?.close();
});

/** A field by its label, with or without Decap's "(opcjonalne)" or the note of a field a rule may require (src/cms/browser/required-notes.ts). */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\((?:opcjonalne|wymagane[^)]*)\\))?$`, 'i'));

async function open(page: Page, route: string): Promise<void> {
  await page.goto(`${sandbox.adminUrl}#/${route}`);
  await page.getByRole('button', { name: 'Zaloguj się' }).click();
  await expect(field(page, 'Tytuł')).toBeVisible();
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await field(page, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Clicks "Opublikuj teraz" and returns when it was clicked. */
async function publish(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Opublikuj' }).click();
  const clicked = performance.now();
  await page.getByRole('menuitem', { name: 'Opublikuj teraz' }).click();
  return clicked;
}

async function fileWritten(path: string, since: number, contains: string): Promise<number> {
  await expect.poll(() => existsSync(path) && readFileSync(path, 'utf8').includes(contains), { timeout: 10_000, intervals: [25] }).toBe(true);
  return Math.round(performance.now() - since);
}

test('an editor publishes news with Polish letters in the title and body', async ({ page }) => {
  await open(page, 'collections/news/new');
  await field(page, 'Tytuł').fill(news.title);
  await field(page, 'Data publikacji').fill('2030-05-10');
  await field(page, 'Zajawka').fill('Próba zapisu przez panel redakcji: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ.');
  await choose(page, 'Rodzaj', 'Komunikat');
  await page.locator('[data-slate-editor]').click();
  await page.keyboard.type(news.body);
  // The preview pane uses the site's page structure.
  await expect(page.locator('iframe').first().contentFrame().getByRole('heading', { level: 1 })).toHaveText(news.title);
  const clicked = await publish(page);
  timings.push({ what: 'news saved → file written', milliseconds: await fileWritten(content('news', news.slug), clicked, news.body) });
  await expect(page.getByText('Pozycja zapisana')).toBeVisible();
});

test('the CMS refuses a cancellation without a reason, in Polish, and saves it with one', async ({ page }) => {
  const path = content('events', eventId);
  await open(page, `collections/events/entries/${eventId}`);
  await choose(page, 'Status', 'Odwołane');
  await publish(page);
  const refusal = page.getByRole('alert').filter({ hasText: 'Nie zapisano' });
  await expect(refusal).toContainText('Powód zmiany: Podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego.');
  await expect(refusal).toContainText('Data decyzji: Podaj datę decyzji o odwołaniu lub zmianie.');
  await expect(page.getByText(/Nie udało się zapisać pozycji: .*Podaj powód odwołania/)).toBeVisible();
  expect(readFileSync(path, 'utf8')).toBe(plannedEvent);

  // The preview already shows the notice residents will see.
  await expect(page.locator('iframe').first().contentFrame().getByRole('note')).toContainText('To wydarzenie zostało odwołane');
  // A time set in the CMS is stored with the Warsaw offset of that day (the browser runs in Europe/Warsaw).
  await field(page, 'Koniec').fill('2030-05-14T19:30');
  await field(page, 'Powód zmiany').fill(reason);
  await field(page, 'Data decyzji').fill('2030-05-02');
  const clicked = await publish(page);
  timings.push({ what: 'cancellation saved → file written', milliseconds: await fileWritten(path, clicked, 'status: cancelled') });
  await expect(refusal).toHaveCount(0);
  const saved = readFileSync(path, 'utf8');
  const data = parseFrontmatter(saved, { frontmatter: 'empty-with-spaces' }).frontmatter as Record<string, unknown>;
  expect(data).toMatchObject({ status: 'cancelled', statusReason: reason });
  expect(saved).toMatch(/statusDecidedOn: "?2030-05-02"?\n/);
  // The save raised the calendar revision (src/cms/browser/calendar-revision.ts): the entry had none, so above
  // today's day number (any decision-day SEQUENCE published before), and it carries the time of the save.
  const today = Math.floor((Date.now() - Date.UTC(2000, 0, 1)) / 86_400_000);
  expect(data['sequence']).toBeGreaterThan(today - 1);
  expect(Math.abs(Date.parse(String(data['updated'])) - Date.now())).toBeLessThan(60_000);
  expect(saved).toMatch(/updated: "?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00"?\n/);
  // Untouched instants keep their offset.
  expect(saved).toMatch(/start: "?2030-05-14T17:00:00\+02:00"?\n/);
  expect(saved).toMatch(/end: "?2030-05-14T19:30:00\+02:00"?\n/);
});

test('the CMS refuses a report with a required field missing, then saves it with an uploaded PDF', async ({ page }) => {
  const archive = join(sandbox.site.root, 'src/content', collectionFolders.reports);
  const before = readdirSync(archive).sort();
  await open(page, 'collections/reports/new');
  await field(page, 'Tytuł').fill(report.title);
  await publish(page);
  await expect(page.getByText('Ups, przegapiłeś wymagane pole. Proszę uzupełnij przed zapisaniem.')).toBeVisible();
  await expect(page.getByText('Streszczenie jest wymagane.')).toBeVisible();
  expect(readdirSync(archive).sort()).toEqual(before);

  await choose(page, 'Rodzaj dokumentu', 'Raport z konsultacji');
  await field(page, 'Data').fill('2030-06-01');
  await field(page, 'Streszczenie').fill('Podsumowanie warsztatów dzielnicowych: zgłoszone potrzeby i rekomendacje dla dzielnic.');
  await page.getByRole('button', { name: 'Dodaj załącznik' }).click();
  await field(page, 'Tytuł pliku').fill('Raport końcowy (PDF)');
  await page.getByRole('button', { name: 'Wybierz plik' }).click();
  // A folder of this run's own: a file of the same name left in /tmp by another user's run cannot be overwritten.
  const folder = await mkdtemp(join(tmpdir(), 'wspolnie-cms-upload-'));
  const pdf = join(folder, report.pdf);
  // A scan: a page that is only an image (tests/support/documents.ts).
  await writeFile(pdf, await makeScannedPdf(1));
  await page.locator('input[type=file]').setInputFiles(pdf);
  await page.getByRole('button', { name: 'Wybierz zaznaczone' }).click();
  await choose(page, 'Format', 'PDF');
  // The preview reads the uploaded PDF as the build will: its one line has no text layer to search (issue 15).
  await expect(page.locator('iframe').first().contentFrame().getByRole('status')).toContainText(
    `Plik /pliki/${report.pdfSaved} to skan bez warstwy tekstowej: wyszukiwarka nie znajdzie jego treści, a dokument nie spełnia wymagań, które ustawa z dnia 4 kwietnia 2019 r. o dostępności cyfrowej`,
  );
  const clicked = await publish(page);
  timings.push({ what: 'report with PDF saved → file written', milliseconds: await fileWritten(content('reports', report.slug), clicked, `/pliki/${report.pdfSaved}`) });
  // decap-server writes the entry and the uploaded file in separate steps; wait for the file too.
  const uploaded = join(sandbox.site.root, 'public/pliki', report.pdfSaved);
  // (and writes it in chunks: wait until the whole header is there, not just the file).
  await expect
    .poll(() => (existsSync(uploaded) ? readFileSync(uploaded).subarray(0, 5).toString() : ''), { timeout: 10_000 })
    .toBe('%PDF-');
});

test('without a local decap-server the CMS logs in through GitHub and the OAuth function', async ({ page }) => {
  // As on the deployed site: nothing answers at local_backend's address.
  await page.route(/\/api\/v1$/, (route) => route.abort());
  await page.goto(sandbox.adminUrl);
  const login = page.getByRole('button', { name: 'Zaloguj przez GitHub' });
  await expect(login).toBeVisible();
  const popup = page.waitForEvent('popup');
  await login.click();
  const opened = await popup;
  expect(new URL(opened.url()).pathname).toBe(cmsAuthEndpoint);
  expect(new URL(opened.url()).searchParams.get('provider')).toBe('github');
  await opened.close();
});

test('what the CMS wrote passes the schemas, and a rebuilt site shows all three', async ({ page }) => {
  test.setTimeout(120_000);
  const schemas = contentSchemas(plainReference);
  const contentRoot = join(sandbox.site.root, 'src/content');
  for (const collection of Object.keys(collectionFolders) as CollectionName[]) {
    for (const entry of readCollection(collection, contentRoot)) {
      const result = schemas[collection].safeParse(entry.data);
      expect(result.success ? [] : result.error.issues.map((i) => `${entry.id}: ${i.path.join('.')}: ${i.message}`)).toEqual([]);
    }
  }

  const build = await buildSite(sandbox.site.root);
  timings.push({ what: 'astro build of the copy', milliseconds: build.milliseconds });
  const site = await serveStatic(sandbox.site.dist);
  try {
    await page.goto(`${site.url}/aktualnosci/${news.slug}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(news.title);
    await expect(page.locator('article')).toContainText(news.body);
    await expectNoAxeViolations(page);

    await page.goto(`${site.url}/programy/${programme}/`);
    const schedule = page.locator('section', { has: page.getByRole('heading', { name: 'Harmonogram' }) });
    await expect(schedule.locator('.notice-cancelled')).toContainText('Odwołano to wydarzenie');
    await expect(schedule.locator('.event-reason')).toContainText(reason);
    await expect(schedule.locator('.badge')).toHaveText('Odwołane');
    await expectNoAxeViolations(page);

    const feed = await page.request.get(`${site.url}/programy/${programme}/kalendarz.ics`);
    const events = Object.values(ical.sync.parseICS(await feed.text())).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    const cancelled = events.find((e) => new Date(e.start).toISOString() === '2030-05-14T15:00:00.000Z');
    expect(cancelled?.status).toBe('CANCELLED');
    expect(await feed.text()).toContain('STATUS:CANCELLED');

    await page.goto(`${site.url}/archiwum/${report.slug}/`);
    const link = page.getByRole('link', { name: 'Raport końcowy (PDF)' });
    await expect(link).toHaveAttribute('href', `/pliki/${report.pdfSaved}`);
    // The editor typed no size: the page reads it from the stored file (issue 15: size and format beside each link).
    await expect(link.locator('xpath=..').locator('.meta').first()).toHaveText(` (PDF, ${fileSize(readFileSync(join(sandbox.site.root, 'public/pliki', report.pdfSaved)).length)})`);
    const file = await page.request.get(`${site.url}/pliki/${report.pdfSaved}`);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoAxeViolations(page);
  } finally {
    await site.close();
  }
  const saves = timings.filter((t) => t.what.includes('saved'));
  timings.push({ what: 'save → visible on the rebuilt site (slowest save + build)', milliseconds: Math.max(...saves.map((t) => t.milliseconds)) + build.milliseconds });
  test.info().annotations.push({ type: 'timings', description: timings.map((t) => `${t.what}: ${t.milliseconds} ms`).join('; ') });
});

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}
