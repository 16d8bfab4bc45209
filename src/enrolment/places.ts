/**
 * Places of a programme as the sign-up functions need them: whether a
 * first-come programme is full, where a person stands on its waiting list,
 * the public counts, and promotion from the waiting list when a place frees
 * up. Deciding a place itself is capacity.ts's job.
 *
 * Only confirmed applications count: 'confirmed' (lottery and open
 * programmes, waiting for the draw or simply in), 'accepted' and
 * 'waitlisted' (first-come). Pending ones are nobody's place yet.
 */
import type { Queryable } from '../db/database.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import type { ConfirmedStatus } from './emails.ts';

export async function isFull(db: Queryable, entry: CatalogueEntry): Promise<boolean> {
  const { mode, capacity } = entry.enrolment;
  if (mode !== 'first-come' || capacity === undefined) return false;
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE programme_id = $1 AND status = 'accepted'`, [entry.id]);
  return (rows[0]?.n ?? 0) >= capacity;
}

/** A first-come programme with every place taken: new confirmations go to the waiting list. */
export function isFullCount(entry: CatalogueEntry, counts: PlaceCounts): boolean {
  const { mode, capacity } = entry.enrolment;
  return mode === 'first-come' && capacity !== undefined && counts.confirmed >= capacity;
}

/** Place on the waiting list, 1 for the next person to be promoted (see waitlist_number in migration 0002). */
async function waitlistPosition(db: Queryable, applicationId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM applications w, applications me
      WHERE me.id = $1 AND w.programme_id = me.programme_id AND w.status = 'waitlisted'
        AND w.waitlist_number <= me.waitlist_number`,
    [applicationId],
  );
  return rows[0]?.n ?? 0;
}

/** What to tell the person about a confirmed application's status. */
export async function confirmedStatusOf(db: Queryable, applicationId: string, status: string): Promise<ConfirmedStatus> {
  if (status === 'waitlisted') return { status, position: await waitlistPosition(db, applicationId) };
  return status === 'accepted' ? { status } : { status: 'confirmed' };
}

export interface PlaceCounts {
  /** Confirmed applications that hold or compete for a place: 'confirmed' plus 'accepted'. */
  confirmed: number;
  waitlisted: number;
}

export async function placeCounts(db: Queryable, programmeId: string): Promise<PlaceCounts> {
  const { rows } = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM applications
      WHERE programme_id = $1 AND status IN ('confirmed', 'accepted', 'waitlisted')
      GROUP BY status`,
    [programmeId],
  );
  const count = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { confirmed: count('confirmed') + count('accepted'), waitlisted: count('waitlisted') };
}
