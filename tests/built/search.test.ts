/**
 * Archive search against built sites, in Chromium: the real dist/ (whatever
 * content it has), and a fixture build of tests/fixtures/search that holds
 * the words the real content may not have yet (Łódź).
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSearchable, searchableText } from '../../src/search/searchable-html.ts';
import { searchKey } from '../../src/lib/fold.ts';
import { searchArchive } from '../support/archive-search.ts';
import { launchChromium } from '../support/chromium.ts';
import { buildSite, createFixtureSite, projectRoot, readFixtureReports, type FixtureSite } from '../support/fixture-site.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

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

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('search in the built site (dist/)', () => {
  const dist = join(projectRoot, 'dist');
  let server: StaticServer;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(join(dist, 'pagefind', 'pagefind.js'))) {
      throw new Error('Brak dist/pagefind/: zbuduj stronę (npx astro build) — indeks wyszukiwarki powstaje na końcu budowania.');
    }
    server = await serveStatic(dist);
    page = await browser.newPage();
  });
  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  // No seed mentions Łódź, so "lodz" is proven on the fixture build below only.
  for (const { query, target } of unaccented.filter((u) => u.target !== 'Łódź')) {
    it(`"${query}" finds the pages that say "${target}", shown with Polish letters`, async () => {
      const expected = await pagesContaining(dist, target);
      expect(expected.length, `no indexed page in dist/ says "${target}"`).toBeGreaterThan(0);
      const { status, results } = await searchArchive(page, server.url, query);
      expect(status).toMatch(/^Znaleziono \d+ wynik/);
      const hits = results.filter((r) => expected.includes(r.href));
      expect(hits.length, `results: ${results.map((r) => r.href).join(', ')}`).toBeGreaterThan(0);
      expect(hits.some((r) => r.text.includes(target))).toBe(true);
    });
  }
});

describe('search in a fixture build', () => {
  let site: FixtureSite;
  let server: StaticServer;
  let page: Page;

  beforeAll(async () => {
    site = await createFixtureSite(await readFixtureReports(join(projectRoot, 'tests/fixtures/search/reports')));
    const build = await buildSite(site.root);
    expect(build.indexedPages).toBeGreaterThanOrEqual(5);
    server = await serveStatic(site.dist);
    page = await (await browser.newContext()).newPage();
  }, 180_000);
  afterAll(async () => {
    await page?.close();
    await server?.close();
    await site?.remove();
  });

  for (const { query, target } of unaccented) {
    it(`"${query}" finds the page that says "${target}" and marks the word as written there`, async () => {
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

  it('finds inflected forms and queries with some Polish letters typed', async () => {
    expect((await searchArchive(page, server.url, 'Łódź')).results.map((r) => r.href)).toContain('/archiwum/wizyta-studyjna-lodz/');
    expect((await searchArchive(page, server.url, 'Białolecki')).results.map((r) => r.href)).toContain('/archiwum/co-jest-potrzebne-w-miescie/');
  });

  it('announces the count politely, in Polish', async () => {
    const { status } = await searchArchive(page, server.url, 'lodz');
    expect(status).toBe('Znaleziono 1 wynik dla: „lodz”.');
    await expect(page.locator('[data-search-status]').getAttribute('aria-live')).resolves.toBe('polite');
    // Not a Polish-looking word: the Polish stemmer strips a leading "nie", so "nieistniejące…" matches "nie".
    const none = await searchArchive(page, server.url, 'qxzqxzqxz');
    expect(none.status).toMatch(/^Nie znaleziono wyników/);
  });

  it('filters by type, year and programme with Polish labels', async () => {
    // The fixture replaces only the archive; programme, news and consultation pages of the real content stay searchable too.
    const documents = (r: { results: { href: string }[] }) => r.results.map((x) => x.href).filter((h) => h.startsWith('/archiwum/'));
    const byType = await searchArchive(page, server.url, 'budzet', { typ: 'Ekspertyza' });
    expect(documents(byType)).toEqual(['/archiwum/wizyta-studyjna-lodz/']);
    expect(byType.results).toHaveLength(1);
    const byYear = await searchArchive(page, server.url, '', { rok: '2014' });
    expect(documents(byYear)).toEqual(['/archiwum/rekomendacje-konsultacje-2014/']);
    const byProgramme = await searchArchive(page, server.url, '', { program: 'Wspólne Projekty Miejskie 2020' });
    expect(documents(byProgramme)).toEqual(['/archiwum/wspolne-projekty-miejskie-2020-podsumowanie/']);
    expect(await page.getByLabel('Rodzaj dokumentu').inputValue()).toBe('');
  });

  it('works from the keyboard: type, Enter, results, Tab to the first result', async () => {
    await page.goto(`${server.url}/archiwum/`);
    await page.locator('[data-search-filters]:not([hidden])').waitFor();
    await page.getByLabel('Szukane słowa').focus();
    await page.keyboard.type('zablocie');
    await page.keyboard.press('Enter');
    await page.locator('[data-search-status]').filter({ hasText: 'Znaleziono' }).waitFor();
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

  it('has no axe violations, before and with results shown, nor on a type page', async () => {
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

  it('without JavaScript: says search needs it, lists every document, filters by type with links', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`${server.url}/archiwum/`);
    await expect(noJs.locator('[data-search-nojs]').isVisible()).resolves.toBe(true);
    expect(await noJs.locator('.report-list > li').count()).toBe(5);
    await noJs.getByRole('link', { name: /^Ekspertyza/ }).click();
    expect(new URL(noJs.url()).pathname).toBe('/archiwum/typ/ekspertyza/');
    expect(await noJs.locator('.report-list > li').allTextContents()).toEqual([expect.stringContaining('Wizyta studyjna w Łodzi')]);
    await context.close();
  });

  it('ships no JavaScript on content pages', async () => {
    const html = await readFile(join(site.dist, 'archiwum/wizyta-studyjna-lodz/index.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
  });
});
