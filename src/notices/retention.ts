/**
 * Retention (RODO, storage limitation): personal data is deleted when it is
 * no longer needed, by the scheduled job, without anyone remembering to.
 *
 * - every application of a programme, `days` after the programme's last
 *   event (rules.ts retentionCutoff: the later of its last event's end and
 *   the close of its sign-ups);
 * - every application of a programme (or consultation) no longer on the
 *   site — one neither public file knows any more (its content was deleted
 *   or unpublished) — `days` after the first run that found it missing, or
 *   at the date the files gave before it went, if that is earlier. The
 *   grace period is there because a missing programme may be a mistake (a
 *   file deleted by accident, a broken build) that someone puts right;
 *   meanwhile staff see, export and delete its applications in the panel
 *   ("Programy i konsultacje, których nie ma już na stronie");
 * - an unconfirmed application as soon as its confirmation link has expired:
 *   it never counted, and signing up again starts a new one;
 * - with them, every email still queued for those applications (pending,
 *   being sent, or failed: those still hold the address);
 * - any failed email older than `days`, whatever it was for.
 *
 * Each run records, per programme with applications, what it found in the
 * table `programme_retention` (migration 0008): the title and kind the
 * files last showed, when it went missing, and the date in force — what the
 * panel shows, and what the next run continues from.
 *
 * "Deleted" means the personal columns become NULL and `erased_at` is set;
 * the row keeps its id, programme, public registration code, status and
 * timestamps, so counts by status and published codes and draw results
 * stay exactly as they were (migration 0004's CHECK allows no other shape).
 * Sent emails hold no personal data (outbox.ts clears them on sending).
 */
import type { Database, Queryable } from '../db/database.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { EventsFile } from './events-file.ts';
import { retentionCutoff } from './rules.ts';

export interface RetentionReport {
  /** Applications whose programme's period ended (or whose programme is gone and its grace period too), erased now. */
  erased: number;
  /** Unconfirmed applications with an expired link, erased now. */
  expiredUnconfirmed: number;
  /** Queued or failed emails deleted. */
  emailsDeleted: number;
  /** Programmes neither file knows any more whose personal data waits for the end of their grace period. */
  unknownProgrammes: number;
}

const erase = `email = NULL, name = NULL, district = NULL, phone = NULL, age_band = NULL, organisation = NULL, message = NULL,
               confirmation_token_hash = NULL, confirmation_expires_at = NULL`;

/** `days` as an exact interval (24-hour days, as rules.ts counts them; a '1 day' interval would follow the clock change). */
const daysInterval = '($3::int * interval \'24 hours\')';

/** A programme the public files know: what they say now replaces what was recorded, and it is no longer missing. */
const recordKnown = `
  INSERT INTO programme_retention (programme_id, kind, title, last_seen_at, known_erase_after, missing_since, erase_after, retention_days, checked_at)
  VALUES ($1, $4, $5, $2, $3, NULL, $3, $6, $2)
  ON CONFLICT (programme_id) DO UPDATE SET
    kind = coalesce(EXCLUDED.kind, programme_retention.kind),
    title = coalesce(EXCLUDED.title, programme_retention.title),
    last_seen_at = EXCLUDED.last_seen_at, known_erase_after = EXCLUDED.known_erase_after,
    missing_since = NULL, erase_after = EXCLUDED.erase_after, retention_days = EXCLUDED.retention_days, checked_at = EXCLUDED.checked_at
  RETURNING erase_after`;

/**
 * A programme neither file knows: missing since the first run that saw it
 * so (kept by later runs, also when two run at once), erased `days` after
 * that or at the date last known, whichever is earlier (least() skips NULL).
 */
const recordMissing = `
  INSERT INTO programme_retention (programme_id, missing_since, erase_after, retention_days, checked_at)
  VALUES ($1, $2::timestamptz, $2::timestamptz + ${daysInterval}, $3, $2::timestamptz)
  ON CONFLICT (programme_id) DO UPDATE SET
    missing_since = coalesce(programme_retention.missing_since, EXCLUDED.missing_since),
    erase_after = least(programme_retention.known_erase_after, coalesce(programme_retention.missing_since, EXCLUDED.missing_since) + ${daysInterval}),
    retention_days = EXCLUDED.retention_days, checked_at = EXCLUDED.checked_at
  RETURNING erase_after`;

/**
 * One run of retention at `now` over every programme with applications;
 * `days` is RETENTION_DAYS (rules.ts retentionDaysFrom). Idempotent, and
 * safe beside another run (row locks in the UPDATEs, ON CONFLICT in the
 * record). Throws only on database errors.
 */
export async function applyRetention(db: Database, data: EventsFile, catalogue: Catalogue, days: number, now: Date): Promise<RetentionReport> {
  const report: RetentionReport = { erased: 0, expiredUnconfirmed: 0, emailsDeleted: 0, unknownProgrammes: 0 };
  const { rows } = await db.query<{ programme_id: string; live: boolean }>(
    `SELECT programme_id, bool_or(erased_at IS NULL AND status <> 'withdrawn') AS live FROM applications GROUP BY programme_id ORDER BY programme_id`,
  );
  const titles = new Map(data.programmes.map((p) => [p.id, p.title]));
  for (const { programme_id: programmeId, live } of rows) {
    const entry = catalogue.get(programmeId);
    const cutoff = retentionCutoff(programmeId, data, entry?.enrolment, days);
    const { rows: recorded } = cutoff
      ? await db.query<{ erase_after: Date }>(recordKnown, [
          programmeId,
          now,
          cutoff,
          entry?.kind ?? (titles.has(programmeId) ? 'programme' : null),
          entry?.title ?? titles.get(programmeId) ?? null,
          days,
        ])
      : await db.query<{ erase_after: Date }>(recordMissing, [programmeId, now, days]);
    if (!live) continue;
    if (now < new Date(recorded[0]!.erase_after)) {
      if (!cutoff) report.unknownProgrammes++;
      continue;
    }
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
