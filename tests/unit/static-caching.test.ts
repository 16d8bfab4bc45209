/**
 * Which paths are cached for a year as immutable (src/server/static-files.ts
 * `cacheControlFor`), and netlify.toml saying the same for Netlify's CDN.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheControlFor, immutableCaching, revalidatedCaching } from '../../src/server/static-files.ts';

/** Names as the build writes them (Vite, src/fonts/generate.ts, Pagefind 1.x, esbuild's chunkNames). */
const fingerprintedPaths = [
  '/_astro/BaseLayout.BIJz4PWR.css',
  '/_astro/ArchiveSearch.astro_astro_type_script_index_0_lang.bU4dBriT.js',
  '/fonts/inter-latin-ext-400-normal.6744a7f509.woff2',
  '/pagefind/pagefind.pl_34cc83832f.pf_meta',
  '/pagefind/index/pl_2241aad.pf_index',
  '/pagefind/fragment/pl_1378bcd.pf_fragment',
  '/pagefind/filter/pl_676245d.pf_filter',
  // A part of an index built in parts (src/search/index-parts.ts).
  '/pagefind/czesc-2/pagefind.pl_34cc83832f.pf_meta',
  '/pagefind/czesc-2/index/pl_2241aad.pf_index',
  '/pagefind/czesc-2/fragment/pl_1378bcd.pf_fragment',
  '/skrypty/weryfikator-H6TISY2I.js',
];

/** Names that stay the same when their content changes. */
const plainPaths = [
  '/',
  '/index.html',
  '/konsultacje/park/index.html',
  '/favicon.svg',
  '/kalendarz.ics',
  '/sitemap-index.xml',
  '/pagefind/pagefind.js',
  '/pagefind/pagefind-entry.json',
  '/pagefind/wasm.pl.pagefind',
  '/panel/panel.js',
  '/skrypty/weryfikator-losowania.js',
  '/admin/decap/decap-cms.js',
  '/fonts/inter.woff2',
  '/_astrox/plik.css',
];

describe('caching of static files', () => {
  it.each(fingerprintedPaths)('caches %s for a year, immutable', (path) => expect(cacheControlFor(path)).toBe(immutableCaching));
  it.each(plainPaths)('revalidates %s', (path) => expect(cacheControlFor(path)).toBe(revalidatedCaching));

  it('matches netlify.toml: every immutable rule there covers only fingerprinted paths, and each fingerprinted folder has one', () => {
    const toml = readFileSync(join(import.meta.dirname, '../../netlify.toml'), 'utf8');
    const blocks = toml.split('[[headers]]').slice(1);
    const rules = blocks.map((block) => ({ pattern: /for = "([^"]+)"/.exec(block)?.[1] ?? '', value: /Cache-Control = "([^"]+)"/.exec(block)?.[1] ?? '' }));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.value).toBe(immutableCaching);
    const covers = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(path);
    // Netlify's /fonts/* trusts that every file there is named by its hash (tests/built/fingerprinted-assets.test.ts checks dist/fonts/).
    for (const path of plainPaths.filter((p) => !p.startsWith('/fonts/'))) expect(rules.filter((r) => covers(r.pattern, path)), path).toEqual([]);
    for (const folder of ['/_astro/', '/fonts/', '/pagefind/index/', '/pagefind/fragment/', '/pagefind/filter/']) {
      const example = fingerprintedPaths.find((path) => path.startsWith(folder))!;
      expect(rules.some((r) => covers(r.pattern, example)), folder).toBe(true);
    }
  });
});
