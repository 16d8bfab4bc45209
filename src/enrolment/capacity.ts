/**
 * First-come places, exact under concurrency.
 *
 * How: every decision about a programme's places first locks that
 * programme's row in `programme_places` (FOR UPDATE), then counts the
 * accepted applications and writes its own. Concurrent confirmations for
 * one programme therefore queue on that row; each one counts only after the
 * previous one has committed, so the count is never stale and no more than
 * `capacity` are ever accepted. Confirmations for different programmes do not
 * wait for each other. Counting (rather than keeping a counter) means a
 * withdrawal needs no bookkeeping: the count is always the table itself.
 *
 * Lock order, for whoever adds withdrawals or promotions from the waiting
 * list: the programme row first, then application rows — never the reverse,
 * or two transactions can deadlock.
 */
import type { Queryable } from '../db/database.ts';

export type ConfirmOutcome =
  | { kind: 'accepted' }
  | { kind: 'waitlisted' }
  /** Already confirmed, withdrawn or decided: nothing changed. */
  | { kind: 'not-pending'; status: string }
  | { kind: 'not-found' };

export interface ConfirmInput {
  applicationId: string;
  /** The programme's number of places (from its enrolment block). */
  capacity: number;
  now: Date;
}

/**
 * Confirms a pending application of a first-come programme: accepted while
 * places remain, waitlisted after. Must run inside a transaction (pass the
 * transaction's handle), which the caller commits together with the email
 * telling the person the outcome.
 */
export async function confirmWithCapacity(tx: Queryable, input: ConfirmInput): Promise<ConfirmOutcome> {
  const { rows: found } = await tx.query<{ programme_id: string }>('SELECT programme_id FROM applications WHERE id = $1', [input.applicationId]);
  const programmeId = found[0]?.programme_id;
  if (programmeId === undefined) return { kind: 'not-found' };

  await lockProgrammePlaces(tx, programmeId);

  // Re-read under the lock: a concurrent click on the same link may have confirmed it meanwhile.
  const { rows: current } = await tx.query<{ status: string }>('SELECT status FROM applications WHERE id = $1 FOR UPDATE', [input.applicationId]);
  const status = current[0]?.status;
  if (status === undefined) return { kind: 'not-found' };
  if (status !== 'pending') return { kind: 'not-pending', status };

  const { rows: counted } = await tx.query<{ accepted: number }>(
    `SELECT count(*)::int AS accepted FROM applications WHERE programme_id = $1 AND status = 'accepted'`,
    [programmeId],
  );
  const outcome = (counted[0]?.accepted ?? 0) < input.capacity ? 'accepted' : 'waitlisted';
  // A waitlisted application takes the programme's next waiting-list number, here under the lock.
  await tx.query(
    `UPDATE applications
        SET status = $2, confirmed_at = $3, confirmation_token_hash = NULL, confirmation_expires_at = NULL,
            waitlist_number = CASE WHEN $2 = 'waitlisted'
              THEN (SELECT coalesce(max(waitlist_number), 0) + 1 FROM applications WHERE programme_id = $4) END
      WHERE id = $1`,
    [input.applicationId, outcome, input.now, programmeId],
  );
  return { kind: outcome };
}

/** Takes the programme's place lock until the transaction ends, creating its row on first use. */
export async function lockProgrammePlaces(tx: Queryable, programmeId: string): Promise<void> {
  await tx.query('INSERT INTO programme_places (programme_id) VALUES ($1) ON CONFLICT (programme_id) DO NOTHING', [programmeId]);
  await tx.query('SELECT programme_id FROM programme_places WHERE programme_id = $1 FOR UPDATE', [programmeId]);
}
