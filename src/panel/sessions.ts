/**
 * Staff sessions. The cookie holds a random 256-bit token; the database
 * holds only its SHA-256, so a copy of the database signs nobody in. A
 * session ends after `idleMs` without a request, and after `absoluteMs`
 * whatever happens, so a forgotten browser on a shared desk does not stay
 * signed in for a day; signing out deletes it.
 */
import type { Queryable } from '../db/database.ts';
import { hashConfirmationToken as sha256, looksLikeConfirmationToken as looksLikeToken, newConfirmationToken as newToken } from '../lib/confirmation-token.ts';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** 30 minutes idle, 8 hours in all: one working day, with breaks long enough to need a new link. */
export const defaultSessionPolicy: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 8 * 60 * 60_000 };

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export type SessionState = 'live' | 'idle-expired' | 'expired';

/** Where a session stands at `now`; pure, so the rule is tested on its own. */
export function sessionState({ createdAt, lastSeenAt }: SessionTimes, now: Date, policy: SessionPolicy = defaultSessionPolicy): SessionState {
  if (now.getTime() >= createdAt.getTime() + policy.absoluteMs) return 'expired';
  if (now.getTime() >= lastSeenAt.getTime() + policy.idleMs) return 'idle-expired';
  // A clock that moved back (or a row from the future) is not trusted either.
  if (createdAt.getTime() > now.getTime() + 60_000) return 'expired';
  return 'live';
}

/** Starts a session; the returned token goes into the cookie and nowhere else. */
export async function createSession(tx: Queryable, staffId: string, now: Date): Promise<string> {
  const { token, hash } = newToken();
  await tx.query('INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [hash, staffId, now]);
  return token;
}

export interface LiveSession {
  staffId: string;
  tokenHash: string;
}

/**
 * The session a cookie token stands for, if it is live; its idle clock
 * restarts. An expired one is deleted on sight.
 */
export async function touchSession(db: Queryable, token: string, now: Date, policy: SessionPolicy = defaultSessionPolicy): Promise<LiveSession | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const tokenHash = sha256(token);
  const { rows } = await db.query<{ staff_id: string; created_at: Date; last_seen_at: Date }>(
    'SELECT staff_id, created_at, last_seen_at FROM staff_sessions WHERE token_hash = $1',
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (sessionState({ createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at) }, now, policy) !== 'live') {
    await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
    return undefined;
  }
  await db.query('UPDATE staff_sessions SET last_seen_at = greatest(last_seen_at, $2) WHERE token_hash = $1', [tokenHash, now]);
  return { staffId: row.staff_id, tokenHash };
}

export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}

/** Deletes sessions past their absolute expiry (called on sign-in, so the table never grows without bound). */
export async function sweepSessions(db: Queryable, now: Date, policy: SessionPolicy = defaultSessionPolicy): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE created_at <= $1 OR last_seen_at <= $2', [
    new Date(now.getTime() - policy.absoluteMs),
    new Date(now.getTime() - policy.idleMs),
  ]);
}
