import { describe, expect, it } from 'vitest';
import { attachmentLinks, attachmentRecords, fileKey, textsByFile } from './attachment-records.ts';
import type { AttachmentText } from './attachment-types.ts';
import { documentHit, documentMeta, documentMetaWeights } from './results.ts';

/** A report page's search body as [id].astro renders it (SearchMeta's filters, the h1, marked links). */
const body = `<article data-pagefind-body>
  <span data-pagefind-filter="typ:Ekspertyza"></span><span data-pagefind-filter="rok:2020"></span>
  <span data-pagefind-filter="program:Wspólne Projekty Miejskie 2020"></span>
  <h1>Ekspertyza &amp; rekomendacje — Zabłocie</h1>
  <ul>
    <li><a href="/pliki/raport%20ko%C5%84cowy.pdf" data-attachment>Raport <em>końcowy</em></a></li>
    <li><a href="/pliki/notatka.docx" data-attachment="">Notatka</a></li>
    <li><a href="https://plikimpi.krakow.pl/zalacznik/1" data-attachment>Zewnętrzny</a></li>
    <li><a href="/pliki/inny.pdf">Bez znacznika</a></li>
    <li><a href="/pliki/skan.pdf" data-attachment>Skan</a></li>
  </ul>
</article>`;

const pdf: AttachmentText = {
  file: '/pliki/raport końcowy.pdf',
  sha256: 'a'.repeat(64),
  bytes: 1_234_567,
  format: 'pdf',
  parts: [
    { page: 1, text: 'Wstęp do raportu.' },
    { page: 2, text: '   ' },
    { page: 3, text: 'Zieleń osiedlowa w Łodzi i na Zabłociu.' },
  ],
  problem: { kind: 'pages-without-text', pages: [2] },
};
const docx: AttachmentText = {
  file: '/pliki/notatka.docx',
  sha256: 'b'.repeat(64),
  bytes: 20_400,
  format: 'docx',
  parts: [{ heading: 'Wnioski', text: 'Ławki przy parku.' }, { text: 'Bez nagłówka.' }],
};
const scan: AttachmentText = { file: '/pliki/skan.pdf', sha256: 'c'.repeat(64), bytes: 900_000, format: 'pdf', parts: [], problem: { kind: 'scan' } };
const texts = textsByFile([pdf, docx, scan]);

describe('attachmentLinks', () => {
  it('lists the marked links into /pliki/ with their text, in page order, and nothing else', () => {
    expect(attachmentLinks(body)).toEqual([
      { href: '/pliki/raport%20ko%C5%84cowy.pdf', title: 'Raport końcowy' },
      { href: '/pliki/notatka.docx', title: 'Notatka' },
      { href: '/pliki/skan.pdf', title: 'Skan' },
    ]);
  });
});

describe('fileKey', () => {
  it("reads the format the editor gave from the mark's value", () => {
    expect(attachmentLinks('<a href="/pliki/a.pdf" data-attachment="docx">A</a><a href="/pliki/b.pdf" data-attachment>B</a>')).toEqual([
      { href: '/pliki/a.pdf', title: 'A', format: 'docx' },
      { href: '/pliki/b.pdf', title: 'B' },
    ]);
  });

  it('matches a percent-encoded link to the file it names, without a fragment', () => {
    expect(fileKey('/pliki/raport%20ko%C5%84cowy.pdf#page=3')).toBe('/pliki/raport końcowy.pdf');
    expect(fileKey('/pliki/100%.pdf')).toBe('/pliki/100%.pdf');
  });
});

