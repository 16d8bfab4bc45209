/**
 * The audit log: every staff action — sign-in, export, message, deletion,
 * and the draw (issue 6) — with who and when. Written in the transaction of
 * the action itself, so an action is never done without its row nor logged
 * without having happened. Targets are ids and public registration codes;
 * nothing here is personal data of residents.
 */
import type { Queryable } from '../db/database.ts';

export const auditActions = {
  'sign-in': 'Logowanie',
  'sign-out': 'Wylogowanie',
  export: 'Eksport zgłoszeń (CSV)',
  message: 'Wiadomość do uczestników',
  delete: 'Usunięcie danych osoby',
  draw: 'Losowanie',
  'announcement-correction': 'Poprawka opisu źródła losowania',
  'remarks-export': 'Eksport uwag z konsultacji (CSV)',
  'remarks-import': 'Import rozstrzygnięć uwag (CSV)',
  'request-export': 'Eksport poparć wniosku (CSV)',
  'request-paper': 'Poparcia na papierze',
} as const satisfies Record<string, string>;

type AuditAction = keyof typeof auditActions;

export interface AuditEntry {
  staffId: string;
  action: AuditAction;
  programmeId?: string | undefined;
  /** An application id, registration code or message id. */
  target?: string | undefined;
  /** A count or short note, e.g. "12 odbiorców". */
  detail?: string | undefined;
  at: Date;
}

export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query('INSERT INTO audit_log (staff_id, action, programme_id, target, detail, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.staffId,
    entry.action,
    entry.programmeId ?? null,
    entry.target ?? null,
    entry.detail ?? null,
    entry.at,
  ]);
}

export interface AuditRow {
  at: Date;
  staffEmail: string;
  action: string;
  programmeId: string | null;
  target: string | null;
  detail: string | null;
}

/** The newest `limit` entries, newest first. */
export async function recentAudit(db: Queryable, limit = 200): Promise<AuditRow[]> {
  const { rows } = await db.query<{ at: Date; email: string; action: string; programme_id: string | null; target: string | null; detail: string | null }>(
    `SELECT a.at, s.email, a.action, a.programme_id, a.target, a.detail
       FROM audit_log a JOIN staff s ON s.id = a.staff_id
      ORDER BY a.at DESC, a.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ at: new Date(r.at), staffEmail: r.email, action: r.action, programmeId: r.programme_id, target: r.target, detail: r.detail }));
}
