/**
 * The whole lottery end to end, in Chromium against the real server
 * (src/server/app.ts) on PGlite and a real SMTP server: 75 people sign up
 * and confirm from their emails for 60 places; enrolment closes and the
 * pool freezes; a staff member signs in from the emailed link and enters
 * the announced sources' values in the panel; 60 accepted and 15 on the
 * waiting list receive the right emails; one accepted person withdraws by
 * the link in their email and number one on the list is promoted and told;
 * the public page, its lookup by code and the in-browser verifier agree
 * with the protocol — by keyboard where a person would use one, with axe
 * finding nothing and no CSP violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { protocolSchema, type DrawProtocol } from '../../../src/draw/protocol.ts';
import { verifyProtocol } from '../../../src/draw/verify.ts';
import { catalogueOf, type CatalogueEntry } from '../../../src/catalogue/catalogue.ts';
import { bundleDrawVerifier } from '../../../src/draw/verifier/integration.ts';
import { writePanelScript } from '../../../src/panel/browser/integration.ts';
import { linksIn } from '../../../src/mail/template.ts';
import { createMailTransport } from '../../../src/mail/transport.ts';
import { startApp, type RunningApp } from '../../../src/server/app.ts';
import { pgliteEngine, type TestDatabase } from '../../support/databases.ts';
import { confirmByButton, movableClock, testEnrolment } from '../../support/enrolment-app.ts';
import { createSmtpSink, type ReceivedEmail, type SmtpSink } from '../../support/smtp-sink.ts';

const hour = 3_600_000;
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const staffAddress = 'koordynatorka@um.example';
const clock = movableClock();
const opened = clock.now();
const lottery: CatalogueEntry = {
  id: 'warsztaty-z-losowaniem',
  kind: 'programme',
  title: 'Warsztaty „Wspólne projekty” (60 miejsc, losowanie)',
  page: '/programy/warsztaty-z-losowaniem/',
  closedEarly: false,
  enrolment: testEnrolment({
    opens: new Date(opened.getTime() - 48 * hour),
    closes: new Date(opened.getTime() + hour),
    mode: 'lottery',
    capacity: 60,
    drawSources: [
      { description: 'Wyniki losowania Lotto z dnia losowania (6 liczb)', kind: 'numbers' },
      { description: 'Liczba z rundy drand ogłoszonej w dniu losowania', kind: 'numbers' },
    ],
    drawDate: new Date(opened.getTime() + 30 * hour),
  }),
};
const people = Array.from({ length: 75 }, (_, i) => `osoba-${String(i + 1).padStart(2, '0')}@example.pl`);

let root: string;
let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const axeFindings: string[] = [];

// One story for the file: each test goes on from where the one before left off.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(240_000);
  browser = launched;
  // The server's site folder: the public/ files (panel and page styles), the verifier and the panel's script bundled as the build does.
  root = await mkdtemp(join(tmpdir(), 'wspolnie-losowanie-'));
  await cp(join(projectRoot, 'public/panel'), join(root, 'panel'), { recursive: true });
  await cp(join(projectRoot, 'public/zapisy'), join(root, 'zapisy'), { recursive: true });
  await Promise.all([bundleDrawVerifier(projectRoot, join(root, 'skrypty')), writePanelScript(projectRoot, root)]);
  [sink, database] = await Promise.all([createSmtpSink(), pgliteEngine.create()]);
  await sink.start();
  app = await startApp({
    root,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'lottery-browser-secret-lottery-browser-0123', STAFF_EMAILS: staffAddress },
    db: database.db,
    transport: createMailTransport({ SMTP_URL: sink.url }),
    catalogue: async () => catalogueOf([lottery]),
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
  await Promise.all([database?.dispose(), sink?.dispose()]);
  if (root) await rm(root, { recursive: true, force: true });
});

async function mailTo(to: string, count = 1): Promise<ReceivedEmail[]> {
  for (let i = 0; i < 400; i++) {
    const mail = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
    if (mail.length >= count) return mail;
    app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${to}: fewer than ${count} emails`);
}

async function axe(label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  axeFindings.push(...results.violations.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

let protocol: DrawProtocol;
const codeOf = new Map<string, string>();

test.describe('a capped lottery, end to end', () => {
  test('75 people sign up and confirm from their emails', async () => {
    test.setTimeout(120_000);
    for (const email of people) {
      const form = new URLSearchParams({ programme: lottery.id, email, name: `Uczestnik ${email.slice(6, 8)} Żółć`, consent: 'tak', website: '' });
      const answer = await fetch(`${app.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: app.origin } });
      expect(answer.status, email).toBe(303);
    }
    for (const email of people) {
      const [mail] = await mailTo(email);
      codeOf.set(email, /Kod zgłoszenia: ([A-Z0-9-]+)\./.exec(mail!.parsed.text ?? '')![1]!);
      expect((await confirmByButton(linksIn(mail!.parsed.text ?? '')[0]!)).status).toBe(200);
    }
    const { rows } = await database.db.query(`SELECT count(*)::int AS n FROM applications WHERE status = 'confirmed'`);
    expect(rows).toEqual([{ n: 75 }]);
  });

  test('after the close the pool is frozen and published without personal data', async () => {
    clock.advance(26 * hour);
    await page.goto(`/losowania/${lottery.id}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Losowanie miejsc: ${lottery.title}`);
    expect(await page.locator('main').innerText()).toContain('Pula zamrożona');
    expect(await page.locator('tbody tr').count()).toBe(75);
    const text = await page.content();
    for (const email of people) expect(text).not.toContain(email);
    await axe('pula');
  });

  test('a staff member signs in from the emailed link and enters the sources in the panel; the draw runs once', async () => {
    clock.advance(5 * hour); // past the announced draw date
    await page.goto('/panel/logowanie/');
    await page.getByLabel('Adres e-mail', { exact: true }).fill(staffAddress);
    await page.keyboard.press('Enter');
    // Each form's answer is awaited before the next address: a navigation still loading would cut the next one short.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sprawdź skrzynkę e-mail');
    const [signInMail] = await mailTo(staffAddress);
    await page.goto(linksIn(signInMail!.parsed.text ?? '').find((l) => l.includes('/panel/logowanie/link'))!);
    await page.getByRole('button').filter({ hasText: /Zaloguj/ }).click();
    await page.waitForURL('**/panel/');
    await page.goto(`/panel/program/?p=${lottery.id}`);
    await page.getByRole('link', { name: 'Losowanie miejsc' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Losowanie miejsc');
    await axe('panel: losowanie');

    // A mistake first: the box left unticked and a word for a number. Nothing runs, everything typed stays.
    await page.getByLabel(/Źródło 1/).fill('3 7 19 28 33 41');
    await page.getByLabel(/Źródło 2/).fill('dziewięć');
    await page.getByRole('button', { name: 'Przeprowadź losowanie' }).click();
    await expect.poll(() => page.locator('#podsumowanie-bledow').innerText()).toContain('Zaznacz, że wartości sprawdzono');
    expect(await page.locator('#podsumowanie-bledow').innerText()).toContain('„dziewięć” nie jest liczbą');
    expect(await page.title()).toMatch(/^Błąd: /);
    expect(await page.getByLabel(/Źródło 1/).inputValue()).toBe('3 7 19 28 33 41');
    await axe('panel: błędy losowania');
    const { rows: none } = await database.db.query(`SELECT state FROM draws`);
    expect(none).toEqual([{ state: 'frozen' }]);

    await page.getByLabel(/Źródło 2/).fill('1234567');
    await page.getByLabel('Sprawdziłem(-am) wartości w opublikowanych źródłach').check();
    await page.getByRole('button', { name: 'Przeprowadź losowanie' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Losowanie przeprowadzono');
    expect(await page.getByRole('button', { name: 'Przeprowadź losowanie' }).count()).toBe(0);

    const { rows } = await database.db.query<{ protocol: unknown }>(`SELECT protocol FROM draws`);
    protocol = protocolSchema.parse(rows[0]!.protocol) as DrawProtocol;
    expect(protocol.keyString).toBe('3.7.19.28.33.41./1234567./');
    expect(verifyProtocol(protocol, { sourceValues: ['3 7 19 28 33 41', '1234567'] }).ok).toBe(true);

    // A second attempt (a replayed form) changes nothing.
    const replay = await page.evaluate(async (id) => {
      const body = new URLSearchParams({ v0: '1 2 3 4 5 6', v1: '1', confirm: 'tak' });
      return (await fetch(`/panel/losowanie/?p=${id}`, { method: 'POST', body, redirect: 'manual' })).status;
    }, lottery.id);
    expect([0, 303]).toContain(replay);
    const { rows: after } = await database.db.query<{ protocol: unknown }>(`SELECT protocol FROM draws`);
    expect(after[0]!.protocol).toEqual(rows[0]!.protocol);
    const { rows: audit } = await database.db.query(`SELECT action FROM audit_log WHERE action = 'draw'`);
    expect(audit).toHaveLength(1);
  });

  test('60 accepted and 15 on the waiting list receive the right emails', async () => {
    test.setTimeout(60_000);
    const emailOf = new Map([...codeOf].map(([email, code]) => [code, email]));
    for (const [i, code] of protocol.order.entries()) {
      const mail = await mailTo(emailOf.get(code)!, 3);
      const result = mail[2]!.parsed;
      if (i < 60) {
        expect(result.subject, code).toBe(`Masz miejsce: ${lottery.title}`);
      } else {
        expect(result.subject, code).toBe(`Lista rezerwowa: ${lottery.title}`);
        expect(result.text, code).toContain(`na ${i - 59}. pozycji`);
      }
      expect(result.text).toContain(`Kod zgłoszenia: ${code}.`);
      expect(result.text).toContain(`/losowania/${lottery.id}`);
    }
  });

  test('an accepted person withdraws by their link; number one on the list is promoted and emailed', async () => {
    const emailOf = new Map([...codeOf].map(([email, code]) => [code, email]));
    const leaving = emailOf.get(protocol.order[7]!)!;
    const first = emailOf.get(protocol.order[60]!)!;
    const [, , result] = await mailTo(leaving, 3);
    await page.goto(linksIn(result!.parsed.text ?? '').find((l) => l.includes('/api/zapisy/rezygnacja'))!);
    await page.getByRole('button', { name: 'Rezygnuję ze zgłoszenia' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zgłoszenie wycofane');
    const promoted = await mailTo(first, 4);
    expect(promoted[3]!.parsed.subject).toBe(`Zwolniło się miejsce: ${lottery.title}`);
  });

  test('the public page, its lookup by code and the in-browser verifier agree with the protocol', async () => {
    await page.goto(`/losowania/${lottery.id}/`);
    const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
    expect(rows.map((r) => r[1])).toEqual(protocol.order);
    expect(rows[7]![3]).toBe('zgłoszenie wycofane');
    expect(rows[60]![3]).toBe('ma miejsce (z listy rezerwowej, po rezygnacji innej osoby)');
    expect(rows[61]![3]).toBe('lista rezerwowa, 1. pozycja');
    expect(await page.locator('main').innerText()).toContain(protocol.pool.sha256);

    // Looking up one's own code by keyboard, typed the way people do.
    await page.getByLabel('Kod zgłoszenia').focus();
    await page.keyboard.type(protocol.order[61]!.toLowerCase().replace('-', ' '));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[role="status"]').first().innerText()).toContain(`${protocol.order[61]}: lista rezerwowa, 1. pozycja`);

    await page.getByRole('button', { name: 'Sprawdź opublikowany protokół' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-draw-verifier-result]').innerText(), { timeout: 20_000 }).toMatch(/^Protokół zgodny: pula 75 kodów/);
    await axe('wyniki');
  });

  test('found no accessibility problem and broke no Content Security Policy rule on the way', () => {
    expect(axeFindings).toEqual([]);
    expect(violations).toEqual([]);
  });
});
