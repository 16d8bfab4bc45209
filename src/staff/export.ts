/**
 * The CSV export of a programme's applications (csv.ts has the format), with
 * Polish column names and labels, dates in Warsaw time. Exporting personal
 * data is itself audited, in the same transaction that reads it.
 */
import type { Database } from '../db/database.ts';
import { ageBands } from '../data/programmes.ts';
import { districts } from '../data/districts.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { TIME_ZONE, warsawDay } from '../lib/dates.ts';
import { stateLabel } from '../enrolment/applications.ts';
import { allApplications, type ApplicationRow } from './applications.ts';
import { recordAudit } from '../panel/audit.ts';
import { toCsv } from '../lib/csv.ts';

export const exportHeader = [
  'Kod zgłoszenia',
  'Status',
  'Imię i nazwisko',
  'Adres e-mail',
  'Telefon',
  'Dzielnica',
  'Przedział wieku',
  'Organizacja',
  'Wiadomość',
  'Oświadczenia',
  'Zgłoszono',
  'Potwierdzono',
  'Wycofano',
  'Numer na liście rezerwowej',
] as const;

// "2026-03-02 14:05": a form Excel reads as a date in every locale.
const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const when = (date: Date | null) => (date ? stamp.format(date) : '');

/**
 * The programme an export is of: its id, and the declarations its form
 * offered (id → text) — none for one no longer on the site, whose
 * applications then show the declarations' ids.
 */
export interface ExportedProgramme {
  id: string;
  declarations: readonly Pick<CatalogueEntry['enrolment']['declarations'][number], 'id' | 'text'>[];
}

function exportRow(row: ApplicationRow, programme: ExportedProgramme): (string | number | null)[] {
  const declarationText = (id: string) => programme.declarations.find((d) => d.id === id)?.text ?? id;
  return [
    row.code,
    stateLabel[row.status],
    row.name,
    row.email,
    row.phone,
    row.district ? districts.label(row.district as never) : '',
    row.ageBand ? ageBands.label(row.ageBand as never) : '',
    row.organisation,
    row.message,
    row.declarations.map(declarationText).join(' | '),
    when(row.createdAt),
    when(row.confirmedAt),
    when(row.withdrawnAt),
    row.status === 'waitlisted' ? row.waitlistNumber : '',
  ];
}

export interface CsvExport {
  fileName: string;
  csv: string;
  count: number;
}

/** Every application of `programme` as CSV (file named by its id and the Warsaw day of `now`), the audit row in the same transaction. */
export async function exportApplications(db: Database, programme: ExportedProgramme, staffId: string, now: Date): Promise<CsvExport> {
  return db.transaction(async (tx) => {
    const rows = await allApplications(tx, programme.id);
    await recordAudit(tx, { staffId, action: 'export', programmeId: programme.id, detail: `wierszy: ${rows.length}`, at: now });
    return {
      fileName: `zgloszenia-${programme.id}-${warsawDay(now)}.csv`,
      csv: toCsv(exportHeader, rows.map((row) => exportRow(row, programme))),
      count: rows.length,
    };
  });
}