describe('attachmentRecords', () => {
  const records = attachmentRecords({ url: '/archiwum/ekspertyza-zablocie/', body }, texts);

  it('makes one record per PDF page with text, linking to the file at that page', () => {
    const pages = records.filter((r) => r.url.includes('.pdf'));
    expect(pages.map((r) => r.url)).toEqual(['/pliki/raport%20ko%C5%84cowy.pdf#page=1', '/pliki/raport%20ko%C5%84cowy.pdf#page=3']);
    expect(pages[1]).toMatchObject({
      content: 'Zieleń osiedlowa w Łodzi i na Zabłociu.',
      language: 'pl',
      meta: {
        document: 'Raport końcowy',
        page: '3',
        report: 'Ekspertyza & rekomendacje — Zabłocie',
        reportUrl: '/archiwum/ekspertyza-zablocie/',
        format: 'PDF',
        size: '1,2 MB',
      },
    });
  });

  it("gives each record the report's filters, and the one that marks a document record", () => {
    for (const record of records) expect(record.filters).toEqual({ typ: ['Ekspertyza'], rok: ['2020'], program: ['Wspólne Projekty Miejskie 2020'], zalacznik: ['tak'] });
  });

  it('folds the words Pagefind cannot (ł) into the same field as pages', () => {
    expect(records[1]!.meta['folded']?.split(' ')).toEqual(expect.arrayContaining(['lodzi', 'zablociu']));
    expect(records[0]!.meta['folded']).toBeUndefined();
  });

  it('makes office documents one record per section, each at an address of its own', () => {
    const sections = records.filter((r) => r.url.includes('.docx'));
    expect(sections.map((r) => [r.url, r.meta['section'], r.meta['part']])).toEqual([
      ['/pliki/notatka.docx#czesc-1', 'Wnioski', undefined],
      ['/pliki/notatka.docx#czesc-2', undefined, '2'],
    ]);
    expect(sections[0]!.meta).toMatchObject({ format: 'DOCX (Word)', size: '21 kB' });
  });

  it('makes no record of a scan, an external link or an unmarked link', () => {
    expect(records.some((r) => /skan|inny|http/.test(r.url))).toBe(false);
    expect(records).toHaveLength(4);
  });

  it("indexes a file two reports link to under each, at addresses of its own, with each report's filters", () => {
    const seen = new Map<string, number>();
    const first = attachmentRecords({ url: '/archiwum/a/', body }, texts, seen);
    const second = attachmentRecords({ url: '/archiwum/b/', body: body.replace('rok:2020', 'rok:2019') }, texts, seen);
    expect(first).toHaveLength(4);
    expect(second).toHaveLength(4);
    expect(new Set([...first, ...second].map((r) => r.url)).size).toBe(8);
    expect(second[0]!.url).toBe(`${first[0]!.url}&wpis=2`);
    expect(second.every((r) => r.meta[documentMeta.reportUrl] === '/archiwum/b/')).toBe(true);
    expect(second[0]!.filters['rok']).toEqual(['2019']);
    expect(documentHit(second[0]!.url, second[0]!.meta)!.fileUrl).toBe(first[0]!.url);
  });

  it('makes nothing of a page without marked links', () => {
    expect(attachmentRecords({ url: '/x/', body: '<article data-pagefind-body><h1>X</h1></article>' }, texts)).toEqual([]);
  });

  it('labels weigh nothing in the ranking, and the folded words keep their weight', () => {
    for (const name of Object.keys(records[1]!.meta)) {
      if (name === 'folded') expect(documentMetaWeights[name]).toBeUndefined();
      else expect(documentMetaWeights[name], name).toBe(0);
    }
  });
});

describe('documentHit', () => {
  const [first, , section, part] = attachmentRecords({ url: '/archiwum/r/', body }, texts);

  it('says which document and page, the file at that page, its format and size, and the report', () => {
    expect(documentHit(first!.url, first!.meta)).toEqual({
      label: 'Raport końcowy, strona 1',
      fileUrl: '/pliki/raport%20ko%C5%84cowy.pdf#page=1',
      fileFacts: 'PDF, 1,2 MB',
      reportTitle: 'Ekspertyza & rekomendacje — Zabłocie',
      reportUrl: '/archiwum/r/',
    });
  });

  it("names an office document's section, and links to the file without the section marker", () => {
    expect(documentHit(section!.url, section!.meta)).toMatchObject({ label: 'Notatka, część „Wnioski”', fileUrl: '/pliki/notatka.docx' });
    expect(documentHit(part!.url, part!.meta)).toMatchObject({ label: 'Notatka, część 2', fileUrl: '/pliki/notatka.docx' });
  });

  it('is undefined for an ordinary page', () => {
    expect(documentHit('/archiwum/r/', { title: 'Raport' })).toBeUndefined();
  });
});
