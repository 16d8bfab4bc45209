/**
 * A lottery with seat quotas end to end (issue 14), in Chromium against the
 * real server (src/server/app.ts) serving a built copy of the site whose
 * content announces the quotas (tests/support/quotas-site.ts), on PGlite and
 * a real SMTP server: the programme page lists the quotas; 300 people sign up
 * with a district and an age band, unevenly spread (one in the page's form by
 * keyboard, the others posting to the form endpoint), and confirm from their
 * emails; enrolment closes and the pool freezes with
 * each code's answers; a staff member signs in from the emailed link and
 * enters the sources in the panel; the results page shows the quotas and a
 * panel that meets them, the lookup by code and the in-browser verifier
 * agree with the protocol (and the verifier names what is wrong in tampered
 * /2 protocols); a withdrawal by the emailed link gives the place to the code
 * the promotion rule names — by keyboard where a person would use one, with
 * axe finding nothing and no CSP violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { districts } from '../../../src/data/districts.ts';
import { ageBands } from '../../../src/data/programmes.ts';
import { protocolSchema, serializeProtocol, valuesByCode, type DrawProtocol } from '../../../src/draw/protocol.ts';
import { describeRelaxation, describeSkip } from '../../../src/draw/stratified-command.ts';
import { siteNames } from '../../../src/lottery/http/quotas-markup.ts';
import { promote } from '../../../src/draw/stratified.ts';
import { verifyProtocol } from '../../../src/draw/verify.ts';
import { linksIn } from '../../../src/mail/template.ts';
import { createMailTransport } from '../../../src/mail/transport.ts';
import { startApp, type RunningApp } from '../../../src/server/app.ts';
import { pgliteEngine, type TestDatabase } from '../../support/databases.ts';
import { confirmByButton, movableClock } from '../../support/enrolment-app.ts';
import type { FixtureSite } from '../../support/fixture-site.ts';
import { announcedQuotas, applicants, buildQuotasSite, closesAt, drawDateOf, quotaBreaches, quotaProgramme } from '../../support/quotas-site.ts';
import { createSmtpSink, type ReceivedEmail, type SmtpSink } from '../../support/smtp-sink.ts';

const minute = 60_000;
const hour = 60 * minute;
const staffAddress = 'koordynatorka-panelu@um.example';
const sourceValues = ['3 7 19 28 33 41', '1234567'];
const people = applicants(300);
const clock = movableClock();

let site: FixtureSite;
let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const axeFindings: string[] = [];

// One story for the file: each test goes on from where the one before left off.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(420_000); // the copy's build, once per run, on a loaded machine
  [site, sink, database] = await Promise.all([buildQuotasSite(), createSmtpSink(), pgliteEngine.create()]);
  await sink.start();
  app = await startApp({
    root: site.dist,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'quotas-browser-secret-quotas-browser-0123456', STAFF_EMAILS: staffAddress },
    db: database.db,
    transport: createMailTransport({ SMTP_URL: sink.url }),
    now: clock.now,
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
  await Promise.all([database?.dispose(), sink?.dispose(), site?.remove()]);
});

/** Every email received once at least `count` have arrived (the worker kicked meanwhile), by recipient. */
async function mailboxes(count: number): Promise<Map<string, ReceivedEmail[]>> {
  await expect
    .poll(async () => {
      app.worker.kick();
      return sink.count();
    }, { timeout: 120_000, intervals: [100] })
    .toBeGreaterThanOrEqual(count);
  const byRecipient = new Map<string, ReceivedEmail[]>();
  for (const mail of await sink.received()) {
    const to = mail.parsed.to?.[0]?.address ?? '';
    byRecipient.set(to, [...(byRecipient.get(to) ?? []), mail]);
  }
  return byRecipient;
}

/** The emails to `to` once one of them has `subject` (the worker kicked meanwhile). */
async function mailWith(to: string, subject: RegExp): Promise<ReceivedEmail[]> {
  let mine: ReceivedEmail[] = [];
  await expect
    .poll(async () => {
      app.worker.kick();
      mine = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
      return mine.some((m) => subject.test(m.parsed.subject ?? ''));
    }, { message: `${to}: ${subject}`, timeout: 60_000, intervals: [250] })
    .toBe(true);
  return mine;
}

