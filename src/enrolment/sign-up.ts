/**
 * A sign-up, from validated input to a stored application and its queued
 * email, committed together (see storeWithEmail and sign-up-writer.ts).
 *
 * The same address signing up again for the same programme gets no second
 * row: the email it should have had is sent again instead — the
 * confirmation request with the same link while the application waits, or
 * the confirmation with its status once confirmed. Re-sending is limited to
 * one email per application per `resendIntervalMs`, so the form cannot be
 * used to flood someone's inbox. The caller answers both cases alike, so the
 * answer never tells whether an address had signed up before.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import type { NewApplication } from './applications.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { hashConfirmationToken } from '../lib/confirmation-token.ts';
import { confirmationLinkMs } from './confirmation-window.ts';
import { confirmationEmail, confirmedEmail } from './emails.ts';
import type { LinkSigner } from '../http/links.ts';
import { confirmedStatusOf, isFull } from './places.ts';
import { newRegistrationCode } from './registration-code.ts';
import { signUpWriterFor } from './sign-up-writer.ts';
import { ensureAnnounced } from '../draw/announcement-record.ts';

export interface SignUpOptions {
  links: LinkSigner;
  now: Date;
  /** How long a confirmation link works (but see confirmationExpiry). */
  confirmationTtlMs: number;
  resendIntervalMs?: number;
}

export type SignUpOutcome =
  | { kind: 'stored'; applicationId: string; full: boolean }
  /** A live application existed; its email was queued again, or not, because one went out recently. */
  | { kind: 'resent' | 'resend-skipped'; applicationId: string; full: boolean };

/** The pages promise this lifetime (confirmation-window.ts), so it is read from there. */
export const defaultConfirmationTtlMs = confirmationLinkMs;
export const defaultResendIntervalMs = 10 * 60_000;
/** How long after the window closes a link sent just before the close still works. */
export const confirmationGraceMs = 24 * 3_600_000;
/** A link re-sent with less than this left gets a fresh expiry instead. */
const minimumRemainingMs = 3_600_000;

/** A link works `ttl`, but not longer than a day after the window closes: the draw must not wait for stragglers. */
export function confirmationExpiry(entry: CatalogueEntry, now: Date, ttlMs: number): Date {
  const latest = Math.min(now.getTime() + ttlMs, entry.enrolment.closes.getTime() + confirmationGraceMs);
  return new Date(Math.floor(latest / 1000) * 1000);
}

export async function signUp(db: Database, entry: CatalogueEntry, application: NewApplication, options: SignUpOptions): Promise<SignUpOutcome> {
  const { now } = options;
  const expires = confirmationExpiry(entry, now, options.confirmationTtlMs);
  const full = await isFull(db, entry);
  // A lottery's announcement is committed before its first application can be (issue 11 §2; src/draw/announcement-record.ts).
  await ensureAnnounced(db, entry, now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await storeWithEmail(db, entry, application, { ...options, expires, full });
    if (stored) return { kind: 'stored', applicationId: stored, full };
    // Nothing stored: the address already has a live application (re-send, in a transaction of its
    // own), or — once in ~10^11 — the random code was taken, and a new one is drawn.
    const outcome = await db.transaction(async (tx) => {
      const { rows } = await tx.query('SELECT 1 FROM applications WHERE programme_id = $1 AND lower(email) = lower($2) AND status <> \'withdrawn\'', [entry.id, application.email.trim()]);
      return rows.length > 0 ? resend(tx, entry, application, { ...options, full, expires }) : undefined;
    });
    if (outcome) return outcome;
  }
  throw new Error('Could not draw an unused registration code');
}

/**
 * The application and its confirmation email, written together (and with
 * other sign-ups arriving meanwhile: sign-up-writer.ts). Everything the
 * email says — code, links, expiry — is decided before the row exists, so
 * no transaction is held open around the write. Returns the new id, or
 * undefined when the row was not inserted (the address or the code taken).
 */
async function storeWithEmail(
  db: Database,
  entry: CatalogueEntry,
  application: NewApplication,
  { links, now, expires, full }: SignUpOptions & { expires: Date; full: boolean },
): Promise<string | undefined> {
  const id = randomUUID();
  const code = newRegistrationCode();
  const email = application.email.trim();
  const content = confirmationEmail({ entry, code, confirmUrl: links.confirmUrl(id, expires), expires, withdrawUrl: links.withdrawUrl(id), full });
  const stored = await signUpWriterFor(db).write({
    id,
    programmeId: entry.id,
    code,
    email,
    name: application.name ?? null,
    district: application.district ?? null,
    phone: application.phone ?? null,
    ageBand: application.ageBand ?? null,
    organisation: application.organisation ?? null,
    message: application.message ?? null,
    declarations: application.declarations,
    createdAt: now,
    tokenHash: hashConfirmationToken(links.confirmToken(id, expires)),
    expires,
    ...content,
  });
  return stored ? id : undefined;
}

interface LiveApplication {
  [column: string]: unknown;
  id: string;
  status: string;
  registration_code: string;
  email: string;
  confirmation_expires_at: Date | null;
}

async function resend(tx: Queryable, entry: CatalogueEntry, application: NewApplication, options: SignUpOptions & { full: boolean; expires: Date }): Promise<SignUpOutcome> {
  const { links, now, full } = options;
  const { rows } = await tx.query<LiveApplication>(
    `SELECT id, status, registration_code, email, confirmation_expires_at FROM applications
      WHERE programme_id = $1 AND lower(email) = lower($2) AND status <> 'withdrawn'
        FOR UPDATE`,
    [application.programmeId, application.email.trim()],
  );
  const live = rows[0];
  // Withdrawn between the insert and this read: nothing to re-send, and the caller answers as for any sign-up.
  if (!live) return { kind: 'resend-skipped', applicationId: '', full };
  const bucket = Math.floor(now.getTime() / (options.resendIntervalMs ?? defaultResendIntervalMs));
  const kind = live.status === 'pending' ? 'confirm-application' : 'application-confirmed';
  const dedupeKey = `${kind}:${live.id}:ponownie:${bucket}`;
  const { rows: queued } = await tx.query('SELECT 1 FROM outbox WHERE dedupe_key = $1', [dedupeKey]);
  if (queued.length > 0) return { kind: 'resend-skipped', applicationId: live.id, full };

  let content;
  if (live.status === 'pending') {
    let expires = live.confirmation_expires_at;
    if (!expires || expires.getTime() - now.getTime() < minimumRemainingMs) {
      // The first link has (almost) run out: a new expiry, so a new link, and the old one stops working.
      expires = options.expires;
      await tx.query('UPDATE applications SET confirmation_token_hash = $2, confirmation_expires_at = $3 WHERE id = $1', [
        live.id,
        hashConfirmationToken(links.confirmToken(live.id, expires)),
        expires,
      ]);
    }
    content = confirmationEmail({ entry, code: live.registration_code, confirmUrl: links.confirmUrl(live.id, expires), expires, withdrawUrl: links.withdrawUrl(live.id), full });
  } else {
    const outcome = await confirmedStatusOf(tx, live.id, live.status);
    content = confirmedEmail({ entry, code: live.registration_code, outcome, withdrawUrl: links.withdrawUrl(live.id) });
  }
  await enqueueEmail(tx, { ...content, kind, dedupeKey, to: live.email }, now);
  return { kind: 'resent', applicationId: live.id, full };
}
