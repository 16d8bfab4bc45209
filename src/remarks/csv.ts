/**
 * The CSV round trip of a consultation's form remarks (issue 16): staff
 * export them for the responsible unit, the unit fills in a topic, an
 * anonymised summary, a decision and its justification in a spreadsheet,
 * and the import reads the file back.
 *
 * The file is the staff export's (src/lib/csv.ts: UTF-8 with a BOM, ";",
 * RFC 4180 quotes through csv-stringify and csv-parse, cells starting with
 * = + - @ neutralised by a leading apostrophe). On import every cell is text:
 * nothing is evaluated; the apostrophe the export added is taken off again,
 * so a remark reading "=2+2" comes back as "=2+2". Columns are found by
 * their header, so the unit may reorder them or add its own.
 *
 * Pure: the database reads and writes are in store.ts.
 */
import { remarkDecisions, type RemarkDecision } from '../data/consultations.ts';
import { TIME_ZONE } from '../lib/dates.ts';
import { parseCsv, toCsv } from '../lib/csv.ts';

/** The columns, in the exported order. */
export const remarkColumns = {
  code: 'Kod uwagi',
  sentAt: 'Data wysłania',
  message: 'Treść uwagi (od mieszkańca)',
  topic: 'Temat',
  summary: 'Streszczenie (bez danych osobowych)',
  decision: 'Rozstrzygnięcie',
  justification: 'Uzasadnienie',
} as const;

/** Columns the import needs; the others are for the unit's reading only. */
const importedColumns = ['code', 'topic', 'summary', 'decision', 'justification'] as const;

/** Longest texts stored (characters), as migration 0013 allows. */
export const remarkLimits = { topic: 200, summary: 2000, justification: 4000 } as const;

/** What staff decided about one remark (as stored, and as a valid import row). */
export interface RemarkDecisionFields {
  topic: string;
  summary: string;
  decision: RemarkDecision | undefined;
  justification: string;
}

/** A remark sent through the consultation's form, with what was decided so far. */
export interface FormRemark {
  /** The application's public registration code: the row's key. */
  code: string;
  sentAt: Date;
  /** The resident's own words (personal data: in the export for the unit only). */
  message: string;
  decided: RemarkDecisionFields | undefined;
}

const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The export: one row per remark, the decided fields filled in from earlier imports. */
export function remarksCsv(remarks: readonly FormRemark[]): string {
  return toCsv(
    Object.values(remarkColumns),
    remarks.map((r) => [
      r.code,
      stamp.format(r.sentAt),
      r.message,
      r.decided?.topic ?? '',
      r.decided?.summary ?? '',
      r.decided?.decision ? remarkDecisions.label(r.decided.decision) : '',
      r.decided?.justification ?? '',
    ]),
  );
}

/** One refused row: its number as the spreadsheet shows it (the header is row 1), the column's header and why, in Polish. */
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** A valid row: the remark's code and its fields. */
export interface ImportedRow extends RemarkDecisionFields {
  row: number;
  code: string;
}

export type ParsedImport = { kind: 'file-error'; message: string } | { kind: 'rows'; rows: ImportedRow[]; problems: RowProblem[]; blank: number };

const decisionsByLabel = new Map(remarkDecisions.options.map((o) => [fold(o.label), o.value]));
const decisionList = remarkDecisions.options.map((o) => o.label).join(', ');

function fold(text: string): string {
  return text.trim().toLocaleLowerCase('pl').replace(/\s+/g, ' ');
}

