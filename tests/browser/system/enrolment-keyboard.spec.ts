/**
 * A resident who uses only the keyboard signs up, against the real server
 * (src/server/app.ts) on a real PostgreSQL server, a real build and a real
 * SMTP server: with JavaScript on and with it off, they make mistakes, reach
 * each error from the summary, fix it without retyping anything else,
 * confirm from the link in the email they received, and withdraw with the
 * button on the withdrawal page. No pointer event and no `.fill()`: every
 * step is Tab, Shift+Tab, typing, Space, arrows or Enter — the only other
 * step is opening the emailed link, which happens in the mail client.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { postgresEngine, type TestDatabase } from '../../support/databases.ts';
import type { RunningApp } from '../../../src/server/app.ts';
import { linksOf } from '../../support/enrolment-app.ts';
import { declarations, openProgramme, startSiteScenario, type SiteScenario } from '../../support/enrolment-site.ts';
import type { SmtpSink } from '../../support/smtp-sink.ts';

let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;

// One world for the file: its tests run in order on one database.
test.describe.configure({ mode: 'serial' });

let scenario: SiteScenario | undefined;
test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(240_000);
  browser = launched;
  scenario = await startSiteScenario(postgresEngine);
  ({ sink, database, app } = scenario);
});
test.afterAll(() => scenario?.close());

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '');

/** Presses Tab until the element with `id` has focus; fails if it is not reachable within the page's tab order. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 80; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Presses Tab until a control whose visible text is `text` has focus (links and buttons without ids). */
async function tabToText(page: Page, text: string) {
  for (let i = 0; i < 80; i++) {
    if ((await focusedText(page)) === text) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached „${text}”`);
}

/** With a closed <select> focused, arrows change its value, as with a real keyboard. */
async function arrowToOption(page: Page, id: string, value: string) {
  await tabTo(page, id);
  for (let i = 0; i < 25; i++) {
    if ((await page.locator(`#${id}`).inputValue()) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`#${id} never showed ${value}`);
}

async function typeInto(page: Page, id: string, text: string) {
  await tabTo(page, id);
  await page.keyboard.type(text);
}

/** Empties the focused text field the way a person does: select all, then type over it. */
async function retype(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

async function mailTo(to: string, count: number) {
  for (let i = 0; i < 200; i++) {
    const mail = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
    if (mail.length >= count) return mail;
    app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email #${count} for ${to}`);
}

type Person = ReturnType<typeof person>;
const person = (email: string) => ({
  name: 'Łucja Żółkiewska-Gęś',
  email,
  phone: '600 700 800',
  district: 'XVIII',
  ageBand: '60-74',
  organisation: 'Klub Seniora „Pod Świerkami”',
  message: 'Proszę o miejsce blisko wejścia — chodzę o kulach.',
});

/**
 * The second mistake differs by mode. With JavaScript the form checks itself
 * (novalidate), so a required box left unticked reaches the summary; without
 * JavaScript the browser's own check would stop that one before sending (in
 * its own bubble), so the server is given a mistake only it can see: a phone
 * number too short.
 */
interface SecondMistake {
  fieldId: string;
  message: string;
  /** What the person types in the phone field at first. */
  phoneTyped: (who: Person) => string;
  tickSecondDeclaration: boolean;
  /** Fixes it with the field focused. */
  fix: (page: Page, who: Person) => Promise<void>;
}

const uncheckedDeclaration: SecondMistake = {
  fieldId: `enrol-declaration-${declarations[1]!.id}`,
  message: 'Zaznacz, że jesteś mieszkanką lub mieszkańcem Krakowa',
  phoneTyped: (who) => who.phone,
  tickSecondDeclaration: false,
  fix: (page) => page.keyboard.press('Space'),
};

const shortPhone: SecondMistake = {
  fieldId: 'enrol-phone',
  message: 'Wpisz numer telefonu w poprawnym formacie, np. 600 123 456 lub +48 600 123 456',
  phoneTyped: (who) => who.phone.slice(0, 7),
  tickSecondDeclaration: true,
  fix: (page, who) => retype(page, who.phone),
};

/** Fills in the form by keyboard with an email lacking its domain's dot and `second`; leaves the focus on the submit button. */
async function fillWithMistakes(page: Page, who: Person, second: SecondMistake) {
  await typeInto(page, 'enrol-name', who.name);
  await typeInto(page, 'enrol-email', who.email.replace(/\.pl$/, ''));
  await typeInto(page, 'enrol-phone', second.phoneTyped(who));
  await arrowToOption(page, 'enrol-district', who.district);
  await arrowToOption(page, 'enrol-ageBand', who.ageBand);
  await typeInto(page, 'enrol-organisation', who.organisation);
  await typeInto(page, 'enrol-message', who.message);
  for (const [i, d] of declarations.entries()) {
    if (i === 1 && !second.tickSecondDeclaration) continue;
    await tabTo(page, `enrol-declaration-${d.id}`);
    await page.keyboard.press('Space');
  }
  await tabTo(page, 'enrol-consent');
  await page.keyboard.press('Space');
  await tabToText(page, 'Wyślij zgłoszenie');
}

/**
 * From the focused error summary: Tab to each link, Enter, and the field it
 * names has focus; fix it there. Returns the summary's link texts.
 */
async function fixFromSummary(page: Page, who: Person, second: SecondMistake): Promise<string[]> {
  await expect.poll(() => focusedId(page), { timeout: 10_000 }).toBe('enrol-error-summary');
  const links = await page.locator('#enrol-error-summary a').allInnerTexts();

  await page.keyboard.press('Tab');
  expect(await focusedText(page)).toBe(links[0]);
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe('enrol-email');
  await retype(page, who.email);

  // Back up to the summary's second link (Shift+Tab walks back through the form) and on to its field.
  for (let i = 0; i < 40 && (await focusedText(page)) !== links[1]; i++) await page.keyboard.press('Shift+Tab');
  expect(await focusedText(page)).toBe(links[1]);
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedId(page)).toBe(second.fieldId);
  await second.fix(page, who);
  return links;
}

/** Everything typed before the mistakes is still there, untouched. */
async function expectNothingLost(page: Page, who: Person) {
  expect(await page.locator('#enrol-name').inputValue()).toBe(who.name);
  expect(await page.locator('#enrol-district').inputValue()).toBe(who.district);
  expect(await page.locator('#enrol-ageBand').inputValue()).toBe(who.ageBand);
  expect(await page.locator('#enrol-organisation').inputValue()).toBe(who.organisation);
  expect(await page.locator('#enrol-message').inputValue()).toBe(who.message);
  expect(await page.locator(`#enrol-declaration-${declarations[0]!.id}`).isChecked()).toBe(true);
  expect(await page.locator('#enrol-consent').isChecked()).toBe(true);
}

const emailError = 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl';

/** The confirmation link from the email, then the withdrawal page's button by keyboard. */
async function confirmThenWithdraw(page: Page, who: Person, expected: RegExp) {
  const [confirmMail] = await mailTo(who.email, 1);
  const [confirmUrl] = linksOf(confirmMail!);
  await page.goto(confirmUrl!);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Potwierdź zgłoszenie');
  await tabToText(page, 'Potwierdzam zgłoszenie');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie potwierdzone');
  expect(await page.locator('main').innerText()).toMatch(expected);

  const { rows: stored } = await database.db.query<Record<string, unknown>>(
    `SELECT name, email, phone, district, age_band, organisation, message, declarations, status FROM applications WHERE lower(email) = lower($1)`,
    [who.email],
  );
  expect(stored).toEqual([
    {
      name: who.name, email: who.email, phone: who.phone, district: who.district, age_band: who.ageBand,
      organisation: who.organisation, message: who.message, declarations: declarations.map((d) => d.id), status: expect.any(String),
    },
  ]);

  const [, confirmedMail] = await mailTo(who.email, 2);
  const withdrawUrl = linksOf(confirmedMail!).find((link) => link.includes('rezygnacja'));
  expect(withdrawUrl).toBeDefined();
  await page.goto(withdrawUrl!);
  await tabToText(page, 'Rezygnuję ze zgłoszenia');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie wycofane');
  const { rows } = await database.db.query(
    `SELECT status, email, name, phone, message FROM applications WHERE registration_code = $1`,
    [/Kod zgłoszenia: ([A-Z0-9-]+)/.exec(confirmMail!.parsed.text ?? '')?.[1]],
  );
  expect(rows).toEqual([{ status: 'withdrawn', email: null, name: null, phone: null, message: null }]);
}

for (const { javaScript, label, email, second } of [
  { javaScript: true, label: 'with JavaScript', email: 'lucja.js@example.pl', second: uncheckedDeclaration },
  { javaScript: false, label: 'without JavaScript', email: 'lucja.bez-js@example.pl', second: shortPhone },
]) {
  test.describe(`keyboard only, ${label}`, () => {
    test('signs up, fixes two mistakes from the error summary without retyping, confirms from the email, withdraws', async () => {
      const context = await browser.newContext({ locale: 'pl-PL', javaScriptEnabled: javaScript, baseURL: app.origin });
      const page = await context.newPage();
      try {
        const who = person(email);
        await page.goto(openProgramme.path);
        if (javaScript) await expect.poll(() => page.locator('#enrol-state').textContent()).toContain('Wolne miejsca');
        await fillWithMistakes(page, who, second);
        // Without JavaScript the browser posts the form and shows the server's answer, the same page with the errors.
        await Promise.all([javaScript ? undefined : page.waitForURL((url) => url.pathname === '/api/zapisy'), page.keyboard.press('Enter')]);
        expect(await page.title()).toMatch(/^Błąd: /);
        const links = await fixFromSummary(page, who, second);
        expect(links).toEqual([emailError, second.message]);
        await expectNothingLost(page, who);
        expect(await page.locator('#enrol-email').inputValue()).toBe(who.email);
        expect(await page.locator('#enrol-phone').inputValue()).toBe(who.phone);

        await tabToText(page, 'Wyślij zgłoszenie');
        await page.keyboard.press('Enter');
        if (javaScript) {
          await expect.poll(() => page.locator('#enrol-done').textContent()).toContain('Sprawdź skrzynkę e-mail');
        } else {
          await page.waitForURL((url) => url.pathname === '/zapisy/sprawdz-poczte/');
        }
        await confirmThenWithdraw(page, who, /Masz zapewnione miejsce/);
      } finally {
        await context.close();
      }
    });
  });
}