/** Runs `task` over `items`, `width` at a time (HTTP requests to the one server). */
async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

async function axe(label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  axeFindings.push(...results.violations.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

const districtOfLabel = new Map(districts.options.map((o) => [o.label, o.value]));
const bandOfLabel = new Map(ageBands.options.map((o) => [o.label, o.value]));

/** Every row of the results table, both pages (250 codes a page): [position, code, pool number, district, age band, standing]. */
async function resultRows(): Promise<string[][]> {
  const rows: string[][] = [];
  for (const path of ['', '?strona=2']) {
    await page.goto(`/losowania/${quotaProgramme.id}/${path}`);
    rows.push(...(await page.locator('tbody tr[id^="kod-"]').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())))));
  }
  return rows;
}

/** The accepted codes in the database with their [district, age band]. */
async function placedInDatabase(): Promise<Map<string, string[]>> {
  const { rows } = await database.db.query<{ registration_code: string; district: string; age_band: string }>(
    `SELECT registration_code, district, age_band FROM applications WHERE programme_id = $1 AND status = 'accepted'`,
    [quotaProgramme.id],
  );
  return new Map(rows.map((r) => [r.registration_code, [r.district, r.age_band]]));
}

let protocol: DrawProtocol;
const codeOf = new Map<string, string>();
const emailOf = new Map<string, string>();
let firstMail: Map<string, ReceivedEmail[]>;

