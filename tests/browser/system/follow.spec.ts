/**
 * Following by email in Chromium, against the real server (src/server/app.ts)
 * serving a real build (tests/support/enrolment-site.ts), PGlite and a real
 * SMTP server: the form on a programme's page with JavaScript on, the
 * /obserwuj/ form with JavaScript off (its mistakes in place, then sent),
 * the emailed confirmation, the unsubscribe page's button, and a change
 * announced by the job whose List-Unsubscribe address, POSTed over HTTP as
 * a mail provider would, unsubscribes — axe finding nothing on any of the
 * new pages, and no CSP violation.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { RunningApp } from '../../../src/server/app.ts';
import { unsubscribeUrl } from '../../../src/follow/links.ts';
import { linksIn } from '../../../src/mail/template.ts';
import type { TestDatabase } from '../../support/databases.ts';
import { pgliteEngine } from '../../support/databases.ts';
import { openProgramme, startSiteScenario, type SiteScenario } from '../../support/enrolment-site.ts';
import type { ReceivedEmail, SmtpSink } from '../../support/smtp-sink.ts';

let sink: SmtpSink;
let database: TestDatabase;
let app: RunningApp;
let browser: Browser;
let scenario: SiteScenario | undefined;
const violations: string[] = [];
const axeFindings: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(240_000);
  browser = launched;
  scenario = await startSiteScenario(pgliteEngine);
  ({ sink, database, app } = scenario);
});
test.afterAll(() => scenario?.close());

async function withPage(javaScript: boolean, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: 'pl-PL', javaScriptEnabled: javaScript, baseURL: app.origin });
  const page = await context.newPage();
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

async function axe(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  axeFindings.push(...results.violations.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`));
}

async function mailWith(to: string, subject: string): Promise<ReceivedEmail> {
  for (let i = 0; i < 200; i++) {
    const found = (await sink.received()).find((m) => m.parsed.to?.[0]?.address === to && m.parsed.subject === subject);
    if (found) return found;
    app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email „${subject}” for ${to}`);
}

async function confirmationLink(to: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const mail = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
    if (mail.length > 0) return linksIn(mail[0]!.parsed.text ?? '').find((l) => l.includes('/api/obserwuj/potwierdz'))!;
    app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no email for ${to}`);
}

test.describe('following by email in the browser', () => {
  test('with JavaScript: the programme page form, the email, the confirmation', async () => {
    await withPage(true, async (page) => {
      await page.goto(openProgramme.path);
      const section = page.getByRole('region', { name: 'Obserwuj zmiany e-mailem' });
      await expect(section).toContainText(`program „${openProgramme.title}”`);
      await axe(page, 'programme page');
      await section.getByLabel('Adres e-mail do powiadomień').fill('ola.obserwuje@example.pl');
      await section.getByLabel('Jak często pisać').selectOption('daily');
      await section.getByRole('button', { name: 'Obserwuj' }).click();
      await expect(page).toHaveURL(/\/obserwuj\/sprawdz-poczte\/$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sprawdź skrzynkę e-mail');
      await axe(page, 'check mail page');

      await page.goto(await confirmationLink('ola.obserwuje@example.pl'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Potwierdź obserwowanie');
      await axe(page, 'confirmation question');
      await page.getByRole('button', { name: 'Potwierdzam' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Obserwowanie potwierdzone');
      await axe(page, 'confirmed page');
    });
    const { rows } = await database.db.query<{ status: string; frequency: string }>('SELECT status, frequency FROM follows');
    expect(rows).toEqual([{ status: 'active', frequency: 'daily' }]);
  });

  test('without JavaScript: /obserwuj/ shows its mistakes in place, keeps what was typed, then follows a district', async () => {
    await withPage(false, async (page) => {
      await page.goto('/obserwuj/');
      await page.getByLabel('Adres e-mail do powiadomień').fill('jan@');
      await page.getByRole('button', { name: 'Obserwuj' }).click();
      await expect(page).toHaveTitle(/^Błąd: /);
      const summary = page.getByRole('alert');
      await expect(summary).toContainText('Wybierz, co chcesz obserwować.');
      await expect(summary).toContainText('Podaj adres e-mail w poprawnej postaci');
      await expect(page.getByLabel('Adres e-mail do powiadomień')).toHaveValue('jan@');
      await expect(page.getByLabel('Adres e-mail do powiadomień')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Co chcesz obserwować').selectOption('district:XIII');
      await page.getByLabel('Adres e-mail do powiadomień').fill('jan.obserwuje@example.pl');
      await page.getByRole('button', { name: 'Obserwuj' }).click();
      await expect(page).toHaveURL(/\/obserwuj\/sprawdz-poczte\/$/);
      await page.goto(await confirmationLink('jan.obserwuje@example.pl'));
      await page.getByRole('button', { name: 'Potwierdzam' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Obserwowanie potwierdzone');
    });
  });

  test('axe (it needs JavaScript to run; the pages ship none): /obserwuj/ and its answer with mistakes', async () => {
    await withPage(true, async (page) => {
      await page.goto('/obserwuj/');
      await axe(page, '/obserwuj/');
      await page.getByLabel('Adres e-mail do powiadomień').fill('jan@');
      await page.getByRole('button', { name: 'Obserwuj' }).click();
      await expect(page).toHaveTitle(/^Błąd: /);
      await axe(page, 'form with mistakes');
    });
  });

  test('the unsubscribe link shows one button; pressing it deletes the address', async () => {
    const { rows } = await database.db.query<{ id: string }>(`SELECT id FROM follows WHERE email = 'jan.obserwuje@example.pl'`);
    await withPage(true, async (page) => {
      await page.goto(unsubscribeUrl(app.runtime.links, rows[0]!.id));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wypisz się z powiadomień');
      await axe(page, 'unsubscribe question');
      await page.getByRole('button', { name: 'Wypisz mnie' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wypisano');
      await axe(page, 'unsubscribed page');
    });
    expect((await database.db.query(`SELECT 1 FROM follows WHERE email = 'jan.obserwuje@example.pl'`)).rows).toHaveLength(0);
  });

  test('a change reaches the follower with List-Unsubscribe; the one-click POST to it over HTTP unsubscribes', async () => {
    const email = 'ewa.obserwuje@example.pl';
    const headers = { Origin: app.origin };
    const sent = await fetch(`${app.origin}/api/obserwuj`, { method: 'POST', headers, redirect: 'manual', body: new URLSearchParams({ target: `programme:${openProgramme.id}`, email, frequency: 'immediate', website: '' }) });
    expect(sent.status).toBe(303);
    const token = new URL(await confirmationLink(email)).searchParams.get('t')!;
    expect((await fetch(`${app.origin}/api/obserwuj/potwierdz`, { method: 'POST', headers, body: new URLSearchParams({ t: token }) })).status).toBe(200);

    // A deploy cancels the programme: the job (run now instead of in five minutes) announces it.
    await app.jobs!.runNow();
    const file = join(scenario!.site.dist, 'dane', 'obserwowane.json');
    const feed = JSON.parse(await readFile(file, 'utf8')) as { items: { kind: string; id: string; state: { status?: string } }[] };
    feed.items.find((i) => i.kind === 'programme' && i.id === openProgramme.id)!.state.status = 'cancelled';
    await writeFile(file, JSON.stringify(feed));
    expect((await app.jobs!.runNow())?.follow).toMatchObject({ news: 1 });
    const notice = await mailWith(email, `Odwołany program: ${openProgramme.title} — Wspólnie`);
    expect(notice.parsed.headers.find((h) => h.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
    const address = /^<([^>]+)>$/.exec(notice.parsed.headers.find((h) => h.key === 'list-unsubscribe')?.value ?? '')?.[1];
    expect(address).toMatch(new RegExp(`^${app.origin}/api/obserwuj/wypisz\\?t=`));

    // As a mail provider does it (RFC 8058): a POST from its server, no cookie, no page in between.
    const oneClick = await fetch(address!, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    expect((await database.db.query('SELECT 1 FROM follows WHERE email = $1', [email])).rows).toHaveLength(0);
  });

  test('no axe finding and no CSP violation on any of these pages', () => {
    expect(axeFindings).toEqual([]);
    expect(violations).toEqual([]);
  });
});
