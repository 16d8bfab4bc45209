import { describe, expect, it } from 'vitest';
import { toCsv } from '../lib/csv.ts';
import { cellText, changesOf, parseRemarksCsv, remarkColumns, remarksCsv } from './csv.ts';

const header = Object.values(remarkColumns);
const known = new Map([
  ['AAAA-BBBB', true],
  ['CCCC-DDDD', true],
  ['EEEE-FFFF', false],
  ['GGGG-HHHH', true],
]);
const file = (...rows: string[][]) => toCsv(header, rows);
const row = (code: string, topic = '', summary = '', decision = '', justification = '') => [code, '2026-05-02 10:00', 'treść', topic, summary, decision, justification];

describe('the remarks CSV', () => {
  it('exports a remark beginning like a formula with an apostrophe, and reads it back without one', () => {
    const csv = remarksCsv([{ code: 'AAAA-BBBB', sentAt: new Date('2026-05-02T08:00:00Z'), message: '@SUMA(A1)', decided: { topic: 'Łąki', summary: '-więcej zieleni', decision: undefined, justification: '' } }]);
    expect(csv).toContain(";'@SUMA(A1);Łąki;'-więcej zieleni;;");
    expect(csv).toContain('2026-05-02 10:00');
    const parsed = parseRemarksCsv(csv, known);
    expect(parsed).toEqual({ kind: 'rows', rows: [{ row: 2, code: 'AAAA-BBBB', topic: 'Łąki', summary: '-więcej zieleni', decision: undefined, justification: '' }], problems: [], blank: 0 });
    expect(cellText("'=2+2")).toBe('=2+2');
    expect(cellText("'zwykły apostrof")).toBe("'zwykły apostrof");
  });

  it('reads decisions by their Polish labels in any case, and the columns in any order', () => {
    const reordered = toCsv([remarkColumns.decision, remarkColumns.code, remarkColumns.justification, remarkColumns.summary, remarkColumns.topic], [['  częściowo UWZGLĘDNIONA ', 'aaaa-bbbb', 'Bo.', 'Streszczenie.', 'Temat']]);
    const parsed = parseRemarksCsv(reordered, known);
    expect(parsed.kind === 'rows' && parsed.rows[0]).toMatchObject({ code: 'AAAA-BBBB', decision: 'partly-accepted', justification: 'Bo.' });
  });

  it('names every bad row with its spreadsheet row, column and reason', () => {
    const parsed = parseRemarksCsv(
      file(
        row('AAAA-BBBB', 'Zieleń', 'Drzewa.', 'Uwzględniona'),
        row('', 'Zieleń', 'Drzewa.'),
        row('CCCC-DDDD', '', 'Drzewa.', 'Tak'),
        row('EEEE-FFFF', 'Zieleń', 'Drzewa.'),
        row('AAAA-BBBB', 'Zieleń', 'x'.repeat(2001)),
        row('GGGG-HHHH'),
      ),
      known,
    );
    if (parsed.kind !== 'rows') throw new Error(parsed.message);
    expect(parsed.rows).toEqual([]);
    expect(parsed.blank).toBe(1);
    expect(parsed.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Uzasadnienie'],
      [3, 'Kod uwagi'],
      [4, 'Rozstrzygnięcie'],
      [4, 'Temat'],
      [5, 'Kod uwagi'],
      [6, 'Kod uwagi'],
    ]);
    expect(parsed.problems[2]!.message).toBe('Nieznane rozstrzygnięcie „Tak”. Wpisz jedno z: Uwzględniona, Częściowo uwzględniona, Nieuwzględniona, Poza zakresem — albo zostaw puste, jeśli uwaga nie jest jeszcze rozstrzygnięta.');
    expect(parsed.problems[4]!.message).toContain('wycofał');
    expect(parsed.problems[5]!.message).toBe('Uwaga AAAA-BBBB jest już w wierszu 2. Zostaw jeden wiersz dla każdej uwagi.');
  });

  it('refuses a damaged file or one without the columns as a whole', () => {
    expect(parseRemarksCsv(`${header.join(';')}\r\n"AAAA-BBBB;nie zamknięty\r\n`, known)).toMatchObject({ kind: 'file-error', message: expect.stringContaining('Pliku nie da się odczytać jako CSV') });
    expect(parseRemarksCsv('Kod uwagi;Temat\r\n', known)).toEqual({ kind: 'file-error', message: 'W pierwszym wierszu pliku brakuje kolumn „Streszczenie (bez danych osobowych)”, „Rozstrzygnięcie”, „Uzasadnienie”. Użyj pliku pobranego z panelu i nie zmieniaj nagłówków.' });
  });

  it('compares rows with what is stored, field by field', () => {
    const parsed = parseRemarksCsv(file(row('AAAA-BBBB', 'Zieleń', 'Drzewa.', 'Nieuwzględniona', 'Brak miejsca.'), row('CCCC-DDDD', 'Zieleń', 'Ławki.')), known);
    if (parsed.kind !== 'rows') throw new Error(parsed.message);
    const stored = new Map([['AAAA-BBBB', { topic: 'Zieleń', summary: 'Drzewa.', decision: undefined, justification: '' }]]);
    const changes = changesOf(parsed.rows, stored);
    expect(changes.map((c) => c.kind)).toEqual(['changed', 'new']);
    expect(changes[0]!.fields).toEqual([
      { label: 'Rozstrzygnięcie', before: '', after: 'Nieuwzględniona' },
      { label: 'Uzasadnienie', before: '', after: 'Brak miejsca.' },
    ]);
  });
});