test.describe('a lottery with seat quotas, end to end', () => {
  test('the programme page announces the quotas with the form asking district and age band', async () => {
    await page.goto(quotaProgramme.page);
    const quotas = page.locator('h3', { hasText: 'Kwoty miejsc' }).locator('xpath=following-sibling::ul[1]/li');
    await expect(quotas).toHaveCount(18 + 6);
    await expect(quotas.first()).toHaveText('Dzielnica: Dzielnica I Stare Miasto — najmniej 2, najwięcej 6');
    await expect(quotas.last()).toHaveText('Przedział wieku: 75 lat i więcej — najmniej 5, najwięcej 9');
    await expect(page.locator('main')).toContainText('i kwoty miejsc) nie może się już zmienić');
    await axe('strona programu');

    // The one person from district XVIII signs up here, by keyboard: the form asks what the quotas count.
    const last = people.at(-1)!;
    await page.locator('#enrol-name').focus();
    await page.keyboard.type(last.name);
    await page.keyboard.press('Tab');
    await expect(page.locator('#enrol-email')).toBeFocused();
    await page.keyboard.type(last.email);
    await page.locator('#enrol-district').selectOption(last.district);
    await page.locator('#enrol-ageBand').selectOption(last.ageBand);
    await page.locator('#enrol-consent').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).focus();
    await page.keyboard.press('Enter');
    // The script sends it and puts the answer where the form was, focused.
    await expect(page.getByRole('heading', { name: 'Sprawdź skrzynkę e-mail' })).toBeVisible();
    await expect(page.locator('main')).toContainText(`Wysłaliśmy wiadomość na adres ${last.email}`);
    const { rows } = await database.db.query(`SELECT district, age_band FROM applications WHERE email = $1`, [last.email]);
    expect(rows).toEqual([{ district: last.district, age_band: last.ageBand }]);
  });

  test('299 more sign up through the form endpoint with a district and an age band; all 300 confirm from their emails', async () => {
    test.setTimeout(240_000);
    await inParallel(people.slice(0, -1), 6, async (person) => {
      const form = new URLSearchParams({ programme: quotaProgramme.id, email: person.email, name: person.name, district: person.district, ageBand: person.ageBand, consent: 'tak', website: '' });
      const answer = await fetch(`${app.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: app.origin } });
      expect(answer.status, person.email).toBe(303);
    });
    firstMail = await mailboxes(people.length);
    await inParallel(people, 6, async ({ email }) => {
      const [mail] = firstMail.get(email) ?? [];
      const code = /Kod zgłoszenia: ([A-Z0-9-]+)\./.exec(mail?.parsed.text ?? '')?.[1];
      expect(code, email).toBeDefined();
      codeOf.set(email, code!);
      emailOf.set(code!, email);
      expect((await confirmByButton(linksIn(mail!.parsed.text ?? '')[0]!)).status).toBe(200);
    });
    const { rows } = await database.db.query(`SELECT count(*)::int AS n FROM applications WHERE status = 'confirmed' AND district IS NOT NULL AND age_band IS NOT NULL`);
    expect(rows).toEqual([{ n: 300 }]);
  });

  test('after the close the pool is frozen and published with each code district and age band, nothing personal', async () => {
    clock.advance(closesAt().getTime() + 25 * hour - clock.now().getTime());
    await expect
      .poll(async () => {
        await page.goto(`/losowania/${quotaProgramme.id}/`);
        return page.locator('main').innerText();
      })
      .toContain('Pula zamrożona');
    const rows = await resultRows();
    expect(rows).toHaveLength(300);
    // Frozen, not drawn: [code, pool number, district, age band, standing].
    const answersOf = new Map(people.map((p) => [codeOf.get(p.email)!, [p.district, p.ageBand]]));
    for (const [code, , district, band] of rows) expect([districtOfLabel.get(district!), bandOfLabel.get(band!)], code).toEqual(answersOf.get(code!));
    const pool = await (await fetch(`${app.origin}/losowania/${quotaProgramme.id}/pula.txt`)).text();
    expect(pool.trimEnd().split('\n').map((l) => l.split('\t').length)).toEqual(Array(300).fill(3));
    const text = await page.content();
    for (const person of people.slice(0, 50)) {
      expect(text).not.toContain(person.email);
      expect(text).not.toContain(person.name);
    }
    expect(pool).not.toContain('@');
  });

  test('a staff member signs in from the emailed link and enters the sources in the panel; the draw places by the quotas', async () => {
    clock.advance(drawDateOf().getTime() + 10 * minute - clock.now().getTime());
    await page.goto('/panel/logowanie/');
    await page.getByLabel('Adres e-mail', { exact: true }).fill(staffAddress);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sprawdź skrzynkę e-mail');
    const signIn = await mailWith(staffAddress, /./);
    await page.goto(linksIn(signIn[0]!.parsed.text ?? '').find((l) => l.includes('/panel/logowanie/link'))!);
    await page.getByRole('button').filter({ hasText: /Zaloguj/ }).click();
    await page.waitForURL('**/panel/');
    await page.goto(`/panel/program/?p=${quotaProgramme.id}`);
    await page.getByRole('link', { name: 'Losowanie miejsc' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Losowanie miejsc');
    // Staff see the quotas the draw will apply before they enter anything.
    await expect(page.getByRole('heading', { name: 'Kwoty miejsc' })).toBeVisible();
    await axe('panel: przed losowaniem');
    await page.getByLabel(/Źródło 1/).fill(sourceValues[0]!);
    await page.getByLabel(/Źródło 2/).fill(sourceValues[1]!);
    await page.getByLabel('Sprawdziłem(-am) wartości w opublikowanych źródłach').check();
    await page.getByRole('button', { name: 'Przeprowadź losowanie' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Losowanie przeprowadzono');
    // After the draw, what relaxation changed (R1 for three districts, below) is shown beside the announced quotas.
    await expect(page.getByRole('columnheader', { name: 'W mocy po złagodzeniu' })).toBeVisible();
    await axe('panel: po losowaniu');

    const { rows } = await database.db.query<{ protocol: unknown }>(`SELECT protocol FROM draws WHERE programme_id = $1`, [quotaProgramme.id]);
    protocol = protocolSchema.parse(rows[0]!.protocol) as DrawProtocol;
    expect(protocol.format).toBe('wspolnie-protokol-losowania/2');
    expect(protocol.keyString).toBe('3.7.19.28.33.41./1234567./');
    expect(protocol.stratified!.quotas).toEqual(announcedQuotas);
    expect(verifyProtocol(protocol, { sourceValues }).findings).toEqual([]);
    // Districts VII (nobody), XIII and XVIII (one person each) cannot have two places: R1 lowered their minima.
    expect(protocol.stratified!.relaxations.map((r) => `${r.step} ${r.value} ${r.bound} ${r.from}→${r.to}`)).toEqual(['R1 VII min 2→0', 'R1 XIII min 2→1', 'R1 XVIII min 2→1']);
    // The walk passed over codes (with this spread, the first 60 drawn meeting all 24 quotas by chance is vanishingly unlikely),
    // so the panel is not simply the first 60 drawn.
    expect(protocol.stratified!.skips.length).toBeGreaterThan(0);
    expect(protocol.stratified!.accepted).not.toEqual(protocol.order.slice(0, 60));

    const placed = await placedInDatabase();
    expect([...placed.keys()].sort()).toEqual([...protocol.stratified!.accepted].sort());
    expect(quotaBreaches([...placed.values()], protocol.stratified!.effective, 60)).toEqual([]);
  });

  test('the results page shows the quotas, what relaxation changed, why codes were passed over, and a panel that meets the quotas', async () => {
    await page.goto(`/losowania/${quotaProgramme.id}/`);
    const quotaTable = page.locator('table', { has: page.locator('caption', { hasText: 'Najmniej i najwięcej miejsc' }) });
    await expect(quotaTable.locator('tbody tr')).toHaveCount(18 + 6);
    await expect(quotaTable.locator('tbody tr').first()).toHaveText(/Dzielnica: Dzielnica I Stare Miasto\s*2\s*6\s*2–6/);
    for (const r of protocol.stratified!.relaxations) await expect(page.locator('main')).toContainText(describeRelaxation(r, siteNames));
    await expect(page.getByRole('heading', { name: 'Losowanie z kwotami miejsc' })).toBeVisible();
    await axe('wyniki');

    const rows = await resultRows();
    expect(rows.map((r) => r[1])).toEqual(protocol.order);
    const panel = rows.filter((r) => r[5]!.startsWith('ma miejsce')).map((r) => [districtOfLabel.get(r[3]!)!, bandOfLabel.get(r[4]!)!]);
    expect(quotaBreaches(panel, protocol.stratified!.effective, 60)).toEqual([]);
    const skip = protocol.stratified!.skips[0]!;
    expect(rows[skip.position - 1]![5]).toContain(`Pominięty przy losowaniu: ${describeSkip(skip.reason, siteNames)}`);
  });

  test('the lookup by code and the in-browser verifier agree with the protocol; tampered /2 protocols are named', async () => {
    const { rows } = await database.db.query<{ registration_code: string; waitlist_number: number }>(
      `SELECT registration_code, waitlist_number FROM applications WHERE programme_id = $1 AND status = 'waitlisted' ORDER BY waitlist_number`,
      [quotaProgramme.id],
    );
    // A code the walk passed over while places were left: on the waiting list at the number the database holds.
    const skipped = rows.find((r) => protocol.stratified!.skips.some((s) => s.code === r.registration_code))!;
    await page.goto(`/losowania/${quotaProgramme.id}/`);
    await page.getByLabel('Kod zgłoszenia').focus();
    await page.keyboard.type(skipped.registration_code.toLowerCase().replace('-', ' '));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="status"]').first().innerText()).toContain(`${skipped.registration_code}: lista rezerwowa, ${skipped.waitlist_number}. pozycja`);

    await page.goto(`/losowania/${quotaProgramme.id}/`);
    await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).focus();
    await page.keyboard.press('Enter');
    const verdict = page.locator('[data-draw-verifier-result]');
    await expect.poll(() => verdict.innerText(), { timeout: 30_000 }).toMatch(/^Protokół zgodny: pula 300 kodów/);

    const tampered = (change: (p: DrawProtocol) => void) => {
      const copy = structuredClone(protocol);
      change(copy);
      return serializeProtocol(copy);
    };
    const lastAccepted = protocol.stratified!.accepted.at(-1)!;
    const cases: [string, string, string][] = [
      ['a changed quota', tampered((p) => void (p.stratified!.quotas.categories[1]!.values['75-plus']!.min = 9)), 'Kwoty miejsc w protokole różnią się od ogłoszonych przy otwarciu naboru.'],
      ['a changed category value', tampered((p) => void (p.pool.values![0] = [p.pool.values![0]![0] === 'I' ? 'II' : 'I', p.pool.values![0]![1]!])), 'Skrót SHA-256 puli się nie zgadza'],
      [
        'an accepted code passed over',
        tampered((p) => void (p.stratified!.accepted = p.stratified!.accepted.slice(0, -1).concat(firstWaitingCode()))),
        `Kod ${lastAccepted} (pozycja ${protocol.order.indexOf(lastAccepted) + 1} w wylosowanej kolejności) powinien dostać miejsce według reguły kwot, a protokół go pominął.`,
      ],
    ];
    for (const [what, json, finding] of cases) {
      await page.getByLabel('Albo sprawdź plik protokołu z dysku').setInputFiles({ name: 'protokol.json', mimeType: 'application/json', buffer: Buffer.from(json) });
      await page.getByRole('button', { name: 'Sprawdź wybrany plik' }).click();
      await expect.poll(() => verdict.innerText(), { message: what, timeout: 30_000 }).toMatch(/^Protokół niezgodny/);
      expect(await verdict.innerText(), what).toContain(finding);
    }
    await axe('wyniki: weryfikator');
  });

  test('an accepted person withdraws by the link in their email; the place goes to the code the promotion rule names', async () => {
    const placed = await placedInDatabase();
    const { rows } = await database.db.query<{ registration_code: string }>(
      `SELECT registration_code FROM applications WHERE programme_id = $1 AND status = 'waitlisted' ORDER BY waitlist_number`,
      [quotaProgramme.id],
    );
    const waiting = rows.map((r) => r.registration_code);
    const values = valuesByCode(protocol.pool)!;
    const stays = (leaving: string) => [...placed.keys()].filter((c) => c !== leaving);
    // Someone whose leaving the first on the list could not make good: the rule must pass over it.
    const leaving = protocol.stratified!.accepted.find((c) => {
      const promotion = promote(stays(c), waiting, values, protocol.stratified!.effective, protocol.accepted);
      return promotion.rule === 'quotas' && promotion.code !== waiting[0];
    });
    expect(leaving, 'an accepted code whose place the first on the waiting list cannot take').toBeDefined();
    const expected = promote(stays(leaving!), waiting, values, protocol.stratified!.effective, protocol.accepted);
    expect(expected.rule).toBe('quotas');

    const [confirmation] = firstMail.get(emailOf.get(leaving!)!)!;
    await page.goto(linksIn(confirmation!.parsed.text ?? '').find((l) => l.includes('/api/zapisy/rezygnacja'))!);
    await page.getByRole('button', { name: 'Rezygnuję ze zgłoszenia' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie wycofane');

    const after = await placedInDatabase();
    expect(after.has(leaving!)).toBe(false);
    expect(after.has(expected.code!)).toBe(true);
    expect(quotaBreaches([...after.values()], protocol.stratified!.effective, 60)).toEqual([]);
    const promotedTo = emailOf.get(expected.code!)!;
    const promotion = (await mailWith(promotedTo, /^Zwolniło się miejsce: /)).find((m) => m.parsed.subject?.startsWith('Zwolniło'))!;
    expect(promotion.parsed.subject).toBe(`Zwolniło się miejsce: ${quotaProgramme.title}`);
    expect(promotion.parsed.text).toContain(`Kod zgłoszenia: ${expected.code}.`);

    // The public page says so, and the promoted code's lookup too.
    await page.goto(`/losowania/${quotaProgramme.id}/`);
    await page.getByLabel('Kod zgłoszenia').fill(expected.code!);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="status"]').first().innerText()).toContain(`${expected.code}: ma miejsce (z listy rezerwowej, po rezygnacji innej osoby)`);
    const table = await resultRows();
    expect(table.find((r) => r[1] === leaving)![5]).toBe('zgłoszenie wycofane');
    const panel = table.filter((r) => r[5]!.startsWith('ma miejsce')).map((r) => [districtOfLabel.get(r[3]!)!, bandOfLabel.get(r[4]!)!]);
    expect(quotaBreaches(panel, protocol.stratified!.effective, 60)).toEqual([]);
  });

  test('found no accessibility problem and broke no Content Security Policy rule on the way', () => {
    expect(axeFindings).toEqual([]);
    expect(violations).toEqual([]);
  });
});

/** The first code after `code` in the drawn order that the walk did not accept. */
/**
 * The first code in drawn order the walk left waiting. There always is one (300 codes, 60 places); a waiting code
 * after the last accepted one need not exist, since registration codes, and so the order, differ on every run.
 */
function firstWaitingCode(): string {
  const accepted = new Set(protocol.stratified!.accepted);
  return protocol.order.find((c) => !accepted.has(c))!;
}
