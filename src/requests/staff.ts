/**
 * What the office sees and does with a request's supports in the panel:
 * the confirmed supporters (name, address in Kraków, email, date) for
 * verifying them, the paper supports typed as a number with a note, the
 * CSV of both, and adding paper supports. Adding and exporting are audited
 * in the transaction that does them (src/panel/audit.ts); the audit row
 * names the request and a count, never a person.
 *
 * The CSV follows the staff export's Polish Excel conventions through the
 * same shared module (src/lib/csv.ts: UTF-8 with a BOM, ";", RFC 4180
 * quoting, formula injection neutralised).
 */
import type { Database, Queryable } from '../db/database.ts';
import { TIME_ZONE, warsawDay } from '../lib/dates.ts';
import { toCsv } from '../lib/csv.ts';
import { recordAudit } from '../panel/audit.ts';

export interface Supporter {
  name: string | null;
  address: string | null;
  email: string | null;
  confirmedAt: Date;
  /** Retention erased the data; the support still counts. */
  erased: boolean;
}

export interface PaperEntry {
  count: number;
  note: string | null;
  addedAt: Date;
  staffEmail: string;
}

/** Confirmed online supporters of `requestId`, oldest first. */
export async function confirmedSupporters(db: Queryable, requestId: string): Promise<Supporter[]> {
  const { rows } = await db.query<{ name: string | null; address: string | null; email: string | null; confirmed_at: Date; erased_at: Date | null }>(
    `SELECT name, address, email, confirmed_at, erased_at FROM request_supports
      WHERE request_id = $1 AND status = 'confirmed' ORDER BY confirmed_at, id`,
    [requestId],
  );
  return rows.map((r) => ({ name: r.name, address: r.address, email: r.email, confirmedAt: new Date(r.confirmed_at), erased: r.erased_at !== null }));
}

/** Paper supports of `requestId` as staff typed them, oldest first. */
export async function paperEntries(db: Queryable, requestId: string): Promise<PaperEntry[]> {
  const { rows } = await db.query<{ count: number; note: string | null; added_at: Date; email: string }>(
    `SELECT p.count, p.note, p.added_at, s.email FROM request_paper_supports p JOIN staff s ON s.id = p.staff_id
      WHERE p.request_id = $1 ORDER BY p.added_at, p.id`,
    [requestId],
  );
  return rows.map((r) => ({ count: Number(r.count), note: r.note, addedAt: new Date(r.added_at), staffEmail: r.email }));
}

export const paperNoteMax = 500;

/**
 * Adds `count` paper supports (negative: a correction) with `note`, audited.
 * Returns false, changing nothing, when the paper total would fall below 0.
 */
export async function addPaperSupports(db: Database, entry: { requestId: string; count: number; note: string; staffId: string; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    // One writer per request at a time, so two corrections cannot both pass the check below.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`request-paper:${entry.requestId}`]);
    const { rows } = await tx.query<{ total: string | number }>('SELECT coalesce(sum(count), 0) AS total FROM request_paper_supports WHERE request_id = $1', [entry.requestId]);
    if (Number(rows[0]?.total ?? 0) + entry.count < 0) return false;
    await tx.query('INSERT INTO request_paper_supports (request_id, count, note, staff_id, added_at) VALUES ($1, $2, $3, $4, $5)', [
      entry.requestId,
      entry.count,
      entry.note,
      entry.staffId,
      entry.now,
    ]);
    await recordAudit(tx, { staffId: entry.staffId, action: 'request-paper', programmeId: entry.requestId, detail: `poparć na papierze: ${entry.count > 0 ? '+' : ''}${entry.count}`, at: entry.now });
    return true;
  });
}

export const supportersHeader = ['Sposób', 'Imię i nazwisko', 'Adres w Krakowie', 'Adres e-mail', 'Data', 'Liczba poparć', 'Notatka'] as const;

// "2026-03-02 14:05": a form Excel reads as a date in every locale (as the staff export writes it).
const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The supporters and paper entries of `requestId` as CSV (file named by its id and the Warsaw day), the audit row in the same transaction. */
export async function exportSupporters(db: Database, requestId: string, staffId: string, now: Date): Promise<{ fileName: string; csv: string; count: number }> {
  return db.transaction(async (tx) => {
    const online = await confirmedSupporters(tx, requestId);
    const paper = await paperEntries(tx, requestId);
    const rows = [
      ...online.map((s) => ['internet', s.erased ? '(dane usunięte)' : s.name, s.address, s.email, stamp.format(s.confirmedAt), 1, '']),
      ...paper.map((p) => ['papier', '', '', '', stamp.format(p.addedAt), p.count, p.note]),
    ];
    await recordAudit(tx, { staffId, action: 'request-export', programmeId: requestId, detail: `wierszy: ${rows.length}`, at: now });
    return { fileName: `poparcia-${requestId}-${warsawDay(now)}.csv`, csv: toCsv(supportersHeader, rows), count: rows.length };
  });
}
