/**
 * The remarks a consultation's own form gathered (its applications, whose
 * `message` is the remark) and the decisions staff imported for them
 * (table `remark_decisions`, migration 0013). Exporting the remarks reads
 * personal data (the residents' words), so it is audited in the same
 * transaction; an import writes its decisions and its audit row together.
 */
import type { Database, Queryable } from '../db/database.ts';
import type { RemarkDecision } from '../data/consultations.ts';
import { recordAudit } from '../panel/audit.ts';
import { warsawDay } from '../lib/dates.ts';
import { changesOf, parseRemarksCsv, remarksCsv, type FormRemark, type ImportedRow, type ParsedImport, type RemarkDecisionFields, type RowChange } from './csv.ts';

/** Application states whose remark counts: confirmed by email (a waiting list does not make a remark less of one). */
const liveStates = ['confirmed', 'accepted', 'waitlisted'];

type RemarkRow = {
  registration_code: string;
  created_at: Date | string;
  message: string | null;
  topic: string | null;
  summary: string | null;
  decision: string | null;
  justification: string | null;
};

const decidedOf = (r: Pick<RemarkRow, 'topic' | 'summary' | 'decision' | 'justification'>): RemarkDecisionFields | undefined =>
  r.topic === null || r.summary === null
    ? undefined
    : { topic: r.topic, summary: r.summary, decision: (r.decision ?? undefined) as RemarkDecision | undefined, justification: r.justification ?? '' };

/** Every live remark of the consultation, oldest first, with what was decided about it so far. */
export async function formRemarks(db: Queryable, consultationId: string): Promise<FormRemark[]> {
  const { rows } = await db.query<RemarkRow>(
    `SELECT a.registration_code, a.created_at, a.message, d.topic, d.summary, d.decision, d.justification
       FROM applications a LEFT JOIN remark_decisions d ON d.application_id = a.id
      WHERE a.programme_id = $1 AND a.status = ANY($2)
      ORDER BY a.created_at, a.registration_code`,
    [consultationId, liveStates],
  );
  return rows.map((r) => ({ code: r.registration_code, sentAt: new Date(r.created_at), message: r.message ?? '', decided: decidedOf(r) }));
}

/** The consultation's codes: true for a live remark, false for one its author withdrew. Unconfirmed ones are not remarks yet. */
async function knownCodes(db: Queryable, consultationId: string): Promise<Map<string, boolean>> {
  const { rows } = await db.query<{ registration_code: string; status: string }>(
    `SELECT registration_code, status FROM applications WHERE programme_id = $1 AND status <> 'pending'`,
    [consultationId],
  );
  return new Map(rows.map((r) => [r.registration_code, liveStates.includes(r.status)]));
}

async function storedDecisions(db: Queryable, consultationId: string): Promise<Map<string, RemarkDecisionFields>> {
  const { rows } = await db.query<RemarkRow>(
    `SELECT a.registration_code, d.topic, d.summary, d.decision, d.justification
       FROM remark_decisions d JOIN applications a ON a.id = d.application_id
      WHERE d.consultation_id = $1`,
    [consultationId],
  );
  return new Map(rows.flatMap((r) => (decidedOf(r) ? [[r.registration_code, decidedOf(r)!] as const] : [])));
}

/** The export file (named by the consultation and the Warsaw day of `now`) and its audit row, in one transaction. */
export async function exportRemarks(db: Database, consultationId: string, staffId: string, now: Date): Promise<{ fileName: string; csv: string; count: number }> {
  return db.transaction(async (tx) => {
    const remarks = await formRemarks(tx, consultationId);
    await recordAudit(tx, { staffId, action: 'remarks-export', programmeId: consultationId, detail: `uwag: ${remarks.length}`, at: now });
    return { fileName: `uwagi-${consultationId}-${warsawDay(now)}.csv`, csv: remarksCsv(remarks), count: remarks.length };
  });
}

/** What an uploaded file would change: the file refused as a whole, or its rows against the stored decisions. */
export type ImportPreview = { kind: 'file-error'; message: string } | { kind: 'rows'; changes: RowChange[]; problems: Extract<ParsedImport, { kind: 'rows' }>['problems']; blank: number };

/** Reads `text` against the consultation's remarks; changes nothing. */
export async function previewImport(db: Queryable, consultationId: string, text: string): Promise<ImportPreview> {
  const parsed = parseRemarksCsv(text, await knownCodes(db, consultationId));
  if (parsed.kind === 'file-error') return parsed;
  return { kind: 'rows', changes: changesOf(parsed.rows, await storedDecisions(db, consultationId)), problems: parsed.problems, blank: parsed.blank };
}

/**
 * Stores the new and changed rows of `text` (read again, against the
 * database as it is now) and the audit row, in one transaction; rows with
 * problems are left out, as the preview said. Returns the preview it applied.
 */
export async function applyImport(db: Database, consultationId: string, text: string, staffId: string, now: Date): Promise<ImportPreview & { saved: number }> {
  return db.transaction(async (tx) => {
    const preview = await previewImport(tx, consultationId, text);
    if (preview.kind === 'file-error') return { ...preview, saved: 0 };
    const changed = preview.changes.filter((c) => c.kind !== 'unchanged').map((c) => c.row);
    if (changed.length > 0) await storeDecisions(tx, consultationId, changed, staffId, now);
    await recordAudit(tx, { staffId, action: 'remarks-import', programmeId: consultationId, detail: `zapisanych: ${changed.length}, z błędami: ${preview.problems.length}`, at: now });
    return { ...preview, saved: changed.length };
  });
}

/** One statement for all rows (arrays unnested), so an import of thousands of rows is one round trip. */
async function storeDecisions(tx: Queryable, consultationId: string, rows: readonly ImportedRow[], staffId: string, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO remark_decisions (application_id, consultation_id, topic, summary, decision, justification, decided_by, updated_at)
     SELECT a.id, $1, r.topic, r.summary, r.decision, r.justification, $7, $8
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r (code, topic, summary, decision, justification)
       JOIN applications a ON a.programme_id = $1 AND a.registration_code = r.code
     ON CONFLICT (application_id) DO UPDATE
        SET topic = excluded.topic, summary = excluded.summary, decision = excluded.decision,
            justification = excluded.justification, decided_by = excluded.decided_by, updated_at = excluded.updated_at`,
    [
      consultationId,
      rows.map((r) => r.code),
      rows.map((r) => r.topic),
      rows.map((r) => r.summary),
      rows.map((r) => r.decision ?? null),
      rows.map((r) => r.justification || null),
      staffId,
      now,
    ],
  );
}
