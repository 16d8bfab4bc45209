/**
 * Archive search in Chromium, on two builds: the real dist/ (whatever content
 * it has) as the site project's server serves it, and a fixture build of
 * tests/fixtures/search that holds the words the real content may not have
 * yet (Łódź), built once in this file's beforeAll and served by a static
 * server of its own (its archive replaces the real one, so dist/ cannot
 * stand in for it).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isSearchable, searchableText } from '../../../src/search/searchable-html.ts';
import { searchKey } from '../../../src/lib/fold.ts';
import { searchArchive, searchFromKeyboard } from '../../support/archive-search.ts';
import { buildSite, createFixtureSite, projectRoot, readFixtureReports, type FixtureSite } from '../../support/fixture-site.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

/** Queries typed without Polish letters, and the text they must find. */
const unaccented = [
  { query: 'wspolne projekty', target: 'Wspólne Projekty' },
  { query: 'zablocie', target: 'Zabłocie' },
  { query: 'bialolecki', target: 'Białołęcki' },
  { query: 'lodz', target: 'Łódź' },
];

/** Addresses of the indexed pages whose searchable text contains `text`. */
async function pagesContaining(dist: string, text: string): Promise<string[]> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html') && !f.startsWith(`pagefind${sep}`));
  const found: string[] = [];
  for (const file of files) {
    const html = await readFile(join(dist, file), 'utf8');
    if (isSearchable(html) && searchableText(html).includes(text)) found.push(`/${relative(dist, join(dist, file)).split(sep).join('/').replace(/index\.html$/, '')}`);
  }
  return found;
}

test.describe('search in the built site (dist/)', () => {
  // The webServer of playwright.config.ts serves this folder exactly as built.
  const dist = join(projectRoot, 'dist');

  test.beforeAll(() => {
    if (!existsSync(join(dist, 'pagefind', 'pagefind.js'))) {
      throw new Error('Brak dist/pagefind/: zbuduj stronę (npx astro build) — indeks wyszukiwarki powstaje na końcu budowania.');
    }
  });

  // No seed mentions Łódź, so "lodz" is proven on the fixture build below only.
  for (const { query, target } of unaccented.filter((u) => u.target !== 'Łódź')) {
    test(`"${query}" finds the pages that say "${target}", shown with Polish letters`, async ({ page, baseURL }) => {
      const expected = await pagesContaining(dist, target);
      expect(expected.length, `no indexed page in dist/ says "${target}"`).toBeGreaterThan(0);
      const { status, results } = await searchArchive(page, baseURL!, query);
      expect(status).toMatch(/^Znaleziono \d+ wynik/);
      const hits = results.filter((r) => expected.includes(r.href));
      expect(hits.length, `results: ${results.map((r) => r.href).join(', ')}`).toBeGreaterThan(0);
      expect(hits.some((r) => r.text.includes(target))).toBe(true);
    });
  }
});

