/**
 * Retention (RODO, storage limitation): personal data is deleted when it is
 * no longer needed, by the scheduled job, without anyone remembering to.
 *
 * - every application of a programme, `days` after the programme's last
 *   event (rules.ts retentionCutoff: the later of its last event's end and
 *   the close of its sign-ups);
 * - an unconfirmed application as soon as its confirmation link has expired:
 *   it never counted, and signing up again starts a new one;
 * - with them, every email still queued for those applications (pending,
 *   being sent, or failed: those still hold the address);
 * - any failed email older than `days`, whatever it was for.
 *
 * "Deleted" means the personal columns become NULL and `erased_at` is set;
 * the row keeps its id, programme, public registration code, status and
 * timestamps, so counts by status and published codes and draw results
 * stay exactly as they were (migration 0004's CHECK allows no other shape).
 * Sent emails hold no personal data (outbox.ts clears them on sending).
 * Applications of a programme neither public file knows are left alone and
 * counted: a missing programme may be a broken build, not a finished one.
 */
import type { Database, Queryable } from '../db/database.ts';
import type { Catalogue } from '../enrolment/catalogue.ts';
import type { EventsFile } from './events-file.ts';
import { retentionCutoff } from './rules.ts';

export interface RetentionReport {
  /** Applications whose programme's period ended, erased now. */
  erased: number;
  /** Unconfirmed applications with an expired link, erased now. */
  expiredUnconfirmed: number;
  /** Queued or failed emails deleted. */
  emailsDeleted: number;
  /** Programmes with applications that neither file knows (nothing deleted). */
  unknownProgrammes: number;
}

const erase = `email = NULL, name = NULL, district = NULL, phone = NULL, age_band = NULL, organisation = NULL, message = NULL,
               confirmation_token_hash = NULL, confirmation_expires_at = NULL`;

export async function applyRetention(db: Database, data: EventsFile, catalogue: Catalogue, days: number, now: Date): Promise<RetentionReport> {
  const report: RetentionReport = { erased: 0, expiredUnconfirmed: 0, emailsDeleted: 0, unknownProgrammes: 0 };
  const { rows } = await db.query<{ programme_id: string }>(
    `SELECT DISTINCT programme_id FROM applications WHERE erased_at IS NULL AND status <> 'withdrawn'`,
  );
  for (const { programme_id: programmeId } of rows) {
    const cutoff = retentionCutoff(programmeId, data, catalogue.get(programmeId)?.enrolment, days);
    if (!cutoff) {
      report.unknownProgrammes++;
      continue;
    }
    if (now < cutoff) continue;
    await db.transaction(async (tx) => {
      const { rows: erased } = await tx.query<{ id: string }>(
        `UPDATE applications SET ${erase}, erased_at = $2
          WHERE programme_id = $1 AND erased_at IS NULL AND status <> 'withdrawn'
          RETURNING id`,
        [programmeId, now],
      );
      report.erased += erased.length;
      report.emailsDeleted += await deleteUnsentEmails(tx, erased.map((row) => row.id));
    });
  }
  await db.transaction(async (tx) => {
    // The expiry is checked again in the UPDATE itself: a link renewed a moment ago keeps its row.
    const { rows: expired } = await tx.query<{ id: string }>(
      `UPDATE applications SET ${erase}, erased_at = $1
        WHERE status = 'pending' AND erased_at IS NULL AND confirmation_expires_at <= $1
        RETURNING id`,
      [now],
    );
    report.expiredUnconfirmed = expired.length;
    report.emailsDeleted += await deleteUnsentEmails(tx, expired.map((row) => row.id));
    const { rowCount } = await tx.query(`DELETE FROM outbox WHERE status = 'failed' AND created_at <= $1`, [new Date(now.getTime() - days * 86_400_000)]);
    report.emailsDeleted += rowCount;
  });
  return report;
}

/** Every email not yet sent to these applications: their keys name the application second (participants.ts). */
async function deleteUnsentEmails(tx: Queryable, applicationIds: readonly string[]): Promise<number> {
  if (applicationIds.length === 0) return 0;
  const { rowCount } = await tx.query(`DELETE FROM outbox WHERE status <> 'sent' AND split_part(dedupe_key, ':', 2) = ANY($1::text[])`, [[...applicationIds]]);
  return rowCount;
}
