/**
 * The secret in a confirmation link. Only its SHA-256 is stored, so a copy
 * of the database cannot confirm anyone's application; the token itself
 * exists in the email alone.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface ConfirmationToken {
  /** Goes into the link: 43 URL-safe characters (256 random bits). */
  token: string;
  /** Goes into the database. */
  hash: string;
}

export function newConfirmationToken(): ConfirmationToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashConfirmationToken(token) };
}

export function hashConfirmationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True for strings shaped like a token; anything else is rejected before hashing. */
export function looksLikeConfirmationToken(input: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(input);
}
