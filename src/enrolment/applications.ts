/**
 * Storing a sign-up. Runs inside the caller's transaction, so the row and
 * the email announcing it (see src/mail/outbox.ts) commit together or not
 * at all.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { hashConfirmationToken, newConfirmationToken } from '../lib/confirmation-token.ts';
import { newRegistrationCode } from './registration-code.ts';

/**
 * The states of an application (migration 0002's `status`): pending until the
 * link in the email is used, then confirmed (no limit), accepted or
 * waitlisted (a limit or a lottery), or withdrawn (personal data erased).
 */
export const applicationStates = ['pending', 'confirmed', 'accepted', 'waitlisted', 'withdrawn'] as const;
export type ApplicationState = (typeof applicationStates)[number];

export const stateLabels: Record<ApplicationState, string> = {
  pending: 'Oczekują na potwierdzenie',
  confirmed: 'Potwierdzone',
  accepted: 'Przyjęte',
  waitlisted: 'Lista rezerwowa',
  withdrawn: 'Wycofane',
};

/** The one-application form of each state, for lists and the CSV. */
export const stateLabel: Record<ApplicationState, string> = {
  pending: 'oczekuje na potwierdzenie',
  confirmed: 'potwierdzone',
  accepted: 'przyjęte',
  waitlisted: 'lista rezerwowa',
  withdrawn: 'wycofane',
};

/** Statuses of someone who confirmed and still takes part (or waits to). */
export const liveConfirmed = ['confirmed', 'accepted', 'waitlisted'] as const;

/** What the form collected; only `email` is always present. */
export interface NewApplication {
  programmeId: string;
  email: string;
  name?: string | undefined;
  district?: string | undefined;
  phone?: string | undefined;
  ageBand?: string | undefined;
  organisation?: string | undefined;
  message?: string | undefined;
  /** Ids of the declarations ticked. */
  declarations: readonly string[];
}

export type StoreResult =
  | {
      kind: 'stored';
      id: string;
      registrationCode: string;
      /** For the confirmation link only; the database keeps its hash. */
      confirmationToken: string;
      confirmationExpires: Date;
    }
  /** This address already has a live application for this programme. */
  | { kind: 'duplicate-email' };

export interface StoreOptions {
  now: Date;
  /** How long the confirmation link works. */
  confirmationTtlMs: number;
  /** Injectable for tests; random by default. */
  newCode?: () => string;
  /**
   * The token of the confirmation link, given the new row's id and expiry
   * (the signed links of links.ts); a random one by default. Only its hash is stored.
   */
  confirmationToken?: (id: string, expires: Date) => string;
}

export async function storeApplication(tx: Queryable, application: NewApplication, options: StoreOptions): Promise<StoreResult> {
  const newCode = options.newCode ?? (() => newRegistrationCode());
  const expires = new Date(options.now.getTime() + options.confirmationTtlMs);
  // A fresh code collides with an existing one once in ~10^11 tries; a few
  // attempts make that impossible in practice without aborting the transaction.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const id = randomUUID();
    const token = options.confirmationToken?.(id, expires) ?? newConfirmationToken().token;
    const hash = hashConfirmationToken(token);
    // ON CONFLICT DO NOTHING instead of catching the unique violation: a
    // failed statement would abort the caller's whole transaction. Under
    // concurrency the insert waits for any uncommitted row with the same
    // address, so exactly one of two simultaneous sign-ups is stored.
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO applications
         (programme_id, registration_code, email, name, district, phone, age_band, organisation, message,
          declarations, created_at, confirmation_token_hash, confirmation_expires_at, id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        application.programmeId,
        code,
        application.email.trim(),
        application.name ?? null,
        application.district ?? null,
        application.phone ?? null,
        application.ageBand ?? null,
        application.organisation ?? null,
        application.message ?? null,
        [...application.declarations],
        options.now,
        hash,
        expires,
        id,
      ],
    );
    const stored = rows[0];
    if (stored) return { kind: 'stored', id: stored.id, registrationCode: code, confirmationToken: token, confirmationExpires: expires };
    const { rows: live } = await tx.query(
      `SELECT 1 FROM applications WHERE programme_id = $1 AND lower(email) = lower($2) AND status <> 'withdrawn'`,
      [application.programmeId, application.email.trim()],
    );
    if (live.length > 0) return { kind: 'duplicate-email' };
  }
  throw new Error('Could not draw an unused registration code');
}
