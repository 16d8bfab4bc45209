/**
 * The links in sign-up emails: HMAC-SHA256 signed with the site's key
 * (secret.ts), so nobody can make one up, and carrying the application id
 * (random, not personal data) so a used or superseded link can be told from
 * an invented one.
 *
 *   confirm:  <id>.<expiry>.<signature>   expires; single use, because
 *             confirming changes the status and the database keeps the
 *             SHA-256 of the one link it still accepts (cleared on use);
 *   withdraw: <id>.<signature>            no expiry: it works for as long as
 *             the application exists, and withdrawing twice is harmless.
 *
 * The same (id, expiry) always gives the same confirmation token, so an
 * email sent again repeats the link of the first one instead of killing it.
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

export const confirmPath = '/api/zapisy/potwierdz';
export const withdrawPath = '/api/zapisy/rezygnacja';

const signatureLength = 32; // base64url characters: 192 bits
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const confirmShape = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})$/;
const withdrawShape = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/;

interface ConfirmClaim {
  applicationId: string;
  expires: Date;
}

export interface LinkSigner {
  confirmToken(applicationId: string, expires: Date): string;
  /** The claim of a token this key signed, or undefined (forged, mangled, or signed with another key). */
  readConfirmToken(token: string): ConfirmClaim | undefined;
  withdrawToken(applicationId: string): string;
  readWithdrawToken(token: string): string | undefined;
  confirmUrl(applicationId: string, expires: Date): string;
  withdrawUrl(applicationId: string): string;
  /** A site path as the absolute address emails need, e.g. a results page. */
  absolute(path: string): string;
}

const idToText = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');

function textToId(text: string): string | undefined {
  const hex = Buffer.from(text, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  // Base64 has spare bits: only the canonical spelling of an id is accepted.
  return uuid.test(id) && idToText(id) === text ? id : undefined;
}

export function createLinkSigner(key: Buffer, siteUrl: string): LinkSigner {
  // One key object for every signature: importing raw key bytes on each call costs more than the HMAC.
  const secret = createSecretKey(key);
  const sign = (purpose: string, body: string) => createHmac('sha256', secret).update(`${purpose}|${body}`).digest('base64url').slice(0, signatureLength);
  const verified = (purpose: string, body: string, signature: string) => timingSafeEqual(Buffer.from(sign(purpose, body)), Buffer.from(signature));
  const site = siteUrl.replace(/\/+$/, '');

  const signer: LinkSigner = {
    confirmToken(applicationId, expires) {
      const body = `${idToText(applicationId)}.${Math.floor(expires.getTime() / 1000).toString(36)}`;
      return `${body}.${sign('potwierdz', body)}`;
    },
    readConfirmToken(token) {
      const match = confirmShape.exec(token);
      if (!match) return undefined;
      const [, idText = '', expiry = '', signature = ''] = match;
      if (!verified('potwierdz', `${idText}.${expiry}`, signature)) return undefined;
      const applicationId = textToId(idText);
      return applicationId ? { applicationId, expires: new Date(Number.parseInt(expiry, 36) * 1000) } : undefined;
    },
    withdrawToken(applicationId) {
      const body = idToText(applicationId);
      return `${body}.${sign('rezygnacja', body)}`;
    },
    readWithdrawToken(token) {
      const match = withdrawShape.exec(token);
      if (!match) return undefined;
      const [, idText = '', signature = ''] = match;
      return verified('rezygnacja', idText, signature) ? textToId(idText) : undefined;
    },
    confirmUrl: (applicationId, expires) => `${site}${confirmPath}?t=${signer.confirmToken(applicationId, expires)}`,
    withdrawUrl: (applicationId) => `${site}${withdrawPath}?t=${signer.withdrawToken(applicationId)}`,
    absolute: (path) => `${site}${path.startsWith('/') ? path : `/${path}`}`,
  };
  return signer;
}

/** Whole seconds, as links carry them: what the database stores must match the link exactly. */
export const toLinkPrecision = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
