/**
 * Following: a new follow and its confirmation email, committed together
 * through the outbox; confirming by the emailed link (double opt-in); and
 * unsubscribing, which deletes every follow of the address at once
 * (RFC 8058 one click: nothing is left to manage, and no address is kept).
 *
 * The same address following the same thing again gets no second row: a
 * pending follow has its confirmation email sent again (at most one per
 * `resendIntervalMs`), an active one nothing. The caller answers alike in
 * every case, so the answer never tells whether an address follows anything.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { hashConfirmationToken } from '../lib/confirmation-token.ts';
import type { LinkSigner } from '../http/links.ts';
import { confirmFollowEmail, type Frequency } from './emails.ts';
import { followConfirmationMs, followConfirmUrl } from './links.ts';

export interface NewFollow {
  target: string;
  /** What the emails call the target, e.g. "program „Wspólne Projekty 2026”". */
  followed: string;
  frequency: Frequency;
  email: string;
}

export const defaultFollowResendMs = 10 * 60_000;

/** Stores the follow (or re-sends its confirmation); true when an email was queued. */
export async function follow(db: Database, input: NewFollow, links: LinkSigner, now: Date, resendIntervalMs = defaultFollowResendMs): Promise<boolean> {
  const email = input.email.trim();
  const expires = new Date(Math.floor((now.getTime() + followConfirmationMs) / 1000) * 1000);
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const { rows } = await tx.query(
      `INSERT INTO follows (id, target, frequency, email, created_at, confirmation_token_hash, confirmation_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (target, lower(email)) DO NOTHING RETURNING id`,
      [id, input.target, input.frequency, email, now, hashConfirmationToken(links.confirmToken(id, expires)), expires],
    );
    if (rows.length === 1) return queueConfirmation(tx, id, 'nowe', input, expires, links, now);
    const { rows: existing } = await tx.query<{ id: string; status: string; confirmation_expires_at: Date | null }>(
      'SELECT id, status, confirmation_expires_at FROM follows WHERE target = $1 AND lower(email) = lower($2) FOR UPDATE',
      [input.target, email],
    );
    const live = existing[0];
    if (!live || live.status !== 'pending') return false;
    const bucket = Math.floor(now.getTime() / resendIntervalMs);
    let until = live.confirmation_expires_at ?? expires;
    if (until.getTime() - now.getTime() < 3_600_000) {
      // The first link has (almost) run out: a new one, and the old one stops working.
      until = expires;
      await tx.query('UPDATE follows SET confirmation_token_hash = $2, confirmation_expires_at = $3, frequency = $4 WHERE id = $1', [
        live.id,
        hashConfirmationToken(links.confirmToken(live.id, until)),
        until,
        input.frequency,
      ]);
    }
    return queueConfirmation(tx, live.id, `ponownie:${bucket}`, input, until, links, now);
  });
}

async function queueConfirmation(tx: Queryable, id: string, occasion: string, input: NewFollow, expires: Date, links: LinkSigner, now: Date): Promise<boolean> {
  const content = confirmFollowEmail({ followed: input.followed, frequency: input.frequency, confirmUrl: followConfirmUrl(links, id, expires), expires });
  return enqueueEmail(tx, { ...content, kind: 'follow-confirm', dedupeKey: `follow-confirm:${id}:${occasion}`, to: input.email.trim() }, now);
}

export type ConfirmOutcome = 'ready' | 'confirmed' | 'already' | 'expired' | 'superseded' | 'unknown';

export interface FollowView {
  outcome: ConfirmOutcome;
  target?: string;
  frequency?: Frequency;
}

/**
 * What a confirmation token stands for; with `apply`, confirms it (single
 * use: the token's hash is cleared). Opening the link (GET) only looks.
 */
export async function confirmFollow(db: Database, token: string, links: LinkSigner, now: Date, apply: boolean): Promise<FollowView> {
  const claim = links.readConfirmToken(token);
  if (!claim) return { outcome: 'unknown' };
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ target: string; frequency: Frequency; status: string; confirmation_token_hash: string | null }>(
      `SELECT target, frequency, status, confirmation_token_hash FROM follows WHERE id = $1${apply ? ' FOR UPDATE' : ''}`,
      [claim.applicationId],
    );
    const row = rows[0];
    if (!row) return { outcome: claim.expires.getTime() <= now.getTime() ? 'expired' : 'unknown' };
    const view = { target: row.target, frequency: row.frequency };
    if (row.status === 'active') return { outcome: 'already', ...view };
    if (row.confirmation_token_hash !== hashConfirmationToken(token)) return { outcome: 'superseded', ...view };
    if (claim.expires.getTime() <= now.getTime()) return { outcome: 'expired', ...view };
    if (!apply) return { outcome: 'ready', ...view };
    await tx.query(
      `UPDATE follows SET status = 'active', confirmed_at = $2, confirmation_token_hash = NULL, confirmation_expires_at = NULL WHERE id = $1`,
      [claim.applicationId, now],
    );
    return { outcome: 'confirmed', ...view };
  });
}

/**
 * The follows an unsubscribe token stands for: how many the address has
 * (0 when it has none left), without changing anything.
 */
export async function followsOfToken(db: Database, token: string, links: LinkSigner): Promise<number | undefined> {
  const id = links.readWithdrawToken(token);
  if (!id) return undefined;
  const { rows } = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM follows WHERE lower(email) = (SELECT lower(email) FROM follows WHERE id = $1)',
    [id],
  );
  return rows[0]?.count ?? 0;
}

/**
 * Unsubscribes the address the token's follow belongs to from everything
 * it follows: its follows are deleted, and the follow emails still waiting
 * for it with them. Returns how many follows went (0: already gone), or
 * undefined for a token that is not ours.
 */
export async function unsubscribe(db: Database, token: string, links: LinkSigner): Promise<number | undefined> {
  const id = links.readWithdrawToken(token);
  if (!id) return undefined;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ email: string }>('SELECT email FROM follows WHERE id = $1 FOR UPDATE', [id]);
    const address = rows[0]?.email;
    if (address === undefined) return 0;
    await tx.query(`DELETE FROM outbox WHERE kind LIKE 'follow-%' AND status IN ('pending', 'failed') AND lower(to_address) = lower($1)`, [address]);
    const { rowCount } = await tx.query('DELETE FROM follows WHERE lower(email) = lower($1)', [address]);
    return rowCount;
  });
}
