/**
 * The links in follow emails, signed by the same machinery as sign-ups
 * (src/http/links.ts): the confirmation link carries the follow's random id
 * and an expiry, single use (the database keeps the SHA-256 of the one link
 * it accepts); the unsubscribe link carries the id only and works for as
 * long as the follow exists. No address is ever in a link.
 */
import type { LinkSigner } from '../http/links.ts';

export const followPath = '/api/obserwuj';
export const followConfirmPath = '/api/obserwuj/potwierdz';
export const unsubscribePath = '/api/obserwuj/wypisz';
/** The page a plain (no-JS) form submission is sent to. */
export const checkMailPath = '/obserwuj/sprawdz-poczte/';
/** The page to follow a district or a topic. */
export const followPagePath = '/obserwuj/';

/** A confirmation link works this long. */
export const followConfirmationMs = 48 * 3_600_000;

export const followConfirmUrl = (links: LinkSigner, followId: string, expires: Date) => links.absolute(`${followConfirmPath}?t=${links.confirmToken(followId, expires)}`);
export const unsubscribeUrl = (links: LinkSigner, followId: string) => links.absolute(`${unsubscribePath}?t=${links.withdrawToken(followId)}`);
