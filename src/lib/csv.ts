/**
 * CSV for Excel as Polish offices use it:
 *
 * - UTF-8 with a byte order mark: without it Excel reads the file as
 *   Windows-1250 and "Łucja Żółkiewska" turns into mojibake;
 * - ";" between cells: Polish Windows uses the comma as the decimal
 *   separator, so Excel's list separator there is the semicolon, and a
 *   double-clicked file with commas lands in a single column. (A `sep=;`
 *   first line would also work but makes Excel ignore the BOM.)
 * - RFC 4180 quoting: a cell with ";", a quote or a line break is quoted,
 *   quotes doubled; lines end with CRLF;
 * - formula injection (OWASP "CSV injection"): a cell starting with
 *   = + - @, a tab or a carriage return would be run by Excel as a formula
 *   (e.g. a name "=HYPERLINK(…)"), so it gets a leading apostrophe and is
 *   shown as text. A value that is only a phone number in international
 *   form with spaces ("+48 600 100 200": a plus, then digits and single
 *   spaces) is left as it is: it names no function, no cell and no
 *   arithmetic, and an apostrophe would spoil the number for whoever calls
 *   it. With hyphens or brackets ("+48-600-100-205") it is an expression
 *   Excel would compute (48−600−100−205 = −857), so it is neutralised too.
 */

import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const bom = '\uFEFF';
const separator = ';';

const formulaStart = /^[=+\-@\t\r]/;
const phoneNumber = /^\+\d+(?: \d+){1,6}$/;

/** A cell's text with formula injection neutralised (see the module comment); not yet quoted. */
function neutralised(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return formulaStart.test(text) && !phoneNumber.test(text) ? `'${text}` : text;
}

/** csv-stringify's settings for the file: ";" between cells, CRLF, a comma quoted too (a decimal comma would otherwise tempt Excel). */
const writeOptions = { delimiter: separator, record_delimiter: 'windows', quoted_match: /,/ } as const;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string | number | null | undefined): string {
  return stringify([[neutralised(value)]], { ...writeOptions, eof: false });
}

/** The whole file: BOM, the header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return bom + stringify([header.map(neutralised), ...rows.map((row) => row.map(neutralised))], writeOptions);
}

/**
 * The separator of a file staff bring back: ";" (Polish Excel, and our
 * export) unless the first line, outside quotes, has commas and no
 * semicolon (LibreOffice's and Google Sheets' default).
 */
export function detectSeparator(text: string): ';' | ',' {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"(?:[^"]|"")*"/g, '');
  return !firstLine.includes(';') && firstLine.includes(',') ? ',' : ';';
}

/**
 * Reads a CSV file as staff save it from a spreadsheet: ";" or "," between
 * cells (`detectSeparator`), RFC 4180 quotes, a BOM or none, CRLF or LF;
 * every cell as text (nothing is converted, so "'=2+2" stays as written).
 * Rows are arrays of cells; a trailing empty line is dropped. Throws
 * csv-parse's `CsvError` (with `code` and `lines`) on a quote left open or
 * similar damage.
 */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(bom) ? text.slice(1) : text;
  return parse(body, { delimiter: detectSeparator(body), relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/**
 * The text of a CSV file's bytes: UTF-8 (with or without a BOM), or, when the
 * bytes are not valid UTF-8, Windows-1250, the code page Polish Excel uses
 * for "CSV (rozdzielany średnikami)".
 */
export function decodeSpreadsheetText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1250').decode(bytes);
  }
}
