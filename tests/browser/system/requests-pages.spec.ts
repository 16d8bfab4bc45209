/**
 * The requests register, a request's page in each state, the rules page and
 * the annual plans in Chromium (issue 16), on a fixture build with the
 * requests and plans of tests/support/requests-site.ts (the seeds have none),
 * served by a static server of this file's own: axe finds nothing on any of
 * them, and each reads without JavaScript (the overdue days, the history, the
 * plan's outcomes are in the HTML itself).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { FixtureSite } from '../../support/fixture-site.ts';
import { fixtureRequests, nextYearOf, requestsSite } from '../../support/requests-site.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

let site: FixtureSite;
let server: StaticServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  site = await requestsSite();
  server = await serveStatic(site.dist);
});

test.afterAll(async () => {
  await server?.close();
  await site?.remove();
});

const paths = () => [
  '/konsultacje/wnioski/',
  ...Object.values(fixtureRequests).map((id) => `/konsultacje/wnioski/${id}/`),
  '/konsultacje/wnioski/zasady/',
  '/konsultacje/plan/',
  '/konsultacje/plan/2025/',
  `/konsultacje/plan/${nextYearOf()}/`,
];

test('axe finds nothing on the register, every request, the rules and the plans', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
  const page = await context.newPage();
  for (const path of paths()) {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator('h1'), path).toHaveCount(1);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${path} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  }
  // Narrow, the tables become cards whose cells name themselves.
  await page.setViewportSize({ width: 390, height: 800 });
  for (const path of ['/konsultacje/wnioski/', '/konsultacje/plan/2025/']) {
    await page.goto(`${server.url}${path}`);
    await expect(page.getByText('Poparcia:', { exact: true }).or(page.getByText('Jednostka:', { exact: true })).first()).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${path} (390 px) ${v.id}: ${v.help}`)).toEqual([]);
  }
  await context.close();
});

test('without JavaScript, the register says how long a request has waited and the plan what became of each item', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'pl-PL' });
  const page = await context.newPage();
  await page.goto(`${server.url}/konsultacje/wnioski/`);
  const overdue = page.getByRole('row', { name: /Zieleń na placu Wolnica/ });
  await expect(overdue).toContainText(/bez odpowiedzi od \d+ dni/);
  await expect(overdue).toContainText('120 z 200');
  await page.getByRole('link', { name: 'Parking przy ul. Lea' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parking przy ul. Lea');
  await expect(page.getByRole('list').filter({ hasText: 'Uzasadnienie: Sprawa nie należy do zadań gminy' })).toBeVisible();
  await page.goto(`${server.url}/konsultacje/plan/2025/`);
  await expect(page.getByRole('row', { name: /Nocna komunikacja/ })).toContainText('Nieprzeprowadzone: kwartał minął');
  await expect(page.getByRole('row', { name: /Parki kieszonkowe/ })).toContainText('Przeprowadzone poza planem');
  await context.close();
});
