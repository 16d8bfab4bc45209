import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultPagesPerPart, pagesInEachPart, pagesPerPartFrom, parseIndexParts, partFolder, partPagesVariable } from './index-parts.ts';
import { renamePages } from './compact-ids.ts';
import { indexSite } from './pagefind.ts';

describe('pagesInEachPart', () => {
  it('keeps a site within the part size in one part, and evens out the parts of a larger one', () => {
    expect(pagesInEachPart(10, 10)).toBe(10);
    expect(pagesInEachPart(10, 4)).toBe(4);
    expect(pagesInEachPart(52_039, 20_000)).toBe(17_347);
    expect(pagesInEachPart(0, 5)).toBe(1);
  });
  it('never exceeds the part size, and needs no more parts than the size allows', () => {
    for (let files = 1; files <= 200; files++) {
      for (const size of [1, 2, 7, 20, 64]) {
        const each = pagesInEachPart(files, size);
        expect(each).toBeLessThanOrEqual(size);
        expect(Math.ceil(files / each)).toBe(Math.ceil(files / size));
      }
    }
  });
  it('refuses a part size below one', () => {
    expect(() => pagesInEachPart(1, 0)).toThrow('Część indeksu musi mieć co najmniej jedną stronę.');
  });
});

describe('pagesPerPartFrom', () => {
  it('reads a positive whole number from the environment, else the default', () => {
    expect(pagesPerPartFrom({})).toBe(defaultPagesPerPart);
    expect(pagesPerPartFrom({ [partPagesVariable]: '' })).toBe(defaultPagesPerPart);
    expect(pagesPerPartFrom({ [partPagesVariable]: '250' })).toBe(250);
    for (const bad of ['0', '-3', '2.5', 'dużo']) {
      expect(() => pagesPerPartFrom({ [partPagesVariable]: bad })).toThrow(`${partPagesVariable} musi być dodatnią liczbą całkowitą, a jest „${bad}”.`);
    }
  });
});

describe('parseIndexParts', () => {
  it('accepts the folders of the parts after the first, and nothing that leads elsewhere', () => {
    expect(parseIndexParts([])).toEqual([]);
    expect(parseIndexParts([partFolder(1), partFolder(12)])).toEqual(['czesc-1/', 'czesc-12/']);
    for (const bad of [null, {}, ['czesc-0/'], ['czesc-1'], ['../czesc-1/'], ['https://example.com/'], [1]]) {
      expect(() => parseIndexParts(bad)).toThrow('Lista części indeksu wyszukiwarki ma nieprawidłową postać.');
    }
  });
});

describe('indexSite in parts, on pages Pagefind really indexes', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  const page = (i: number) => `<!doctype html><html lang="pl"><head><title>x</title></head><body><nav>Menu</nav>
<article data-pagefind-body><span data-pagefind-filter="typ:${i % 2 ? 'Ekspertyza' : 'Raport'}"></span><h1>Raport ${i}</h1><p>Spotkanie w Łodzi numer ${i}.</p></article></body></html>`;

  it('writes one bundle per part, the later ones without scripts, with the list of parts and every part’s filter counts', async () => {
    const site = await mkdtemp(join(tmpdir(), 'wspolnie-parts-'));
    folders.push(site);
    for (let i = 0; i < 7; i++) {
      await mkdir(join(site, 'archiwum', `r-${i}`), { recursive: true });
      await writeFile(join(site, 'archiwum', `r-${i}`, 'index.html'), page(i));
    }
    // Not searchable, and first in path order: counted in the site's files, never in a part (whose first page would lack an index).
    for (const name of ['404.html', 'a.html', 'b.html']) await writeFile(join(site, name), '<!doctype html><html lang="pl"><body><p>Start</p></body></html>');

    // 10 files at 4 a part: up to 3 parts of ceil(10 / 3) = 4 searchable pages; the 7 fill two (4 and 3).
    const result = await indexSite(site, undefined, { pagesPerPart: 4 });
    expect(result).toMatchObject({ pages: 7, parts: 2, compact: { compacted: true, pages: 7 } });
    const out = join(site, 'pagefind');
    expect(JSON.parse(await readFile(join(out, 'czesci.json'), 'utf8'))).toEqual(['czesc-1/']);
    expect(JSON.parse(await readFile(join(out, 'filtry.json'), 'utf8'))).toEqual({ typ: { Raport: 4, Ekspertyza: 3 } });
    const first = await readdir(out);
    expect(first).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'wasm.pl.pagefind', 'pagefind-entry.json', 'czesc-1']));
    expect(first).not.toContain('czesc-2');
    const urls: string[] = [];
    const perBundle: number[] = [];
    for (const bundle of [out, join(out, 'czesc-1')]) {
      const files = await readdir(bundle);
      if (bundle !== out) expect(files.filter((f) => !['index', 'fragment', 'filter'].includes(f)).map((f) => f.replace(/_[0-9a-f]+\./, '_*.'))).toEqual(expect.arrayContaining(['pagefind-entry.json', 'pagefind.pl_*.pf_meta']));
      if (bundle !== out) expect(files).toHaveLength(5);
      const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: { pl: { hash: string } } };
      const meta = renamePages(gunzipSync(await readFile(join(bundle, `pagefind.${entry.languages.pl.hash}.pf_meta`))), String);
      if ('reason' in meta) throw new Error(meta.reason);
      perBundle.push(meta.names.length);
      for (const [name] of meta.names) {
        expect(name).toMatch(/^p_[0-9a-f]{8}[0-9a-f]{5}$/);
        const fragment = JSON.parse(gunzipSync(await readFile(join(bundle, 'fragment', `${name}.pf_fragment`))).subarray(12).toString('utf8')) as { url: string };
        urls.push(fragment.url);
      }
    }
    expect(perBundle).toEqual([4, 3]);
    // Every searchable page in exactly one part.
    expect(urls.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `/archiwum/r-${i}/`));
  });

  it('writes a single bundle and an empty list below the part size, replacing an older index', async () => {
    const site = await mkdtemp(join(tmpdir(), 'wspolnie-parts-'));
    folders.push(site);
    await mkdir(join(site, 'pagefind', 'czesc-1'), { recursive: true });
    await writeFile(join(site, 'pagefind', 'czesc-1', 'stary.txt'), 'z poprzedniego indeksu');
    await mkdir(join(site, 'a'));
    await writeFile(join(site, 'a', 'index.html'), page(1));
    expect(await indexSite(site, undefined, { pagesPerPart: 3 })).toMatchObject({ pages: 1, parts: 1 });
    expect(JSON.parse(await readFile(join(site, 'pagefind', 'czesci.json'), 'utf8'))).toEqual([]);
    expect((await readdir(join(site, 'pagefind'))).some((f) => f.startsWith('czesc-'))).toBe(false);
  });
});
