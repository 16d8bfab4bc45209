/**
 * The consultation pages with "Co usłyszeliśmy / Co zrobiliśmy" and an
 * overdue report (issue 16), from a real build of a fixture site
 * (tests/support/remarks-site.ts), in Chromium with JavaScript off — the
 * counts and decisions are plain HTML — and axe (which runs in the page, so
 * with JavaScript on) finding nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import type { FixtureSite } from '../../support/fixture-site.ts';
import { remarksSite } from '../../support/remarks-site.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

let site: FixtureSite;
let server: StaticServer;
let browser: Browser;

test.beforeAll(async ({ browser: launched }) => {
  test.setTimeout(600_000);
  browser = launched;
  site = await remarksSite();
  server = await serveStatic(site.dist);
});
test.afterAll(async () => {
  await server?.close();
  await site?.remove();
});

for (const path of ['/konsultacje/zielen-zablocie/', '/konsultacje/plac-zabaw-bronowice/', '/konsultacje/']) {
  test(`${path}: readable without JavaScript, and axe finds nothing`, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'pl-PL' });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    if (path === '/konsultacje/zielen-zablocie/') {
      const decisions = page.getByRole('table', { name: 'Uwagi według rozstrzygnięcia' });
      await expect(decisions.getByRole('row', { name: /Uwzględniona/ }).first().getByRole('cell')).toHaveText('3');
      await expect(page.getByRole('table', { name: 'Uwagi według kanału' }).getByRole('row', { name: /Razem/ }).getByRole('cell')).toHaveText('7');
    } else {
      await expect(page.getByText(/Raport opóźniony o \d+ dni/)).toBeVisible();
    }
    await context.close();
    // axe runs inside the page, so it needs JavaScript: the same page again, as most readers get it.
    const withScripts = await browser.newContext({ locale: 'pl-PL' });
    const checked = await withScripts.newPage();
    await checked.goto(`${server.url}${path}`);
    const results = await new AxeBuilder({ page: checked } as never).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
    await withScripts.close();
  });
}
