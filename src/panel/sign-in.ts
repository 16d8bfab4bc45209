/**
 * Passwordless sign-in: a staff member types their address and, if it is on
 * the allow-list (allow-list.ts), receives a link that works once, for 15
 * minutes. The site stores no password and only the SHA-256 of the link's
 * 256-bit token. The answer to a request is the same whether the address
 * is listed or not, and nothing is written for an unlisted one.
 *
 * Mail scanners open links, so the link's page only shows a button; the
 * POST it sends uses the token and starts the session.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { hashConfirmationToken as sha256, looksLikeConfirmationToken as looksLikeToken, newConfirmationToken as newToken } from '../lib/confirmation-token.ts';
import { formatTime } from '../lib/dates.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { composeEmail } from '../mail/template.ts';
import { allowedStaff, stillAllowed } from './allow-list.ts';
import { recordAudit } from './audit.ts';
import { createSession, sweepSessions } from './sessions.ts';

export const signInPath = '/panel/logowanie';
const signInLinkPath = '/panel/logowanie/link';
const linkTtlMs = 15 * 60_000;
/** Links one address may be sent per `linkTtlMs`: enough for a lost email, too few to flood an inbox. */
const linksPerAddress = 3;

export interface SignInRequestOptions {
  envEmails: readonly string[];
  now: Date;
  /** The site's public origin, for the link (never the request's Host header, which a client chooses). */
  siteOrigin: string;
}

export type SignInRequestOutcome = 'sent' | 'not-listed' | 'limited';

/** Queues a link for a listed address; the caller answers the same whatever the outcome. */
export async function requestSignInLink(db: Database, email: string, { envEmails, now, siteOrigin }: SignInRequestOptions): Promise<SignInRequestOutcome> {
  return db.transaction(async (tx) => {
    const staff = await allowedStaff(tx, email, envEmails);
    if (!staff) return 'not-listed';
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_sign_in_links WHERE staff_id = $1 AND created_at > $2', [
      staff.id,
      new Date(now.getTime() - linkTtlMs),
    ]);
    if ((rows[0]?.n ?? 0) >= linksPerAddress) return 'limited';
    await tx.query('DELETE FROM staff_sign_in_links WHERE expires_at <= $1', [now]);
    const { token, hash } = newToken();
    const expires = new Date(now.getTime() + linkTtlMs);
    await tx.query('INSERT INTO staff_sign_in_links (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hash, staff.id, now, expires]);
    const link = `${siteOrigin.replace(/\/+$/, '')}${signInLinkPath}?t=${token}`;
    const content = composeEmail('Link logowania do panelu pracowników — Wspólnie', [
      { paragraph: 'Dzień dobry,' },
      { paragraph: `ktoś — zapewne Ty — poprosił o link logowania do panelu pracowników portalu Wspólnie. Link działa jeden raz, do godz. ${formatTime(expires)} (15 minut).` },
      { link, label: 'Zaloguj się do panelu' },
      { paragraph: 'Jeśli to nie Ty, zignoruj tę wiadomość: bez tego linku nikt się nie zaloguje.' },
      { paragraph: 'Zespół portalu Wspólnie — Kraków' },
    ]);
    await enqueueEmail(tx, { kind: 'staff-sign-in', dedupeKey: `staff-sign-in:${randomUUID()}`, to: staff.email, ...content }, now);
    return 'sent';
  });
}

export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';

/** What the link's page says before the button is pressed; changes nothing. */
export async function signInLinkState(db: Database, token: string, now: Date): Promise<LinkState> {
  if (!looksLikeToken(token)) return 'unknown';
  const { rows } = await db.query<{ used_at: Date | null; expires_at: Date }>('SELECT used_at, expires_at FROM staff_sign_in_links WHERE token_hash = $1', [sha256(token)]);
  const row = rows[0];
  if (!row) return 'unknown';
  if (row.used_at) return 'used';
  return new Date(row.expires_at) <= now ? 'expired' : 'valid';
}

export type SignInOutcome = { kind: 'signed-in'; sessionToken: string; staffId: string } | { kind: Exclude<LinkState, 'valid'> | 'not-allowed' };

/** Uses the link (once) and starts a session; the sign-in is audited. */
export async function signInWithLink(db: Database, token: string, { envEmails, now }: { envEmails: readonly string[]; now: Date }): Promise<SignInOutcome> {
  if (!looksLikeToken(token)) return { kind: 'unknown' };
  const hash = sha256(token);
  const outcome = await db.transaction(async (tx): Promise<SignInOutcome> => {
    const { rows } = await tx.query<{ staff_id: string }>(
      'UPDATE staff_sign_in_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING staff_id',
      [hash, now],
    );
    const staffId = rows[0]?.staff_id;
    if (!staffId) return { kind: 'unknown' };
    if (!(await stillAllowed(tx, staffId, envEmails))) return { kind: 'not-allowed' };
    await sweepSessions(tx, now);
    const sessionToken = await createSession(tx, staffId, now);
    await recordAudit(tx, { staffId, action: 'sign-in', at: now });
    return { kind: 'signed-in', sessionToken, staffId };
  });
  if (outcome.kind !== 'unknown') return outcome;
  // Not used now: say why (a second click, too late, or not a link of ours).
  const state = await signInLinkState(db, token, now);
  return { kind: state === 'valid' ? 'used' : state };
}
