/**
 * The two links of a support's emails, each in two steps as sign-ups do
 * (src/enrolment/confirm.ts): opening a link (GET, HEAD) only looks, because
 * mail scanners and link previews open every link; the button on the page
 * (POST) acts.
 *
 * - confirming counts the support and queues "support confirmed" in the same
 *   transaction; a link works once, until its expiry, and only while the
 *   request has no final answer;
 * - withdrawing deletes the person's data (the columns become NULL; the
 *   migration's CHECK allows no other withdrawn shape), keeps the row marked
 *   withdrawn, and deletes any email still queued for it. No email follows:
 *   there is no address left, which the page says.
 */
import type { Database } from '../db/database.ts';
import type { LinkSigner } from '../http/links.ts';
import { hashConfirmationToken } from '../lib/confirmation-token.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { supportConfirmedEmail } from './emails.ts';
import type { RequestEntry, Requests } from './requests-file.ts';
import { supportLinks, supportOutboxKeys } from './supports.ts';

export interface LinkOptions {
  links: LinkSigner;
  requests: Requests;
  now: Date;
}

/** What a link finds. `request` is undefined when the request is no longer on the site. */
export type SupportLinkState =
  | { kind: 'ready' | 'confirmed' | 'already' | 'withdrawn' | 'pending-withdrawable' | 'confirmed-withdrawable'; request: RequestEntry | undefined; supportId: string }
  | { kind: 'expired' | 'superseded' | 'closed'; request: RequestEntry | undefined }
  | { kind: 'unknown' };

interface Found {
  [column: string]: unknown;
  request_id: string;
  status: string;
  email: string | null;
  confirmation_token_hash: string | null;
}

const select = 'SELECT request_id, status, email, confirmation_token_hash FROM request_supports WHERE id = $1';

function judge(found: Found | undefined, id: string, token: string, expires: Date, { requests, now }: LinkOptions): SupportLinkState {
  if (!found) return { kind: 'unknown' };
  const request = requests.get(found.request_id);
  if (found.status === 'withdrawn') return { kind: 'withdrawn', request, supportId: id };
  if (found.status === 'confirmed') return { kind: 'already', request, supportId: id };
  if (expires <= now || found.email === null) return { kind: 'expired', request };
  if (found.confirmation_token_hash !== hashConfirmationToken(token)) return { kind: 'superseded', request };
  if (!request || request.finalAnswerOn !== null) return { kind: 'closed', request };
  return { kind: 'ready', request, supportId: id };
}

/** What the confirmation page shows before the button; changes nothing. */
export async function viewSupportConfirmation(db: Database, token: string, options: LinkOptions): Promise<SupportLinkState> {
  const claim = options.links.readConfirmToken(token);
  if (!claim) return { kind: 'unknown' };
  const { rows } = await db.query<Found>(select, [claim.applicationId]);
  return judge(rows[0], claim.applicationId, token, claim.expires, options);
}

/** The button: counts the support and queues its email, in one transaction. */
export async function confirmSupport(db: Database, token: string, options: LinkOptions): Promise<SupportLinkState> {
  const claim = options.links.readConfirmToken(token);
  if (!claim) return { kind: 'unknown' };
  const id = claim.applicationId;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Found>(`${select} FOR UPDATE`, [id]);
    const state = judge(rows[0], id, token, claim.expires, options);
    if (state.kind !== 'ready' || !state.request) return state;
    await tx.query(
      `UPDATE request_supports SET status = 'confirmed', confirmed_at = $2, confirmation_token_hash = NULL, confirmation_expires_at = NULL WHERE id = $1`,
      [id, options.now],
    );
    const content = supportConfirmedEmail({ request: state.request, withdrawUrl: supportLinks(options.links).withdraw(id), again: false });
    await enqueueEmail(tx, { ...content, kind: 'request-support-confirmed', dedupeKey: `request-support-confirmed:${id}`, to: rows[0]!.email ?? '' }, options.now);
    return { kind: 'confirmed', request: state.request, supportId: id };
  });
}

/** What the withdrawal page shows before the button; changes nothing. */
export async function viewSupportWithdrawal(db: Database, token: string, { links, requests }: Omit<LinkOptions, 'now'>): Promise<SupportLinkState> {
  const id = links.readWithdrawToken(token);
  if (!id) return { kind: 'unknown' };
  const { rows } = await db.query<Found>(select, [id]);
  const found = rows[0];
  if (!found) return { kind: 'unknown' };
  const request = requests.get(found.request_id);
  if (found.status === 'withdrawn') return { kind: 'withdrawn', request, supportId: id };
  return { kind: found.status === 'confirmed' ? 'confirmed-withdrawable' : 'pending-withdrawable', request, supportId: id };
}

/** The button: the support no longer counts and its data is gone. `already` when it was withdrawn before. */
export async function withdrawSupport(db: Database, token: string, { links, requests, now }: LinkOptions): Promise<{ kind: 'withdrawn' | 'already'; request: RequestEntry | undefined } | { kind: 'unknown' }> {
  const id = links.readWithdrawToken(token);
  if (!id) return { kind: 'unknown' };
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Found>(`${select} FOR UPDATE`, [id]);
    const found = rows[0];
    if (!found) return { kind: 'unknown' };
    const request = requests.get(found.request_id);
    if (found.status === 'withdrawn') return { kind: 'already', request };
    await tx.query(
      `UPDATE request_supports SET status = 'withdrawn', withdrawn_at = $2, email = NULL, name = NULL, address = NULL,
              confirmation_token_hash = NULL, confirmation_expires_at = NULL
        WHERE id = $1`,
      [id, now],
    );
    await tx.query(`DELETE FROM outbox WHERE status <> 'sent' AND dedupe_key LIKE ANY ($1)`, [supportOutboxKeys(id)]);
    return { kind: 'withdrawn', request };
  });
}
