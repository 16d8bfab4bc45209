/**
 * The sign-up form in Chromium, on a built copy of the site with a programme
 * whose enrolment is open now (tests/support/enrolment-site.ts), served as
 * static files: no /api/zapisy here, so the script's status call fails and
 * the form keeps its plain POST. Sending for real is the end-to-end suite's.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorSummaryTitle, injectEnrolmentForm, renderEnrolmentForm, type FormOptions } from '../../../src/enrolment/form-html.ts';
import { parseSubmission } from '../../../src/enrolment/form-schema.ts';
import { unescapeHtml } from '../../../src/lib/html.ts';
import type { FixtureSite } from '../../support/fixture-site.ts';
import { buildEnrolmentSite, declarations, futureProgramme, messageMaxLength, openConsultation, openProgramme } from '../../support/enrolment-site.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

// One build for the file: its tests run in order in one worker.
test.describe.configure({ mode: 'default' });

let site: FixtureSite;
let server: StaticServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  site = await buildEnrolmentSite();
  server = await serveStatic(site.dist);
});
test.afterAll(async () => {
  await server?.close();
  await site?.remove();
});

const url = (path: string) => `${server.url}${path}`;
const fieldIds = ['enrol-name', 'enrol-email', 'enrol-phone', 'enrol-district', 'enrol-ageBand', 'enrol-organisation', 'enrol-message', ...declarations.map((d) => `enrol-declaration-${d.id}`), 'enrol-consent'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The open programme's page, once the script has given up on the status call. */
async function openForm(page: Page): Promise<void> {
  const status = page.waitForResponse((r) => r.url().includes('/api/zapisy/status'));
  await page.goto(url(openProgramme.path));
  await status;
  await expect(page.locator('#enrol-form')).toHaveJSProperty('noValidate', true);
}

const summary = (page: Page) => page.locator('#enrol-error-summary');

