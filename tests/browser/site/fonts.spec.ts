/**
 * Inter on a built page, checked in Chromium: every Polish letter is drawn
 * with Inter (asked of the renderer through the DevTools protocol, not
 * guessed from CSS), a Polish page fetches only the primary subsets, and a
 * letter outside them (Czech ř) fetches the full latin-ext fallback.
 *
 * The page is dist/ as the site project's server serves it (`npm run build`
 * first); each render opens a context of its own, so its cache starts empty.
 */
import { expect, test, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/fixture-site.ts';

const dist = join(projectRoot, 'dist');
const PAGE = '/';
const PANGRAM = 'Zażółć gęślą jaźń ZAŻÓŁĆ GĘŚLĄ JAŹŃ';
const PUNCTUATION = '„Cytat” i ‚cytat’ – myślnik — wielokropek… 5 € • 10:00–14:00 « » ‹ › m² 1 000 −3 °C';

test.beforeAll(() => {
  if (!existsSync(join(dist, 'index.html')) || !existsSync(join(dist, 'fonts'))) {
    throw new Error(`${dist} has no built site (index.html and fonts/ expected): run \`npm run build\` before this test.`);
  }
});

interface PlatformFont {
  familyName: string;
  postScriptName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/**
 * Opens `origin` + PAGE in a fresh context (empty cache), adds `texts` as
 * elements with the given ids, waits for every font load the layout starts,
 * and returns the font files fetched (as "role-weight-style") and the
 * platform fonts Chromium drew each element with.
 */
async function render(browser: Browser, origin: string, texts: { id: string; text: string; bold?: boolean }[]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.match(/\/fonts\/inter-(.+)\.[0-9a-f]{10}\.woff2$/)?.[1];
    if (name) fetched.push(name);
    else if (request.resourceType() === 'font') fetched.push(`unexpected: ${request.url()}`);
  });
  await page.goto(origin + PAGE, { waitUntil: 'load' });
  await page.evaluate(async (items) => {
    for (const { id, text, bold } of items) {
      const p = document.createElement('p');
      p.id = id;
      p.textContent = text;
      p.style.fontWeight = bold ? '700' : '400';
      document.querySelector('main')?.append(p);
      void p.offsetWidth; // lay out now, so the font loads it needs start before fonts.ready is read
    }
    await document.fonts.ready;
  }, texts);

  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const fonts: Record<string, PlatformFont[]> = {};
  for (const { id } of texts) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `#${id}` });
    fonts[id] = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts as PlatformFont[];
  }
  await context.close();
  if (process.env['FONTS_DEBUG']) console.log(JSON.stringify({ fetched, fonts }, null, 1));
  return { fetched: [...new Set(fetched)].sort(), fonts };
}

test.describe(`Inter on ${PAGE}`, () => {
  test('draws every Polish letter and punctuation mark in Inter, in both weights, from the primary subsets only', async ({ browser, baseURL }) => {
    const { fetched, fonts } = await render(browser, baseURL!, [
      { id: 'pangram-400', text: PANGRAM },
      { id: 'pangram-700', text: PANGRAM, bold: true },
      { id: 'punctuation-400', text: PUNCTUATION },
      { id: 'punctuation-700', text: PUNCTUATION, bold: true },
    ]);
    for (const [id, used] of Object.entries(fonts)) {
      expect(used, `${id}: fonts other than Inter`).toEqual(used.filter((f) => f.familyName === 'Inter' && f.isCustomFont));
      expect(used.length, `${id}: no platform font reported`).toBeGreaterThan(0);
    }
    // One glyph per character, spaces included, all counted under Inter.
    const total = (id: string) => (fonts[id] ?? []).reduce((n, f) => n + f.glyphCount, 0);
    for (const id of ['pangram-400', 'pangram-700']) expect(total(id), id).toBe([...PANGRAM].length);
    for (const id of ['punctuation-400', 'punctuation-700']) expect(total(id), id).toBe([...PUNCTUATION].length);
    expect(fonts['pangram-400']?.map((f) => f.postScriptName)).toEqual(['Inter-Regular']);
    expect(fonts['pangram-700']?.map((f) => f.postScriptName)).toEqual(['Inter-Bold']);
    expect(fetched).toEqual(['core-400-normal', 'core-700-normal', 'pl-400-normal', 'pl-700-normal']);
  });

  test('fetches the full latin-ext file only for a letter outside the primary subsets (ř), and still draws it in Inter', async ({ browser, baseURL }) => {
    const { fetched, fonts } = await render(browser, baseURL!, [
      { id: 'polish', text: PANGRAM },
      { id: 'czech', text: 'Antonín Dvořák, řeka' },
    ]);
    expect(fonts['czech']?.length).toBeGreaterThan(0);
    expect(fonts['czech']?.every((f) => f.familyName === 'Inter' && f.isCustomFont), JSON.stringify(fonts['czech'])).toBe(true);
    expect(fonts['czech']?.reduce((n, f) => n + f.glyphCount, 0)).toBe([...'Antonín Dvořák, řeka'].length);
    expect(fonts['polish']?.every((f) => f.familyName === 'Inter'), JSON.stringify(fonts['polish'])).toBe(true);
    expect(fetched).toContain('latin-ext-400-normal');
    expect(fetched).not.toContain('latin-400-normal');
    expect(fetched.filter((f) => f.startsWith('latin'))).toEqual(['latin-ext-400-normal']);
  });
});
