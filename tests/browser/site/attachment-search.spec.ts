/**
 * The archive search finds text inside stored attachments (issue 15), in
 * Chromium: document hits show their page, keyboard only, axe 0.
 *
 * The site: a copy of the project's own build (dist/, built before the
 * browser tests; projectBuildCopy) with one report page more and its files,
 * re-indexed as the build indexes (indexWithAttachments) and
 * served by a static server of its own. The page is a real report page of
 * that build (rendered by src/pages/archiwum/[id].astro: the frame, styles
 * and scripts as built) whose article is replaced by a fixture report linking
 * PDF, DOCX and scanned files made by tests/support/documents.ts. This costs
 * a copy and an index (seconds), not an Astro build of a fixture project
 * (minutes) for content the real archive does not have yet (a stored file).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { indexWithAttachments } from '../../../src/integrations/finish-build.ts';
import { searchArchive, searchFromKeyboard } from '../../support/archive-search.ts';
import { makeDocx, makePdf, makeScannedPdf } from '../../support/documents.ts';
import { projectBuildCopy, type FixtureSite } from '../../support/fixture-site.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

// A real report page of the build, with an external attachment (the note beside it is checked too).
const realReport = 'archiwum/wspolne-projekty-2020-ekspertyza/index.html';
const reportUrl = '/archiwum/rekomendacje-zielen-osiedlowa/';

const article = `<article data-pagefind-body>
<span data-pagefind-filter="typ:Rekomendacje"></span><span data-pagefind-filter="rok:2023"></span>
<p class="meta">Rekomendacje · <time datetime="2023-05-10">10 maja 2023</time></p>
<h1>Rekomendacje dla osiedli Nowej Huty</h1>
<p class="lead">Podsumowanie spacerów badawczych z mieszkańcami.</p>
<section aria-labelledby="pliki"><h2 id="pliki">Pliki do pobrania</h2><ul class="attachments">
<li><a href="/pliki/raport-koncowy.pdf" data-attachment>Raport końcowy</a><span class="meta"> (PDF)</span></li>
<li><a href="/pliki/notatka.docx" data-attachment>Notatka ze spotkania</a><span class="meta"> (DOCX (Word))</span></li>
<li><a href="/pliki/skan.pdf" data-attachment>Skan listy obecności</a><span class="meta"> (PDF)</span></li>
</ul></section>
</article>`;

test.describe('document hits in the archive search', () => {
  // In order, in one worker: the site is prepared once for all of them.
  test.describe.configure({ mode: 'default' });

  let site: FixtureSite;
  let server: StaticServer;
  const log: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    site = await projectBuildCopy('wspolnie-attachment-search-');
    const real = await readFile(join(site.dist, realReport), 'utf8');
    expect(real).toContain('Wyszukiwarka archiwum nie przeszukuje treści tego pliku.');
    const page = real.replace(/<article data-pagefind-body>[\s\S]*<\/article>/, article).replace(/<title>[^<]*</, '<title>Rekomendacje dla osiedli Nowej Huty | Wspólnie<');
    await mkdir(join(site.dist, reportUrl), { recursive: true });
    await writeFile(join(site.dist, reportUrl, 'index.html'), page);
    await mkdir(join(site.dist, 'pliki'), { recursive: true });
    const filler = (n: number) => [`Strona ${n}.`, 'Omówienie spacerów badawczych i ankiet.'];
    await writeFile(join(site.dist, 'pliki/raport-koncowy.pdf'), await makePdf([filler(1), filler(2), filler(3), ['Zieleń osiedlowa przy ulicy Łąkowej wymaga nowych nasadzeń.'], filler(5)]));
    await writeFile(join(site.dist, 'pliki/notatka.docx'), await makeDocx([{ heading: 'Ustalenia', paragraphs: ['Ławki na skwerze Ptaszyckiego zostaną naprawione.'] }]));
    await writeFile(join(site.dist, 'pliki/skan.pdf'), await makeScannedPdf(1));
    await indexWithAttachments(site.dist, undefined, (line) => log.push(line), join(site.root, 'cache'));
    server = await serveStatic(site.dist);
  });
  test.afterAll(async () => {
    await server?.close();
    await site?.remove();
  });

  test('the scan is reported when the site is indexed', () => {
    expect(log.find((line) => line.includes('/pliki/skan.pdf'))).toMatch(/skan bez warstwy tekstowej/);
  });

  test('a phrase from page 4, typed without Polish letters, brings that page first: document, page, excerpt, file, report', async ({ page }) => {
    const { status, results } = await searchArchive(page, server.url, 'zielen osiedlowa lakowej');
    expect(status).toMatch(/^Znaleziono \d+ wynik/);
    const first = page.locator('[data-search-list] > li').first();
    await expect(first.getByRole('link', { name: 'Raport końcowy, strona 4' })).toHaveAttribute('href', '/pliki/raport-koncowy.pdf#page=4');
    await expect(first.locator('h3')).toContainText(/\(PDF, \d+ kB\)/);
    await expect(first.getByRole('link', { name: 'Rekomendacje dla osiedli Nowej Huty' })).toHaveAttribute('href', reportUrl);
    expect(results[0]!.text).toContain('Raport końcowy, strona 4: ');
    expect(results[0]!.marked.map((m) => m.toLowerCase())).toContain('zieleń');
    // A word Pagefind cannot fold (ł) is found through the folded field, and marked as the document spells it.
    const { results: byFolded } = await searchArchive(page, server.url, 'lakowej');
    expect(byFolded[0]!.href).toBe('/pliki/raport-koncowy.pdf#page=4');
    expect(byFolded[0]!.marked).toEqual(['Łąkowej']);
    // The file is there, at the address the hit links to.
    expect((await page.request.get(`${server.url}/pliki/raport-koncowy.pdf`)).status()).toBe(200);
  });

  test('an office document hit names its section and links to the file', async ({ page }) => {
    await searchArchive(page, server.url, 'lawki ptaszyckiego');
    const first = page.locator('[data-search-list] > li').first();
    await expect(first.getByRole('link', { name: 'Notatka ze spotkania, część „Ustalenia”' })).toHaveAttribute('href', '/pliki/notatka.docx');
    await expect(first.locator('h3')).toContainText('(DOCX (Word), ');
  });

  test('works from the keyboard: type, Enter, Tab to the page of the document, Tab to its report, Enter opens the report', async ({ page }) => {
    await searchFromKeyboard(page, server.url, 'nasadzen');
    // Submit, the three filters, then the first hit's file link and its report link.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAttribute('href', '/pliki/raport-koncowy.pdf#page=4');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAttribute('href', reportUrl);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === reportUrl);
    await expect(page.locator('h1')).toHaveText('Rekomendacje dla osiedli Nowej Huty');
  });

  test('a search by filters alone lists the report, not the pages of its documents', async ({ page }) => {
    const { results } = await searchArchive(page, server.url, '', { rok: '2023' });
    const hrefs = results.map((r) => r.href);
    expect(hrefs).toContain(reportUrl);
    expect(hrefs.filter((h) => h.startsWith('/pliki/'))).toEqual([]);
  });

  test('has no axe violations with document hits shown', async ({ page }) => {
    await searchArchive(page, server.url, 'zielen osiedlowa');
    await expect(page.locator('[data-search-list] a[href$="#page=4"]')).toHaveCount(1);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  });
});