test('with JavaScript off the built page has the plain form, accessible and script-independent', async ({ page }) => {
  // The page's own script never arrives (axe cannot run in a context with JavaScript disabled).
  await page.route('**/*.js', (route) => route.abort());
  await page.goto(url(openProgramme.path));
  const form = page.locator('form#enrol-form');
  await expect(form).toHaveAttribute('action', '/api/zapisy');
  await expect(form).toHaveAttribute('method', 'post');
  await expect(form).not.toHaveAttribute('novalidate', /.*/);
  for (const id of fieldIds) await expect(page.locator(`#${id}`), id).toBeVisible();
  await expect(page.locator('#enrol-state')).toContainText('Nabór trwa do');
  await expect(page.locator('#enrol-state')).toContainText('z chwili opublikowania strony');
  await expect(page.locator('.character-count')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('axe finds nothing on the enhanced page, before and after errors are shown', async ({ page }) => {
  await openForm(page);
  await expect(page.locator('.character-count')).toHaveText(`Zostało ${messageMaxLength} znaków`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
  await expect(summary(page)).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
});

test('submitting empty shows the summary, focused, the title prefixed and the same words inline', async ({ page }) => {
  await openForm(page);
  const title = await page.title();
  await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toHaveAttribute('role', 'alert');
  await expect(summary(page).getByRole('heading')).toHaveText(errorSummaryTitle(fieldIds.length));
  await expect(page).toHaveTitle(`Błąd: ${title}`);
  const links = summary(page).getByRole('link');
  await expect(links).toHaveCount(fieldIds.length);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(fieldIds.map((id) => `#${id}`));
  for (const [i, id] of fieldIds.entries()) {
    const message = await links.nth(i).textContent();
    await expect(page.locator(`#${id}-error`), id).toHaveText(`Błąd: ${message}`);
    await expect(page.locator(`#${id}`), id).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`#${id}`), id).toHaveAttribute('aria-describedby', new RegExp(`(^| )${id}-error$`));
  }
  await expect(links.first()).toHaveText('Wpisz imię i nazwisko');
  await expect(page.locator(`#enrol-declaration-trzy-warsztaty-error`)).toHaveText('Błąd: Zaznacz, że deklarujesz udział we wszystkich trzech warsztatach');
  // A summary link takes the keyboard to its field.
  await links.nth(1).click();
  await expect(page.locator('#enrol-email')).toBeFocused();
});

test('fixing a field clears its error; typed values are never lost', async ({ page }) => {
  await openForm(page);
  await page.getByLabel('Imię i nazwisko').fill('Jan Kowalski');
  await page.getByLabel('Adres e-mail', { exact: true }).fill('jan.kowalski@');
  await page.getByLabel('Wiadomość').fill('Poproszę o\nmiejsce przy oknie.');
  await page.getByLabel('Dzielnica, w której mieszkasz').selectOption('XIII');
  await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(page.locator('#enrol-email-error')).toHaveText('Błąd: Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl');
  await expect(page.locator('#enrol-name-error')).toHaveCount(0);

  await page.getByLabel('Adres e-mail', { exact: true }).fill('jan.kowalski@example.pl');
  await page.getByLabel('Adres e-mail', { exact: true }).blur();
  await expect(page.locator('#enrol-email-error')).toHaveCount(0);
  await expect(page.locator('#enrol-email')).not.toHaveAttribute('aria-invalid', /.*/);
  await expect(page.locator('#enrol-email')).toHaveAttribute('aria-describedby', 'enrol-email-hint');
  await expect(summary(page).getByRole('link', { name: /adres e-mail/ })).toHaveCount(0);
  await page.getByLabel(declarations[0]!.text).check();
  await expect(page.locator(`#enrol-declaration-${declarations[0]!.id}-error`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
  await expect(summary(page)).toBeFocused();
  await expect(page.getByLabel('Imię i nazwisko')).toHaveValue('Jan Kowalski');
  await expect(page.getByLabel('Adres e-mail', { exact: true })).toHaveValue('jan.kowalski@example.pl');
  await expect(page.getByLabel('Wiadomość')).toHaveValue('Poproszę o\nmiejsce przy oknie.');
  await expect(page.getByLabel('Dzielnica, w której mieszkasz')).toHaveValue('XIII');
  await expect(page.getByLabel(declarations[0]!.text)).toBeChecked();
  await expect(page.locator('.character-count')).toHaveText(`Zostało ${messageMaxLength - 'Poproszę o\nmiejsce przy oknie.'.length} znaków`);

  // Once everything is right, the errors and the title prefix go.
  await page.getByLabel('Numer telefonu').fill('600 123 456');
  await page.getByLabel('Przedział wieku').selectOption('30-44');
  await page.getByLabel('Nazwa organizacji').fill('Rada Osiedla');
  await page.getByLabel(declarations[1]!.text).check();
  await page.locator('#enrol-consent').check();
  await page.getByLabel('Nazwa organizacji').focus();
  await page.getByLabel('Numer telefonu').focus();
  await expect(summary(page)).toHaveCount(0);
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page).not.toHaveTitle(/^Błąd: /);
});

test('keyboard only: Tab reaches every field in order, Space ticks the boxes, Enter submits', async ({ page }) => {
  await openForm(page);
  await page.locator('#enrol-state').click(); // a starting point just above the form
  const reached: string[] = [];
  for (let i = 0; i < 30 && !reached.includes('submit'); i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => (document.activeElement as HTMLElement).id || (document.activeElement as HTMLElement).getAttribute('type') || document.activeElement!.tagName));
  }
  expect(reached.filter((id) => id.startsWith('enrol-'))).toEqual(fieldIds);
  expect(reached).not.toContain('enrol-website');
  expect(reached.at(-1)).toBe('submit');

  for (const id of fieldIds.filter((f) => f.startsWith('enrol-declaration') || f === 'enrol-consent')) {
    await page.locator(`#${id}`).focus();
    await page.keyboard.press('Space');
    await expect(page.locator(`#${id}`), id).toBeChecked();
  }
  await page.locator('#enrol-name').focus();
  await page.keyboard.type('Jan Kowalski');
  await page.keyboard.press('Enter');
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveText(['Wpisz adres e-mail', 'Wpisz numer telefonu', 'Wybierz dzielnicę, w której mieszkasz', 'Wybierz przedział wieku', 'Wpisz nazwę organizacji', 'Wpisz wiadomość']);
  await expect(page.locator('#enrol-name')).toHaveValue('Jan Kowalski');
  // Enter on the button submits too.
  await page.locator('#enrol-email').focus();
  await page.keyboard.type('jan@example.pl');
  await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).focus();
  await page.keyboard.press('Enter');
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link')).toHaveCount(5);
});

test('only pages with an open form load a script, and only the form’s', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await page.goto(url(openProgramme.path));
  await expect(page.locator('script')).toHaveCount(1);
  const [form, ...rest] = scripts;
  expect(form).toMatch(/^\/_astro\/EnrolmentFormScript\.astro_astro_type_script_index_0_lang\.[\w-]+\.js$/);
  // Besides the form's script, only the modules it imports itself (a chunk it shares with the search, e.g. the plural rule).
  const imported = [...(await (await page.request.get(url(form!))).text()).matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((m) => `/_astro/${m[1]}`);
  expect(rest.sort()).toEqual(imported.sort());
  scripts.length = 0;
  for (const path of [futureProgramme.path, '/programy/wspolne-projekty-miejskie-2020/', '/zapisy/sprawdz-poczte/']) {
    await page.goto(url(path));
    await expect(page.locator('script'), path).toHaveCount(0);
  }
  expect(scripts).toEqual([]);
});

