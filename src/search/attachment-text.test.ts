import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { greyPng, makeDocx, makeOdt, makePdf, makeScannedPdf, truncated } from '../../tests/support/documents.ts';
import { accessibilityLaw, extractAttachment, extractorVersion, minLettersPerPage, problemSentence, sniffFormat } from './attachment-text.ts';
import type { AttachmentText } from './attachment-types.ts';

const filler = (n: number) => `Strona ${n} sprawozdania z konsultacji budżetu obywatelskiego, wnioski mieszkańców.`;
const phrase = 'zieleń osiedlowa przy ulicy Łąkowej';
let report: Uint8Array;

beforeAll(async () => {
  report = await makePdf([[filler(1)], [filler(2), 'Drugi   wiersz,', 'z odstępami.'], [filler(3), `Wniosek: ${phrase}.`], [filler(4)]]);
});

describe('extractAttachment: PDF', () => {
  it('gives one part per page, counted from 1, with the Polish letters and whitespace collapsed', async () => {
    const text = await extractAttachment('/pliki/raport.pdf', report);
    expect(text.format).toBe('pdf');
    expect(text.problem).toBeUndefined();
    expect(text.parts.map((part) => part.page)).toEqual([1, 2, 3, 4]);
    expect(text.parts[1]!.text).toBe(`${filler(2)} Drugi wiersz, z odstępami.`);
    const withPhrase = text.parts.filter((part) => part.text.includes(phrase));
    expect(withPhrase.map((part) => part.page)).toEqual([3]);
  });

  it('keeps the served path, the size and the SHA-256 of the bytes', async () => {
    const text = await extractAttachment('/pliki/raport.pdf', report);
    expect(text.file).toBe('/pliki/raport.pdf');
    expect(text.bytes).toBe(report.length);
    expect(text.sha256).toBe(createHash('sha256').update(report).digest('hex'));
  });

  it('reads the format from the content, not the name', async () => {
    const text = await extractAttachment('/pliki/raport.docx', report);
    expect(text.format).toBe('pdf');
    expect(text.parts).toHaveLength(4);
  });

  it('calls a PDF whose pages are all images a scan, with no parts', async () => {
    const text = await extractAttachment('/pliki/skan.pdf', await makeScannedPdf(3));
    expect(text).toMatchObject({ format: 'pdf', parts: [], problem: { kind: 'scan' } });
  });

  it('lists the pages that are images when the others have text', async () => {
    const lines = new Map([[1, [filler(1)]], [3, [filler(3)]]]);
    const text = await extractAttachment('/pliki/czesc.pdf', await makeScannedPdf(4, lines));
    expect(text.problem).toEqual({ kind: 'pages-without-text', pages: [2, 4] });
    expect(text.parts.map((part) => part.page)).toEqual([1, 3]);
  });

  it(`does not count a blank page, or a short title page without an image (< ${minLettersPerPage} letters), as missing text`, async () => {
    const text = await extractAttachment('/pliki/z-tytulem.pdf', await makePdf([['Załącznik nr 1'], [filler(2)], []]));
    expect(text.problem).toBeUndefined();
    expect(text.parts).toEqual([
      { page: 1, text: 'Załącznik nr 1' },
      { page: 2, text: filler(2) },
    ]);
  });

  it('reports a truncated PDF as damaged, in Polish, without throwing', async () => {
    const text = await extractAttachment('/pliki/uciety.pdf', truncated(report));
    expect(text.format).toBe('pdf');
    expect(text.parts).toEqual([]);
    expect(text.problem?.kind).toBe('damaged');
    expect(text.problem).toMatchObject({ detail: expect.stringMatching(/^uszkodzona struktura pliku PDF/) });
  });

  it('reports a PDF that needs a password as encrypted', async () => {
    const locked = await makePdf([[filler(1)]], { userPassword: 'tajne', ownerPassword: 'jeszcze-bardziej', pdfVersion: '1.7' });
    const text = await extractAttachment('/pliki/haslo.pdf', locked);
    expect(text).toMatchObject({ format: 'pdf', parts: [], problem: { kind: 'encrypted' } });
  });
});

