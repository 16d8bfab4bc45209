/**
 * Searching inside attachments (issue 15), end to end without a browser: a
 * tiny built site (two report pages as [id].astro renders them, and `pliki/`
 * with fixture documents made by tests/support/documents.ts) goes through
 * the build's last step (finishBuild: extraction, index, compression), then
 * the index it wrote is searched with Pagefind's own browser bundle, loaded
 * in Node and fetching from a static server, with the options and the
 * filtering of the archive's script (browser.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishBuild } from '../../src/integrations/finish-build.ts';
import { documentFilter, documentHit, documentMetaWeights } from '../../src/search/results.ts';
import { makeDocx, makeOdt, makePdf, makeScannedPdf, truncated } from '../support/documents.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

interface Data {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}
interface Bundle {
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string | null, o?: { filters?: Record<string, unknown> }): Promise<{ results: { score: number; data(): Promise<Data> }[] }>;
}

/** A report page's HTML as [id].astro renders it: filters, h1, the stored files' links marked, an external one not. */
function reportPage(title: string, type: string, year: string, files: [href: string, title: string, format?: string][]): string {
  const links = files.map(([href, name, format = '']) => `<li><a href="${href}" data-attachment="${format}">${name}</a> <span class="meta">(PDF)</span></li>`).join('');
  return `<!doctype html><html lang="pl"><head><title>${title}</title></head><body><header>Wspólnie</header>
<article data-pagefind-body><span data-pagefind-filter="typ:${type}"></span><span data-pagefind-filter="rok:${year}"></span>
<h1>${title}</h1><p class="lead">Streszczenie dokumentu o budżecie.</p>
<section><h2>Pliki do pobrania</h2><ul>${links}
<li><a href="https://plikimpi.krakow.pl/zalacznik/1">Zewnętrzny</a> <span class="meta" data-pagefind-ignore>Wyszukiwarka archiwum nie przeszukuje treści tego pliku.</span></li></ul></section>
</article></body></html>`;
}

const filler = (n: number) => [`Strona ${n} raportu końcowego.`, 'Omówienie ankiet i spotkań z mieszkańcami dzielnicy.'];

let dir: string;
let cache: string;
let server: StaticServer;
let pagefind: Bundle;
const log: string[] = [];
let build: Awaited<ReturnType<typeof finishBuild>>;

/** Searches as the archive's script does: its ranking, a hit only through a document's labels dropped, filters alone without document records. */
async function search(query: string, filters: Record<string, string[]> = {}): Promise<Data[]> {
  const found = await pagefind.search(query || null, { filters: query ? filters : { ...filters, not: { [documentFilter]: ['tak'] } } });
  const data = await Promise.all(found.results.filter((r) => !query || r.score > 0).map((r) => r.data()));
  return data.map((d) => ({ ...d, url: d.url.replace(server.url, '') }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wspolnie-attachments-'));
  cache = await mkdtemp(join(tmpdir(), 'wspolnie-attachments-cache-'));
  const write = async (path: string, content: string | Uint8Array) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  };
  // The phrase is on page 3 of five, and nowhere else.
  const report = await makePdf([filler(1), filler(2), ['Rekomendacja: zieleń osiedlowa przy ulicy Łąkowej.'], filler(4), filler(5)]);
  await write('pliki/raport koncowy.pdf', report);
  await write('pliki/notatka.docx', await makeDocx([{ heading: 'Wnioski', paragraphs: ['Ławki w parku Bednarskiego wymagają naprawy.'] }]));
  await write('pliki/protokol.odt', makeOdt([{ heading: 'Protokół', paragraphs: ['Zieleń osiedlowa na Prokocimiu.'] }]));
  await write('pliki/skan.pdf', await makeScannedPdf(2));
  await write('pliki/uszkodzony.pdf', truncated(report, 0.3));
  await write('archiwum/ekspertyza-zablocie/index.html', reportPage('Ekspertyza dla Zabłocia', 'Ekspertyza', '2020', [
    ['/pliki/raport%20koncowy.pdf', 'Raport końcowy', 'pdf'],
    // The editor said PDF; the file is a Word document.
    ['/pliki/notatka.docx', 'Notatka', 'pdf'],
    ['/pliki/skan.pdf', 'Skan uchwały'],
    ['/pliki/uszkodzony.pdf', 'Uszkodzony plik'],
  ]));
  await write('archiwum/podsumowanie-prokocim/index.html', reportPage('Podsumowanie Prokocimia', 'Podsumowanie', '2021', [
    ['/pliki/protokol.odt', 'Protokół spotkania'],
    ['/pliki/nie-ma-takiego.pdf', 'Zaginiony aneks'],
  ]));
  // Stored, but no report has it as an attachment.
  await write('pliki/sierota.docx', await makeDocx([{ heading: 'Notatka', paragraphs: ['Nikt nie dołączył tej notatki.'] }]));
  build = await finishBuild(dir, (line) => log.push(line), { attachmentCacheDir: cache });
  server = await serveStatic(dir);
  pagefind = (await import(join(dir, 'pagefind/pagefind.js'))) as Bundle;
  await pagefind.options({ basePath: `${server.url}/pagefind/`, excerptLength: 30, ranking: { metaWeights: documentMetaWeights } });
}, 120_000);