test('before the window the page says when it opens, in Polish, and shows no form', async ({ page }) => {
  await page.goto(url(futureProgramme.path));
  await expect(page.locator('#enrol-state')).toContainText(/^Nabór rozpocznie się \d{1,2} \p{L}+ \d{4}, godz\. \d{2}:\d{2}\. Formularz zgłoszenia pojawi się tutaj po otwarciu naboru\./u);
  // The sign-up form is absent; the follow form below (issue 16) is not a sign-up.
  await expect(page.locator('form[data-enrolment-form]')).toHaveCount(0);
  await expect(page.locator('form')).toHaveCount(1);
  await expect(page.locator('form')).toHaveClass(/follow-form/);
  expect(await axeViolations(page)).toEqual([]);
});

test('a consultation with a form block takes questions and remarks through the same form', async ({ page }) => {
  const status = page.waitForResponse((r) => r.url().includes('/api/zapisy/status'));
  await page.goto(url(openConsultation.path));
  await status;
  const form = page.getByRole('form', { name: 'Formularz pytań i uwag' });
  await expect(form.locator('input[name="programme"]')).toHaveValue(openConsultation.id);
  await expect(form.getByLabel('Twoje pytanie lub uwaga')).toBeVisible();
  await form.getByRole('button', { name: 'Wyślij' }).click();
  await expect(summary(page)).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);
});

/**
 * What the server sends back for a plain POST with mistakes: the built page
 * with the form region re-rendered (the server helper's handler does exactly
 * this with these functions). Written next to the built pages and served.
 */
async function serverAnswer(posted: URLSearchParams): Promise<string> {
  const built = await readFile(join(site.dist, 'programy', openProgramme.id, 'index.html'), 'utf8');
  const attribute = unescapeHtml(/data-enrolment="([^"]*)"/.exec(built)![1]!);
  const enrolment = JSON.parse(attribute) as FormOptions['enrolment'];
  const result = parseSubmission(enrolment, posted);
  if (result.ok) throw new Error('the posted form was meant to have mistakes');
  const form = renderEnrolmentForm({ programmeId: openProgramme.id, enrolment, state: 'open', values: result.values, errors: result.errors });
  await mkdir(join(site.dist, 'odpowiedz-serwera'), { recursive: true });
  await writeFile(join(site.dist, 'odpowiedz-serwera/index.html'), injectEnrolmentForm(built, form, { hasErrors: true }));
  return '/odpowiedz-serwera/';
}

const posted = new URLSearchParams([
  ['programme', openProgramme.id], ['name', 'Jan <Kowalski>'], ['email', 'jan@'], ['district', 'IV'],
  ['message', 'Linia 1\r\nLinia 2'], ['declarations', 'mieszkaniec'], ['consent', 'tak'], ['website', ''],
]);

test('without JavaScript the server’s answer focuses the summary, prefixes the title and keeps everything typed', async ({ page }) => {
  const path = await serverAnswer(posted);
  await page.route('**/*.js', (route) => route.abort());
  await page.goto(url(path));
  await expect(summary(page)).toBeFocused();
  await expect(page).toHaveTitle(new RegExp(`^Błąd: ${openProgramme.title} — `));
  await expect(summary(page).getByRole('link').first()).toHaveText('Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl');
  await expect(page.locator('#enrol-email-error')).toHaveText('Błąd: Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl');
  await expect(page.getByLabel('Imię i nazwisko')).toHaveValue('Jan <Kowalski>');
  await expect(page.getByLabel('Adres e-mail', { exact: true })).toHaveValue('jan@');
  await expect(page.getByLabel('Dzielnica, w której mieszkasz')).toHaveValue('IV');
  await expect(page.getByLabel('Wiadomość')).toHaveValue('Linia 1\nLinia 2');
  await expect(page.getByLabel(declarations[1]!.text)).toBeChecked();
  await expect(page.getByLabel(declarations[0]!.text)).not.toBeChecked();
  await expect(page.locator('#enrol-consent')).toBeChecked();
  expect(await axeViolations(page)).toEqual([]);
});

test('with JavaScript the server’s answer is picked up: fixing a field clears its error there too', async ({ page }) => {
  const path = await serverAnswer(posted);
  const status = page.waitForResponse((r) => r.url().includes('/api/zapisy/status'));
  await page.goto(url(path));
  await status;
  await page.getByLabel('Adres e-mail', { exact: true }).fill('jan@example.pl');
  await page.getByLabel('Adres e-mail', { exact: true }).blur();
  await expect(page.locator('#enrol-email-error')).toHaveCount(0);
  await expect(summary(page).getByRole('link', { name: /adres e-mail/ })).toHaveCount(0);
  await expect(summary(page).getByRole('link').first()).toHaveText('Wpisz numer telefonu');
  await expect(page).toHaveTitle(/^Błąd: /);
});
