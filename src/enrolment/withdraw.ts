/**
 * Withdrawal through the signed link in every email. It deletes the
 * person's data (the columns become NULL; the migration's CHECK makes that
 * the only withdrawn shape) and keeps the row with its public code, marked
 * 'withdrawn', so published lists and draws stay checkable. Emails still
 * waiting in the outbox for this application are deleted with the address
 * they hold. No confirmation email is possible: there is no address left,
 * which the page says.
 *
 * Runs only on POST: mail scanners prefetch links, and a GET must never
 * take a place away from anyone.
 *
 * A place freed by an accepted person (first-come, or a lottery after its
 * draw) goes to the first person on the waiting list, in the same
 * transaction, and the email telling them commits with it.
 */
import type { Database, Queryable } from '../db/database.ts';
import { lockProgrammePlaces } from './capacity.ts';
import type { Catalogue, CatalogueEntry } from '../catalogue/catalogue.ts';
import type { LinkSigner } from '../http/links.ts';
import { promoteNext } from './waitlist.ts';

export interface WithdrawOptions {
  links: LinkSigner;
  catalogue: Catalogue;
  now: Date;
}

export type WithdrawalView =
  | { kind: 'live'; code: string; status: string; entry: CatalogueEntry | undefined }
  | { kind: 'withdrawn'; code: string; entry: CatalogueEntry | undefined }
  | { kind: 'unknown' };

export type WithdrawResult =
  | { kind: 'withdrawn'; code: string; entry: CatalogueEntry | undefined; promoted: string | undefined }
  | { kind: 'already'; code: string; entry: CatalogueEntry | undefined }
  | { kind: 'unknown' };

/** What the GET page shows before the person decides; changes nothing. */
export async function viewWithdrawal(db: Database, token: string, { links, catalogue }: Pick<WithdrawOptions, 'links' | 'catalogue'>): Promise<WithdrawalView> {
  const applicationId = links.readWithdrawToken(token);
  if (!applicationId) return { kind: 'unknown' };
  const { rows } = await db.query<{ programme_id: string; status: string; registration_code: string }>(
    'SELECT programme_id, status, registration_code FROM applications WHERE id = $1',
    [applicationId],
  );
  const found = rows[0];
  if (!found) return { kind: 'unknown' };
  const entry = catalogue.get(found.programme_id);
  return found.status === 'withdrawn'
    ? { kind: 'withdrawn', code: found.registration_code, entry }
    : { kind: 'live', code: found.registration_code, status: found.status, entry };
}

export async function withdrawApplication(db: Database, token: string, options: WithdrawOptions): Promise<WithdrawResult> {
  const applicationId = options.links.readWithdrawToken(token);
  if (!applicationId) return { kind: 'unknown' };
  return db.transaction((tx) => withdrawInTransaction(tx, applicationId, options));
}

/**
 * The withdrawal itself, by application id, in the caller's transaction:
 * the link above, and a staff member deleting a person's data on request
 * (src/staff/delete.ts), which audits it in the same transaction.
 */
export async function withdrawInTransaction(tx: Queryable, applicationId: string, options: WithdrawOptions): Promise<WithdrawResult> {
  const { rows: found } = await tx.query<{ programme_id: string }>('SELECT programme_id FROM applications WHERE id = $1', [applicationId]);
  const programmeId = found[0]?.programme_id;
  if (programmeId === undefined) return { kind: 'unknown' };
  const entry = options.catalogue.get(programmeId);
  // Lock order of capacity.ts: the programme's place lock first, then the application row.
  await lockProgrammePlaces(tx, programmeId);
  const { rows } = await tx.query<{ status: string; registration_code: string }>(
    'SELECT status, registration_code FROM applications WHERE id = $1 FOR UPDATE',
    [applicationId],
  );
  const current = rows[0];
  if (!current) return { kind: 'unknown' };
  if (current.status === 'withdrawn') return { kind: 'already', code: current.registration_code, entry };

  await tx.query(
    `UPDATE applications
        SET status = 'withdrawn', withdrawn_at = $2,
            email = NULL, name = NULL, district = NULL, phone = NULL, age_band = NULL, organisation = NULL, message = NULL,
            confirmation_token_hash = NULL, confirmation_expires_at = NULL
      WHERE id = $1`,
    [applicationId, options.now],
  );
  await tx.query(`DELETE FROM outbox WHERE status <> 'sent' AND dedupe_key LIKE ANY ($1)`, [outboxKeysOf(applicationId)]);

  let promoted: string | undefined;
  if (current.status === 'accepted' && entry) {
    promoted = await promoteNext(tx, entry, options);
  }
  return { kind: 'withdrawn', code: current.registration_code, entry, promoted };
}

/** LIKE patterns of every email queued for one application (see sign-up.ts, confirm.ts, src/notices/, src/staff/message.ts). */
const outboxKeysOf = (applicationId: string) => [
  `confirm-application:${applicationId}`,
  `confirm-application:${applicationId}:%`,
  `application-confirmed:${applicationId}`,
  `application-confirmed:${applicationId}:%`,
  `draw-result:${applicationId}`,
  `promoted:${applicationId}`,
  // The scheduled notices (src/notices/participants.ts): change notices and reminders.
  `event-change:${applicationId}:%`,
  `event-reminder:${applicationId}:%`,
  // Messages from staff (src/staff/message.ts).
  `staff-message:%:${applicationId}`,
];