afterAll(async () => {
  await server?.close();
  for (const folder of [dir, cache]) if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a built site with attachments', () => {
  it('indexes the pages of the readable documents beside the report pages', () => {
    // Five PDF pages, one DOCX section, one ODT section.
    expect(build).toMatchObject({ pages: 2, documentRecords: 7, documents: 3 });
  });

  it('brings the page a phrase is on first, as "strona N", linking to the file at that page and to its report', async () => {
    const [first] = await search('zieleń osiedlowa przy ulicy Łąkowej');
    expect(first!.url).toBe('/pliki/raport%20koncowy.pdf#page=3');
    expect(documentHit(first!.url, first!.meta)).toEqual({
      label: 'Raport końcowy, strona 3',
      fileUrl: '/pliki/raport%20koncowy.pdf#page=3',
      fileFacts: expect.stringMatching(/^PDF, \d+ kB$/),
      reportTitle: 'Ekspertyza dla Zabłocia',
      reportUrl: '/archiwum/ekspertyza-zablocie/',
    });
    expect(first!.excerpt).toContain('<mark>zieleń</mark>');
  });

  it('finds the same phrase typed without Polish letters, ł included', async () => {
    expect((await search('zielen osiedlowa przy ulicy lakowej'))[0]!.url).toBe('/pliki/raport%20koncowy.pdf#page=3');
    expect((await search('lakowej')).map((d) => d.url)).toEqual(['/pliki/raport%20koncowy.pdf#page=3']);
    expect((await search('lawki bednarskiego')).map((d) => d.url)).toEqual(['/pliki/notatka.docx']);
  });

  it("applies the report's filters to its documents", async () => {
    const all = (await search('zielen osiedlowa')).map((d) => d.url);
    expect(all).toEqual(expect.arrayContaining(['/pliki/raport%20koncowy.pdf#page=3', '/pliki/protokol.odt']));
    expect((await search('zielen osiedlowa', { typ: ['Podsumowanie'] })).map((d) => d.url)).toEqual(['/pliki/protokol.odt']);
    expect((await search('zielen osiedlowa', { rok: ['2020'] })).map((d) => d.url)).toEqual(['/pliki/raport%20koncowy.pdf#page=3']);
  });

  it("does not list a document's pages for words only in its labels (the report's title)", async () => {
    expect((await search('zabłocia')).map((d) => d.url)).toEqual(['/archiwum/ekspertyza-zablocie/']);
  });

  it('filters alone list the entries, as the filter choices count them, not the pages of their documents', async () => {
    const counts = (await (await fetch(`${server.url}/pagefind/filtry.json`)).json()) as Record<string, Record<string, number>>;
    expect(counts['typ']).toEqual({ Ekspertyza: 1, Podsumowanie: 1 });
    expect(counts[documentFilter]).toBeUndefined();
    expect((await search('', { typ: ['Ekspertyza'] })).map((d) => d.url)).toEqual(['/archiwum/ekspertyza-zablocie/']);
    // Without the exclusion, Pagefind would list the report's six document records too.
    expect((await pagefind.search(null, { filters: { typ: ['Ekspertyza'] } })).results).toHaveLength(7);
  });

  it('names a link to a stored file that is missing, a stored document no report has as an attachment, and a wrong format', () => {
    expect(log).toContain('Strona /archiwum/podsumowanie-prokocim/ odsyła do pliku /pliki/nie-ma-takiego.pdf, którego nie ma w folderze plików (public/pliki/): mieszkańcy zobaczą błąd 404. Wgraj plik albo popraw link.');
    expect(log).toContain('Plik /pliki/sierota.docx nie jest załącznikiem żadnego wpisu archiwum, więc wyszukiwarka go nie pokaże. Dodaj go do wpisu albo usuń z folderu plików.');
    expect(log.filter((l) => l.includes('nie jest załącznikiem'))).toHaveLength(1);
    // A format field that is not the file's own; the one that is says nothing.
    expect(log).toContain('Strona /archiwum/ekspertyza-zablocie/ podaje format PDF pliku /pliki/notatka.docx, a to plik DOCX (Word): popraw pole „Format”, żeby mieszkańcy wiedzieli, co pobierają.');
    expect(log.filter((l) => l.includes('podaje format'))).toHaveLength(1);
  });

  it('lists the scan and the damaged file in the log, in Polish, and the build succeeds', () => {
    expect(log.find((l) => l.includes('/pliki/skan.pdf'))).toMatch(/skan bez warstwy tekstowej/);
    expect(log.find((l) => l.includes('/pliki/uszkodzony.pdf'))).toMatch(/^Nie udało się odczytać pliku/);
    expect(log).toContainEqual(expect.stringMatching(/^Tekst załączników: 6 plików, 5 stron, \d+ ms \(z pamięci podręcznej: 0\)$/));
  });

  it('reads nothing again on a rebuild with nothing changed', async () => {
    const again: string[] = [];
    await finishBuild(dir, (line) => again.push(line), { attachmentCacheDir: cache });
    expect(again).toContainEqual(expect.stringMatching(/^Tekst załączników: 6 plików, 5 stron, \d+ ms \(z pamięci podręcznej: 6\)$/));
  });
});
