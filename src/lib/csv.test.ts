import { describe, expect, it } from 'vitest';
import { csvCell, decodeSpreadsheetText, detectSeparator, parseCsv, toCsv } from './csv.ts';

describe('csvCell', () => {
  it('leaves plain text, Polish letters included, as it is', () => {
    expect(csvCell('Łucja Żółkiewska-Gęślą')).toBe('Łucja Żółkiewska-Gęślą');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('quotes separators, quotes and line breaks (RFC 4180), doubling quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Stowarzyszenie „Zielone” "Dębniki"')).toBe('"Stowarzyszenie „Zielone” ""Dębniki"""');
    expect(csvCell('linia 1\r\nlinia 2')).toBe('"linia 1\r\nlinia 2"');
    expect(csvCell('1,5')).toBe('"1,5"');
  });

  it.each(['=HYPERLINK("http://zly.example","klik")', '+48 600 123 456=1+cmd', '+48+HYPERLINK("x")', '-2+3', '+1', '@SUM(A1)', '\t=1', '\r=1', '+48-600-100-205', '+48 (12) 616-12-34'])('neutralises %j with a leading apostrophe', (value) => {
    const cell = csvCell(value);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${value}`);
  });

  it('leaves a value that is only a phone number as it is', () => {
    for (const phone of ['+48 600 123 456', '+48 12 616 12 34', '+380 44 123 45 67']) expect(csvCell(phone)).toBe(phone);
  });

  it('does not touch = + - @ later in the text', () => {
    expect(csvCell('Anna-Maria a=b')).toBe('Anna-Maria a=b');
  });
});

describe('toCsv', () => {
  it('starts with the BOM, ends lines with CRLF, and reads back to the same cells', () => {
    const rows = [
      ['ABCD-EFGH', 'Łucja Żółkiewska', 'linia 1\nlinia 2; dalej'],
      ['KLMN-PQRS', '=2+2', ''],
    ];
    const text = toCsv(['Kod zgłoszenia', 'Imię i nazwisko', 'Wiadomość'], rows);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(text.split('\r\n')[0]).toBe('\uFEFFKod zgłoszenia;Imię i nazwisko;Wiadomość');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['Kod zgłoszenia', 'Imię i nazwisko', 'Wiadomość'], rows[0], ['KLMN-PQRS', "'=2+2", '']]);
  });
});

describe('parseCsv and decodeSpreadsheetText (files staff bring back)', () => {
  it('reads a file saved by Polish Excel in Windows-1250, with LF endings and no BOM', () => {
    const bytes = new Uint8Array([0xa3, 0x61, 0x77, 0x6b, 0x69, 0x3b, 0x9f, 0xf3, 0xb3, 0x74, 0x79, 0x0a]); // "Ławki;źółty\n" in cp1250
    expect(parseCsv(decodeSpreadsheetText(bytes))).toEqual([['Ławki', 'źółty']]);
  });

  it('reads UTF-8 with a BOM as UTF-8', () => {
    const bytes = new TextEncoder().encode('\uFEFFZieleń;"a;b"\r\n');
    expect(parseCsv(decodeSpreadsheetText(bytes))).toEqual([['Zieleń', 'a;b']]);
  });

  it('reads a file saved with commas (LibreOffice, Google Sheets), quotes and all', () => {
    expect(parseCsv('Kod,Temat,Uzasadnienie\r\nABCD-EFGH,Zieleń,"Tak, bo; drzewa"\r\n')).toEqual([['Kod', 'Temat', 'Uzasadnienie'], ['ABCD-EFGH', 'Zieleń', 'Tak, bo; drzewa']]);
    expect(detectSeparator('"Kod;x",Temat\n')).toBe(',');
    expect(detectSeparator('Kod;Temat, i więcej\n')).toBe(';');
  });

  it('throws on a quote left open', () => {
    expect(() => parseCsv('a;"b\r\nc;d\r\n')).toThrow();
  });
});
