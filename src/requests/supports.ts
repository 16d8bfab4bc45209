/**
 * Supporting a request online, with double opt-in, as sign-ups do
 * (src/enrolment/): the support is stored unconfirmed with the email that
 * asks to confirm it, in one transaction through the outbox; only a
 * confirmed support counts.
 *
 * One support per address and request (a unique index; withdrawing frees
 * the address). The same address supporting again stores nothing new: the
 * email it should have had is queued again — the same confirmation link
 * while the support waits, or "already confirmed" once it counts — at most
 * one per support per `resendIntervalMs`, so the form cannot flood an inbox.
 * The page answers alike either way, so it never tells whether an address
 * had supported a request; the email says it clearly.
 *
 * Links are the sign-ups' signed tokens (src/http/links.ts) over the
 * support's random id, at the support functions' own paths; the database
 * keeps only the SHA-256 of the one confirmation link it accepts.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import type { LinkSigner } from '../http/links.ts';
import { hashConfirmationToken } from '../lib/confirmation-token.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { confirmSupportEmail, supportConfirmedEmail } from './emails.ts';
import { endOfWarsawDay, type RequestEntry } from './requests-file.ts';
import type { Support } from './support-schema.ts';

export const confirmSupportPath = '/api/wnioski/potwierdz';
export const withdrawSupportPath = '/api/wnioski/wycofaj';

/** How long after the last day of online support a link sent on that day still confirms. */
export const supportGraceMs = 24 * 3_600_000;

export interface SupportOptions {
  links: LinkSigner;
  now: Date;
  /** How long a confirmation link works (the runtime's `confirmationTtlMs`, 48 hours), capped by the support period. */
  confirmationTtlMs: number;
  resendIntervalMs: number;
}

export const supportLinks = (links: LinkSigner) => ({
  confirm: (id: string, expires: Date) => links.absolute(`${confirmSupportPath}?t=${links.confirmToken(id, expires)}`),
  withdraw: (id: string) => links.absolute(`${withdrawSupportPath}?t=${links.withdrawToken(id)}`),
});

/** A link works `ttl`, but not past a day after the request's last day of online support. */
export function supportExpiry(request: RequestEntry, now: Date, ttlMs: number): Date {
  const last = request.supportUntil ? endOfWarsawDay(request.supportUntil).getTime() + supportGraceMs : now.getTime() + ttlMs;
  return new Date(Math.floor(Math.min(now.getTime() + ttlMs, last) / 1000) * 1000);
}

export type SupportOutcome = { kind: 'stored'; id: string } | { kind: 'resent' | 'resend-skipped'; id: string };

/** Stores `support` for `request` (or re-sends its email), the email queued in the same transaction. */
export async function submitSupport(db: Database, request: RequestEntry, support: Support, options: SupportOptions): Promise<SupportOutcome> {
  const { links, now } = options;
  const expires = supportExpiry(request, now, options.confirmationTtlMs);
  const email = support.email.trim();
  const urls = supportLinks(links);
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const { rows } = await tx.query(
      `INSERT INTO request_supports (id, request_id, email, name, address, created_at, confirmation_token_hash, confirmation_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, request.id, email, support.name, support.address, now, hashConfirmationToken(links.confirmToken(id, expires)), expires],
    );
    if (rows.length === 1) {
      const content = confirmSupportEmail({ request, confirmUrl: urls.confirm(id, expires), expires, withdrawUrl: urls.withdraw(id), again: false });
      await enqueueEmail(tx, { ...content, kind: 'request-support-confirm', dedupeKey: `request-support-confirm:${id}`, to: email }, now);
      return { kind: 'stored', id };
    }
    return resend(tx, request, email, { ...options, expires });
  });
}

async function resend(tx: Queryable, request: RequestEntry, email: string, options: SupportOptions & { expires: Date }): Promise<SupportOutcome> {
  const { links, now } = options;
  const { rows } = await tx.query<{ id: string; status: string; email: string; confirmation_expires_at: Date | null }>(
    `SELECT id, status, email, confirmation_expires_at FROM request_supports
      WHERE request_id = $1 AND lower(email) = lower($2) AND status <> 'withdrawn' FOR UPDATE`,
    [request.id, email],
  );
  const live = rows[0];
  if (!live) return { kind: 'resend-skipped', id: '' };
  const bucket = Math.floor(now.getTime() / options.resendIntervalMs);
  const kind = live.status === 'pending' ? 'request-support-confirm' : 'request-support-confirmed';
  const dedupeKey = `${kind}:${live.id}:ponownie:${bucket}`;
  const { rows: queued } = await tx.query('SELECT 1 FROM outbox WHERE dedupe_key = $1', [dedupeKey]);
  if (queued.length > 0) return { kind: 'resend-skipped', id: live.id };
  const urls = supportLinks(links);
  let content;
  if (live.status === 'pending') {
    let expires = live.confirmation_expires_at ? new Date(live.confirmation_expires_at) : undefined;
    if (!expires || expires.getTime() - now.getTime() < 3_600_000) {
      // The first link has (almost) run out: a new one, and the old one stops working.
      expires = options.expires;
      await tx.query('UPDATE request_supports SET confirmation_token_hash = $2, confirmation_expires_at = $3 WHERE id = $1', [
        live.id,
        hashConfirmationToken(links.confirmToken(live.id, expires)),
        expires,
      ]);
    }
    content = confirmSupportEmail({ request, confirmUrl: urls.confirm(live.id, expires), expires, withdrawUrl: urls.withdraw(live.id), again: true });
  } else {
    content = supportConfirmedEmail({ request, withdrawUrl: urls.withdraw(live.id), again: true });
  }
  await enqueueEmail(tx, { ...content, kind, dedupeKey, to: live.email }, now);
  return { kind: 'resent', id: live.id };
}

/** The outbox kinds of a support's emails; each key is `<kind>:<support id>[:ponownie:<n>]`. */
export const supportEmailKinds = ['request-support-confirm', 'request-support-confirmed'];

/** LIKE patterns of every email queued for one support (above and confirm.ts). */
export const supportOutboxKeys = (id: string) => [`request-support-confirm:${id}`, `request-support-confirm:${id}:%`, `request-support-confirmed:${id}`, `request-support-confirmed:${id}:%`];