test.describe('search in a fixture build', () => {
  // In order, in one worker: the fixture is built once for all of them (a failure does not skip the rest).
  test.describe.configure({ mode: 'default' });

  let site: FixtureSite;
  let server: StaticServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    site = await createFixtureSite(await readFixtureReports(join(projectRoot, 'tests/fixtures/search/reports')));
    const build = await buildSite(site.root);
    expect(build.indexedPages).toBeGreaterThanOrEqual(5);
    server = await serveStatic(site.dist);
  });
  test.afterAll(async () => {
    await server?.close();
    await site?.remove();
  });

  for (const { query, target } of unaccented) {
    test(`"${query}" finds the page that says "${target}" and marks the word as written there`, async ({ page }) => {
      const expected = await pagesContaining(site.dist, target);
      expect(expected.length).toBeGreaterThan(0);
      const { status, results } = await searchArchive(page, server.url, query);
      expect(status).toMatch(/^Znaleziono \d+ wynik/);
      const hit = results.find((r) => expected.includes(r.href));
      expect(hit, JSON.stringify(results)).toBeDefined();
      // The excerpt marks the page's own spelling (e.g. "Łodzi" for "lodz"), Polish letters intact.
      // Compare on a short prefix: the stemmer also matches inflected forms ("wspolne" marks "Wspólnych").
      const firstTerm = searchKey(query.split(' ')[0]!).slice(0, 4);
      const marked = hit!.marked.filter((m) => searchKey(m).startsWith(firstTerm));
      expect(marked.length, JSON.stringify(hit)).toBeGreaterThan(0);
      expect(marked.every((m) => /[^\x00-\x7f]/.test(m))).toBe(true);
    });
  }

  test('finds inflected forms and queries with some Polish letters typed', async ({ page }) => {
    expect((await searchArchive(page, server.url, 'Łódź')).results.map((r) => r.href)).toContain('/archiwum/wizyta-studyjna-lodz/');
    expect((await searchArchive(page, server.url, 'Białolecki')).results.map((r) => r.href)).toContain('/archiwum/co-jest-potrzebne-w-miescie/');
  });

  test('announces the count politely, in Polish', async ({ page }) => {
    const { status } = await searchArchive(page, server.url, 'lodz');
    expect(status).toBe('Znaleziono 1 wynik dla: „lodz”.');
    await expect(page.locator('[data-search-status]')).toHaveAttribute('aria-live', 'polite');
    // Not a Polish-looking word: the Polish stemmer strips a leading "nie", so "nieistniejące…" matches "nie".
    const none = await searchArchive(page, server.url, 'qxzqxzqxz');
    expect(none.status).toMatch(/^Nie znaleziono wyników/);
  });

  test('filters by type, year and programme with Polish labels', async ({ page }) => {
    // The fixture replaces only the archive; programme, news and consultation pages of the real content stay searchable too.
    const documents = (r: { results: { href: string }[] }) => r.results.map((x) => x.href).filter((h) => h.startsWith('/archiwum/'));
    const byType = await searchArchive(page, server.url, 'budzet', { typ: 'Ekspertyza' });
    expect(documents(byType)).toEqual(['/archiwum/wizyta-studyjna-lodz/']);
    expect(byType.results).toHaveLength(1);
    const byYear = await searchArchive(page, server.url, '', { rok: '2014' });
    expect(documents(byYear)).toEqual(['/archiwum/rekomendacje-konsultacje-2014/']);
    const byProgramme = await searchArchive(page, server.url, '', { program: 'Wspólne Projekty Miejskie 2020' });
    expect(documents(byProgramme)).toEqual(['/archiwum/wspolne-projekty-miejskie-2020-podsumowanie/']);
    await expect(page.getByLabel('Rodzaj dokumentu')).toHaveValue('');
  });

  test('the first search loads no filter index; picking a filter loads only its own, and filters', async ({ page }) => {
    const filterFiles: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/pagefind/filter/')) filterFiles.push(new URL(r.url()).pathname);
    });
    await page.goto(`${server.url}/archiwum/`);
    await page.locator('[data-search-filters]:not([hidden])').waitFor();
    await page.getByLabel('Szukane słowa').fill('budzet');
    await page.keyboard.press('Enter');
    await page.locator('[data-search-status]').filter({ hasText: 'Znaleziono' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(filterFiles).toEqual([]);
    await page.getByLabel('Rodzaj dokumentu').selectOption('Ekspertyza');
    await expect(page.locator('[data-search-status]')).toHaveText(/^Znaleziono 1 wynik/);
    await expect(page.locator('[data-search-list] > li a')).toHaveAttribute('href', '/archiwum/wizyta-studyjna-lodz/');
    expect(filterFiles).toHaveLength(1);
    // The choices, from the indexer's counts, are what Pagefind's own filters() gives (which loads every filter index).
    const shown = await page.locator('[data-search-filter-fields] select').evaluateAll((selects) =>
      Object.fromEntries((selects as HTMLSelectElement[]).map((s) => [s.name, [...s.options].slice(1).map((o) => o.text).sort()])),
    );
    const pagefinds = await page.evaluate(async () => {
      const pagefind = (await import(/* @vite-ignore */ '/pagefind/pagefind.js' as string)) as { filters(): Promise<Record<string, Record<string, number>>> };
      return pagefind.filters();
    });
    expect(shown).toEqual(Object.fromEntries(Object.entries(pagefinds).map(([name, values]) => [name, Object.entries(values).map(([v, n]) => `${v} (${n})`).sort()])));
    expect(Object.keys(shown).sort()).toEqual(['program', 'rok', 'typ']);
  });

  test('works from the keyboard: type, Enter, results, Tab to the first result', async ({ page }) => {
    await searchFromKeyboard(page, server.url, 'zablocie');
    expect(new URL(page.url()).searchParams.get('q')).toBe('zablocie');
    // Submit button, the three filters, then the first result.
    const visited: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent ?? ''));
    }
    expect(visited.slice(0, 4)).toEqual(['Szukaj', 'typ', 'rok', 'program']);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-search-list]') !== null)).toBe(true);
  });

  test('has no axe violations, before and with results shown, nor on a type page', async ({ page }) => {
    const violations = async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      return results.violations.map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    };
    await page.goto(`${server.url}/archiwum/`);
    await page.locator('[data-search-filters]:not([hidden])').waitFor();
    expect(await violations()).toEqual([]);
    await searchArchive(page, server.url, 'budzet');
    expect(await violations()).toEqual([]);
    await page.goto(`${server.url}/archiwum/typ/ekspertyza/`);
    expect(await violations()).toEqual([]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('without JavaScript: says search needs it, lists every document, filters by type with links', async ({ page }) => {
      await page.goto(`${server.url}/archiwum/`);
      await expect(page.locator('[data-search-nojs]')).toBeVisible();
      await expect(page.locator('.report-list > li')).toHaveCount(5);
      await page.getByRole('link', { name: /^Ekspertyza/ }).click();
      await expect(page).toHaveURL((url) => url.pathname === '/archiwum/typ/ekspertyza/');
      expect(await page.locator('.report-list > li').allTextContents()).toEqual([expect.stringContaining('Wizyta studyjna w Łodzi')]);
    });
  });

  // Reads the fixture's files, no browser; here because this file is what builds the fixture (a second build for the Vitest layer would cost as much again).
  test('ships no JavaScript on content pages', async () => {
    const html = await readFile(join(site.dist, 'archiwum/wizyta-studyjna-lodz/index.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
  });
});
