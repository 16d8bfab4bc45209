/**
 * The confirmation link (double opt-in), in two steps. Opening the link
 * (GET, HEAD) only looks (`viewConfirmation`): mail scanners, link previews
 * and gateways open every link in an email, and such a visit must not give
 * someone's consent for them — nor a place taken by a stranger's sign-up of
 * a work address. The person's press of the page's button (POST) confirms
 * (`confirmApplication`).
 *
 * A first-come programme gives the place here (capacity.ts: accepted or
 * waitlisted); lottery and open programmes mark the application confirmed.
 * The "confirmed" email is queued in the same transaction.
 */
import type { Database } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { confirmWithCapacity } from './capacity.ts';
import type { Catalogue, CatalogueEntry } from '../catalogue/catalogue.ts';
import { hashConfirmationToken } from '../lib/confirmation-token.ts';
import { confirmedEmail, type ConfirmedStatus } from './emails.ts';
import type { LinkSigner } from '../http/links.ts';
import { confirmedStatusOf } from './places.ts';

export type ConfirmResult =
  | { kind: 'confirmed'; entry: CatalogueEntry; code: string; outcome: ConfirmedStatus }
  /** Confirmed before (a second click, or a mail scanner's): nothing changed. */
  | { kind: 'already'; entry: CatalogueEntry; code: string; outcome: ConfirmedStatus }
  | { kind: 'withdrawn'; entry: CatalogueEntry | undefined; code: string }
  | { kind: 'expired' }
  /** A newer email carries a newer link; this one no longer works. */
  | { kind: 'superseded' }
  /** The programme was cancelled or no longer takes sign-ups. */
  | { kind: 'closed'; entry: CatalogueEntry | undefined }
  | { kind: 'unknown' };

/** What opening the link shows: a button to press, or why there is nothing to confirm (as ConfirmResult). */
export type ConfirmView = { kind: 'ready'; entry: CatalogueEntry; code: string } | Exclude<ConfirmResult, { kind: 'confirmed' }>;

export interface ConfirmOptions {
  links: LinkSigner;
  catalogue: Catalogue;
  now: Date;
}

interface Found {
  [column: string]: unknown;
  programme_id: string;
  status: string;
  registration_code: string;
  email: string | null;
  confirmation_token_hash: string | null;
}

/** Reads what the link would confirm; changes nothing (GET and HEAD, whoever sends them). */
export async function viewConfirmation(db: Database, token: string, { links, catalogue, now }: ConfirmOptions): Promise<ConfirmView> {
  const claim = links.readConfirmToken(token);
  if (!claim) return { kind: 'unknown' };
  const { rows } = await db.query<Found>('SELECT programme_id, status, registration_code, email, confirmation_token_hash FROM applications WHERE id = $1', [claim.applicationId]);
  const found = rows[0];
  if (!found) return { kind: 'unknown' };
  const entry = catalogue.get(found.programme_id);
  const code = found.registration_code;
  if (found.status === 'withdrawn') return { kind: 'withdrawn', entry, code };
  if (found.status !== 'pending') return entry ? { kind: 'already', entry, code, outcome: await confirmedStatusOf(db, claim.applicationId, found.status) } : { kind: 'closed', entry };
  if (claim.expires <= now) return { kind: 'expired' };
  if (found.confirmation_token_hash !== hashConfirmationToken(token)) return { kind: 'superseded' };
  if (!entry || entry.closedEarly) return { kind: 'closed', entry };
  return { kind: 'ready', entry, code };
}

/** Confirms (the button's POST): gives the place or marks it confirmed, and queues the email, in one transaction. */
export async function confirmApplication(db: Database, token: string, { links, catalogue, now }: ConfirmOptions): Promise<ConfirmResult> {
  const claim = links.readConfirmToken(token);
  if (!claim) return { kind: 'unknown' };
  const { applicationId } = claim;
  return db.transaction(async (tx): Promise<ConfirmResult> => {
    const { rows } = await tx.query<Found>(
      'SELECT programme_id, status, registration_code, email, confirmation_token_hash FROM applications WHERE id = $1',
      [applicationId],
    );
    const found = rows[0];
    if (!found) return { kind: 'unknown' };
    const entry = catalogue.get(found.programme_id);
    const code = found.registration_code;
    if (found.status === 'withdrawn') return { kind: 'withdrawn', entry, code };
    if (found.status !== 'pending') {
      return entry ? { kind: 'already', entry, code, outcome: await confirmedStatusOf(tx, applicationId, found.status) } : { kind: 'closed', entry };
    }
    if (claim.expires <= now) return { kind: 'expired' };
    if (found.confirmation_token_hash !== hashConfirmationToken(token)) return { kind: 'superseded' };
    if (!entry || entry.closedEarly) return { kind: 'closed', entry };
    const open = entry;

    let status: string;
    if (entry.enrolment.mode === 'first-come' && entry.enrolment.capacity !== undefined) {
      const decided = await confirmWithCapacity(tx, { applicationId, capacity: entry.enrolment.capacity, now });
      if (decided.kind === 'not-found') return { kind: 'unknown' };
      if (decided.kind === 'not-pending') return alreadyOrWithdrawn(decided.status);
      status = decided.kind;
    } else {
      const { rows: updated } = await tx.query<{ status: string }>(
        `UPDATE applications SET status = 'confirmed', confirmed_at = $2, confirmation_token_hash = NULL, confirmation_expires_at = NULL
          WHERE id = $1 AND status = 'pending' RETURNING status`,
        [applicationId, now],
      );
      if (updated.length === 0) {
        const { rows: current } = await tx.query<{ status: string }>('SELECT status FROM applications WHERE id = $1', [applicationId]);
        return alreadyOrWithdrawn(current[0]?.status ?? 'withdrawn');
      }
      status = 'confirmed';
    }
    const outcome = await confirmedStatusOf(tx, applicationId, status);
    const content = confirmedEmail({ entry, code, outcome, withdrawUrl: links.withdrawUrl(applicationId) });
    await enqueueEmail(tx, { ...content, kind: 'application-confirmed', dedupeKey: `application-confirmed:${applicationId}`, to: found.email ?? '' }, now);
    return { kind: 'confirmed', entry, code, outcome };

    // A concurrent click (or a withdrawal) got there first.
    async function alreadyOrWithdrawn(current: string): Promise<ConfirmResult> {
      if (current === 'withdrawn') return { kind: 'withdrawn', entry: open, code };
      return { kind: 'already', entry: open, code, outcome: await confirmedStatusOf(tx, applicationId, current) };
    }
  });
}