/** A cell as the unit wrote it: trimmed, and without the apostrophe the export put before a formula-looking text. */
export function cellText(cell: string | undefined): string {
  const text = (cell ?? '').trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/**
 * Reads an uploaded file's text. `known` maps each code of this
 * consultation's live remarks to true (and a withdrawn one to false). A file
 * that cannot be read as this export (damaged quoting, a missing column)
 * is refused as a whole; otherwise each row is valid or has its problems.
 * A row with nothing filled in besides the code is counted as blank (no
 * change); clearing a decision is not something an import does.
 */
export function parseRemarksCsv(text: string, known: ReadonlyMap<string, boolean>): ParsedImport {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { kind: 'file-error', message: `Pliku nie da się odczytać jako CSV${line ? ` (w okolicy wiersza ${line})` : ''}: w którejś komórce cudzysłów został otwarty i nie zamknięty. Popraw tę komórkę w arkuszu i zapisz plik jeszcze raz jako CSV.` };
  }
  const header = (records[0] ?? []).map((h) => fold(h));
  const index = Object.fromEntries(importedColumns.map((key) => [key, header.indexOf(fold(remarkColumns[key]))])) as Record<(typeof importedColumns)[number], number>;
  const missing = importedColumns.filter((key) => index[key] < 0).map((key) => `„${remarkColumns[key]}”`);
  if (missing.length > 0) return { kind: 'file-error', message: `W pierwszym wierszu pliku brakuje ${missing.length === 1 ? 'kolumny' : 'kolumn'} ${missing.join(', ')}. Użyj pliku pobranego z panelu i nie zmieniaj nagłówków.` };

  if (records.slice(1).every((record) => record.every((c) => c.trim() === ''))) {
    return { kind: 'file-error', message: 'W pliku są tylko nagłówki, bez żadnego wiersza z uwagą. Wczytaj plik pobrany z panelu, uzupełniony przez jednostkę.' };
  }
  const rows: ImportedRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  let blank = 0;
  for (const [i, record] of records.slice(1).entries()) {
    const row = i + 2;
    const cell = (key: (typeof importedColumns)[number]) => cellText(record[index[key]]);
    const [code, topic, summary, decisionText, justification] = [cell('code').toUpperCase(), cell('topic'), cell('summary'), cell('decision'), cell('justification')];
    if (record.every((c) => c.trim() === '')) continue;
    const problem = (column: keyof typeof remarkColumns, message: string) => problems.push({ row, column: remarkColumns[column], message });
    if (!code) { problem('code', 'Brak kodu uwagi: przepisz go z pliku pobranego z panelu, bez niego nie wiadomo, której uwagi dotyczy wiersz.'); continue; }
    if (!known.has(code)) { problem('code', `Nie ma uwagi o kodzie ${code} w tych konsultacjach. Sprawdź, czy to plik tych konsultacji i czy kod nie został zmieniony.`); continue; }
    if (known.get(code) === false) { problem('code', `Autor wycofał uwagę ${code} i jej treść usunięto, więc nie można jej rozstrzygnąć. Usuń ten wiersz.`); continue; }
    const earlier = seen.get(code);
    if (earlier !== undefined) { problem('code', `Uwaga ${code} jest już w wierszu ${earlier}. Zostaw jeden wiersz dla każdej uwagi.`); continue; }
    seen.set(code, row);
    if (!topic && !summary && !decisionText && !justification) {
      blank++;
      continue;
    }
    const before = problems.length;
    const decision = decisionText ? decisionsByLabel.get(fold(decisionText)) : undefined;
    if (decisionText && !decision) problem('decision', `Nieznane rozstrzygnięcie „${decisionText}”. Wpisz jedno z: ${decisionList} — albo zostaw puste, jeśli uwaga nie jest jeszcze rozstrzygnięta.`);
    if (!topic) problem('topic', 'Wpisz temat uwagi (np. „Zieleń”, „Komunikacja”): według tematów uwagi są grupowane na stronie.');
    else if (topic.length > remarkLimits.topic) problem('topic', `Temat jest za długi: ma ${topic.length} znaków, a może mieć najwyżej ${remarkLimits.topic}.`);
    if (!summary) problem('summary', 'Wpisz streszczenie uwagi bez danych osobowych: to ono zostanie opublikowane, nie treść od mieszkańca.');
    else if (summary.length > remarkLimits.summary) problem('summary', `Streszczenie jest za długie: ma ${summary.length} znaków, a może mieć najwyżej ${remarkLimits.summary}.`);
    if (decision && !justification) problem('justification', 'Podaj uzasadnienie rozstrzygnięcia: każda rozstrzygnięta uwaga musi mieć uzasadnienie.');
    else if (justification.length > remarkLimits.justification) problem('justification', `Uzasadnienie jest za długie: ma ${justification.length} znaków, a może mieć najwyżej ${remarkLimits.justification}.`);
    if (problems.length === before) rows.push({ row, code, topic, summary, decision, justification });
  }
  return { kind: 'rows', rows, problems, blank };
}

/** How an imported row compares with what is stored: which fields it changes, in Polish, with old and new values. */
export interface RowChange {
  row: ImportedRow;
  kind: 'new' | 'changed' | 'unchanged';
  fields: { label: string; before: string; after: string }[];
}

/** The preview: every valid row against the stored decisions (by code). */
export function changesOf(rows: readonly ImportedRow[], stored: ReadonlyMap<string, RemarkDecisionFields>): RowChange[] {
  return rows.map((row) => {
    const old = stored.get(row.code);
    const shown = (f: RemarkDecisionFields | undefined, key: keyof RemarkDecisionFields) => (key === 'decision' ? (f?.decision ? remarkDecisions.label(f.decision) : '') : (f?.[key] ?? ''));
    const fields = (['topic', 'summary', 'decision', 'justification'] as const)
      .filter((key) => shown(old, key) !== shown(row, key))
      .map((key) => ({ label: remarkColumns[key], before: shown(old, key), after: shown(row, key) }));
    return { row, kind: !old ? 'new' : fields.length > 0 ? 'changed' : 'unchanged', fields };
  });
}