describe('extractAttachment: office documents', () => {
  const sections = [
    { heading: 'Wprowadzenie', paragraphs: ['Raport opisuje konsultacje w Nowej Hucie.', 'Drugi akapit wstępu.'] },
    { heading: 'Wnioski', paragraphs: [`Mieszkańcy chcą, by ${phrase} została zachowana.`] },
  ];

  it('splits a DOCX at its headings, each part beginning with its heading', async () => {
    const text = await extractAttachment('/pliki/raport.docx', await makeDocx(sections));
    expect(text.format).toBe('docx');
    expect(text.problem).toBeUndefined();
    expect(text.parts).toEqual([
      { heading: 'Wprowadzenie', text: 'Wprowadzenie Raport opisuje konsultacje w Nowej Hucie. Drugi akapit wstępu.' },
      { heading: 'Wnioski', text: `Wnioski Mieszkańcy chcą, by ${phrase} została zachowana.` },
    ]);
  });

  it('splits an ODT at its headings', async () => {
    const text = await extractAttachment('/pliki/raport.odt', makeOdt(sections));
    expect(text.format).toBe('odt');
    expect(text.parts.map((part) => part.heading)).toEqual(['Wprowadzenie', 'Wnioski']);
    expect(text.parts[1]!.text).toContain(phrase);
  });

  it('keeps the text before the first heading as a part without one', async () => {
    const text = await extractAttachment('/pliki/bez-naglowka.odt', makeOdt([{ heading: '', paragraphs: ['Sam tekst, bez nagłówka.'] }]));
    expect(text.parts).toEqual([{ text: 'Sam tekst, bez nagłówka.' }]);
  });

  it('reports a truncated DOCX as damaged', async () => {
    const text = await extractAttachment('/pliki/uciety.docx', truncated(await makeDocx(sections), 0.6));
    expect(text.format).toBe('docx');
    expect(text.problem).toMatchObject({ kind: 'damaged', detail: expect.stringContaining('DOCX') });
  });
});

describe('extractAttachment: other files', () => {
  it('calls images and plain bytes unsupported, and an empty file damaged', async () => {
    for (const bytes of [greyPng(), new TextEncoder().encode('zwykły tekst'), new Uint8Array([0x50, 0x4b, 0x03, 0x04])]) {
      const text = await extractAttachment('/pliki/plik', bytes);
      expect(text).toMatchObject({ format: undefined, parts: [], problem: { kind: 'unsupported' } });
    }
    expect(await extractAttachment('/pliki/pusty.pdf', new Uint8Array(0))).toMatchObject({ parts: [], problem: { kind: 'damaged', detail: 'plik jest pusty (0 bajtów)' } });
  });

  it('tells a PDF of blank pages from a scan, and takes a short one-line document as it is', async () => {
    const blank = await extractAttachment('/pliki/puste.pdf', await makePdf([[], []]));
    expect(blank.problem).toEqual({ kind: 'no-text' });
    expect(problemSentence(blank)).toMatch(/^Plik \/pliki\/puste\.pdf nie zawiera tekstu do przeszukania/);
    const short = await extractAttachment('/pliki/krotki.pdf', await makePdf([['Raport końcowy']]));
    expect(short.problem).toBeUndefined();
    expect(short.parts).toEqual([{ page: 1, text: 'Raport końcowy' }]);
  });

  it('recognises a password-protected Word file (an OLE file with an EncryptedPackage stream) as encrypted', async () => {
    // The first bytes of such a file: the compound file signature, then (further on) the stream's UTF-16 name.
    const bytes = new Uint8Array([...[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], ...new Uint8Array(504), ...Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await sniffFormat(bytes)).toBe('encrypted-office');
    expect(await sniffFormat(bytes.slice(0, 512))).toBeUndefined();
  });

  it('has a cache key naming the versions of both libraries', () => {
    expect(extractorVersion).toMatch(/^\d+-unpdf\d+\.\d+\.\d+-officeparser\d+\.\d+\.\d+$/);
  });
});

describe('problemSentence', () => {
  const base: AttachmentText = { file: '/pliki/raport.pdf', sha256: 'a'.repeat(64), bytes: 10, format: 'pdf', parts: [] };

  it('says a scan cannot be searched and fails the law on digital accessibility of public bodies', () => {
    const sentence = problemSentence({ ...base, problem: { kind: 'scan' } })!;
    expect(sentence).toContain('/pliki/raport.pdf');
    expect(sentence).toContain('wyszukiwarka nie znajdzie');
    expect(sentence).toContain(accessibilityLaw);
    expect(accessibilityLaw).toMatch(/^ustawa z dnia 4 kwietnia 2019 r\. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych/);
  });

  it('names the pages without text, in the singular or the plural', () => {
    expect(problemSentence({ ...base, problem: { kind: 'pages-without-text', pages: [7] } })).toMatch(/strona 7 nie ma warstwy tekstowej/);
    expect(problemSentence({ ...base, problem: { kind: 'pages-without-text', pages: [2, 4] } })).toMatch(/strony 2, 4 nie mają warstwy tekstowej/);
  });

  it('gives the detail of a damaged file, and a sentence for every other problem', () => {
    expect(problemSentence({ ...base, problem: { kind: 'damaged', detail: 'uszkodzona struktura pliku PDF' } })).toContain(
      'Nie udało się odczytać pliku /pliki/raport.pdf: uszkodzona struktura pliku PDF.',
    );
    expect(problemSentence({ ...base, problem: { kind: 'encrypted' } })).toMatch(/zabezpieczony hasłem/);
    expect(problemSentence({ ...base, problem: { kind: 'unsupported' } })).toMatch(/nie jest przeszukiwana/);
  });

  it('says nothing about a searchable document', () => {
    expect(problemSentence(base)).toBeUndefined();
  });
});
