/**
 * The session cookie. `__Host-` makes the browser refuse it unless it is
 * Secure, has Path=/ and no Domain — so no subdomain and no plain-HTTP page
 * can plant or overwrite it. Chromium treats http://127.0.0.1 and
 * http://localhost as secure contexts and accepts it there (checked with
 * Debian's Chromium 156), so `npm start` works locally; on any other plain
 * http:// address the browser drops it, and the panel needs HTTPS.
 * HttpOnly keeps it from scripts; SameSite=Strict keeps it off every request
 * another site starts, including top-level navigations. No Max-Age: it
 * goes with the browser, and the server ends it earlier (sessions.ts).
 */
import { cookieValue } from '../../lib/cookies.ts';
export const sessionCookieName = '__Host-wspolnie-panel';

export const sessionCookie = (token: string) => `${sessionCookieName}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict`;
export const clearedSessionCookie = () => `${sessionCookieName}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;

/** The session token from a Cookie header, if any. */
export function sessionTokenOf(request: Request): string | undefined {
  return cookieValue(request, sessionCookieName);
}
