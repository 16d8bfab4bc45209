/**
 * Retention of supporters' personal data (RODO art. 5(1)(e)), run by the
 * scheduled job (src/notices/run.ts) with the built /dane/wnioski.json:
 *
 * - a request's supporters (name, address, email) and its paper entries'
 *   notes are erased `supportRetentionDays` (the rule set of its filing day,
 *   src/data/consultation-rules.ts) after the end of the day of its final
 *   answer (`finalAnswerOn`: accepted, rejected or — with neither — the
 *   consultation);
 * - a request no longer in the file (deleted or unpublished) the same number
 *   of days (the rule set in force now) after the first run that found it
 *   missing, or at the date known before, if earlier — a grace period for a
 *   mistake, as programmes no longer on the site have (docs/notices.md);
 * - an unconfirmed support as soon as its confirmation link has expired;
 * - with them, every email still queued for those supports.
 *
 * Erasing sets the personal columns to NULL and `erased_at`; the rows stay
 * with their status and timestamps, so the counts survive as numbers. Each
 * run records per request what it found in `request_support_retention`.
 * Idempotent; throws only on database errors.
 */
import type { Database, Queryable } from '../db/database.ts';
import { ruleSetOn } from '../data/consultation-rules.ts';
import { warsawDay } from '../lib/dates.ts';
import { endOfWarsawDay, requestRetentionDays, type Requests } from './requests-file.ts';
import { supportEmailKinds } from './supports.ts';

export interface SupportRetentionReport {
  /** Supports whose request's period ended, erased now. */
  erased: number;
  /** Unconfirmed supports with an expired link, erased now. */
  expiredUnconfirmed: number;
  /** Requests no longer on the site whose supporters' data waits for the end of the grace period. */
  missingRequests: number;
}

const day = 86_400_000;

export async function applySupportRetention(db: Database, requests: Requests, now: Date): Promise<SupportRetentionReport> {
  const report: SupportRetentionReport = { erased: 0, expiredUnconfirmed: 0, missingRequests: 0 };
  const { rows } = await db.query<{ request_id: string }>(
    `SELECT request_id FROM request_supports WHERE erased_at IS NULL AND status <> 'withdrawn'
     UNION SELECT request_id FROM request_paper_supports WHERE erased_at IS NULL AND note IS NOT NULL
     ORDER BY request_id`,
  );
  for (const { request_id: id } of rows) {
    const entry = requests.get(id);
    let eraseAfter: Date | undefined;
    if (entry) {
      eraseAfter = entry.finalAnswerOn === null ? undefined : new Date(endOfWarsawDay(entry.finalAnswerOn).getTime() + requestRetentionDays(entry) * day);
      await db.query(
        `INSERT INTO request_support_retention (request_id, final_answer_on, missing_since, erase_after, checked_at) VALUES ($1, $2, NULL, $3, $4)
         ON CONFLICT (request_id) DO UPDATE SET final_answer_on = EXCLUDED.final_answer_on, missing_since = NULL, erase_after = EXCLUDED.erase_after, checked_at = EXCLUDED.checked_at`,
        [id, entry.finalAnswerOn, eraseAfter ?? null, now],
      );
    } else {
      const grace = ruleSetOn(warsawDay(now)).supportRetentionDays;
      const { rows: recorded } = await db.query<{ erase_after: Date }>(
        `INSERT INTO request_support_retention (request_id, missing_since, erase_after, checked_at) VALUES ($1, $2::timestamptz, $2::timestamptz + ($3::int * interval '24 hours'), $2::timestamptz)
         ON CONFLICT (request_id) DO UPDATE SET
           missing_since = coalesce(request_support_retention.missing_since, EXCLUDED.missing_since),
           erase_after = least(request_support_retention.erase_after,
                               coalesce(request_support_retention.missing_since, EXCLUDED.missing_since) + ($3::int * interval '24 hours')),
           checked_at = EXCLUDED.checked_at
         RETURNING erase_after`,
        [id, now, grace],
      );
      eraseAfter = new Date(recorded[0]!.erase_after);
      if (now < eraseAfter) report.missingRequests++;
    }
    if (!eraseAfter || now < eraseAfter) continue;
    report.erased += await db.transaction(async (tx) => {
      const { rows: erased } = await tx.query<{ id: string }>(
        `UPDATE request_supports SET email = NULL, name = NULL, address = NULL, confirmation_token_hash = NULL, confirmation_expires_at = NULL, erased_at = $2
          WHERE request_id = $1 AND erased_at IS NULL AND status <> 'withdrawn' RETURNING id`,
        [id, now],
      );
      await tx.query('UPDATE request_paper_supports SET note = NULL, erased_at = $2 WHERE request_id = $1 AND erased_at IS NULL', [id, now]);
      await tx.query('UPDATE request_support_retention SET erased_at = $2 WHERE request_id = $1', [id, now]);
      await deleteQueued(tx, erased.map((r) => r.id));
      return erased.length;
    });
  }
  await db.transaction(async (tx) => {
    // The expiry is checked again in the UPDATE itself: a link renewed a moment ago keeps its row.
    const { rows: expired } = await tx.query<{ id: string }>(
      `UPDATE request_supports SET email = NULL, name = NULL, address = NULL, confirmation_token_hash = NULL, confirmation_expires_at = NULL, erased_at = $1
        WHERE status = 'pending' AND erased_at IS NULL AND confirmation_expires_at <= $1 RETURNING id`,
      [now],
    );
    report.expiredUnconfirmed = expired.length;
    await deleteQueued(tx, expired.map((r) => r.id));
  });
  return report;
}

/** Every email not yet sent to these supports: their keys name the support second (supports.ts `supportOutboxKeys`). */
async function deleteQueued(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `DELETE FROM outbox WHERE status <> 'sent' AND kind = ANY($2::text[]) AND split_part(dedupe_key, ':', 2) = ANY($1::text[])`,
    [[...ids], supportEmailKinds],
  );
}

/** A log line of counts only; undefined when nothing happened. */
export function describeSupportRetention(report: SupportRetentionReport): string | undefined {
  const parts: string[] = [];
  if (report.erased + report.expiredUnconfirmed > 0) parts.push(`usunięte dane poparć wniosków ${report.erased} (po terminie), ${report.expiredUnconfirmed} (niepotwierdzone)`);
  if (report.missingRequests > 0) parts.push(`wnioski, których nie ma już na stronie: ${report.missingRequests} (dane poparć czekają na termin usunięcia)`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
