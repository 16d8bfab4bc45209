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

const bom = '\uFEFF';
const separator = ';';

const formulaStart = /^[=+\-@\t\r]/;
const phoneNumber = /^\+\d+(?: \d+){1,6}$/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (formulaStart.test(text) && !phoneNumber.test(text)) text = `'${text}`;
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, the header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const line = (cells: readonly (string | number | null | undefined)[]) => cells.map(csvCell).join(separator);
  return bom + [header, ...rows].map(line).join('\r\n') + '\r\n';
}

/**
 * Reads back what toCsv wrote (for tests and for checking a download): the
 * BOM dropped, quotes undone. Not a general CSV parser.
 */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(bom) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) row.push(cell), (cell = '');
    else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}
