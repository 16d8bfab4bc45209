import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { sitemapPaths } from './site-pages.ts';

const paths = [...sitemapPaths(), '/nie-ma-takiej-strony/'];

test('the sitemap lists every kind of page', () => {
  for (const prefix of ['/programy/', '/wydarzenia/', '/aktualnosci/', '/konsultacje/', '/archiwum/', '/kalendarz/', '/deklaracja-dostepnosci/', '/prywatnosc/', '/o-portalu/']) {
    expect(paths.filter((p) => p.startsWith(prefix)).length, prefix).toBeGreaterThan(0);
  }
});

for (const path of paths) {
  test(`axe finds nothing on ${path}`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(path.startsWith('/nie-ma') ? 404 : 200);
    await expect(page.locator('h1')).toHaveCount(1);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
}
