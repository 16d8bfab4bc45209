/**
 * The answer when a client sends too many requests: Netlify rewrites a
 * rate-limited request to /api/zapisy/za-duzo-prob (the functions'
 * `rateLimit.to`), and the self-hosted limiter answers the same.
 */
import { wantsJson } from '../../http/request.ts';
import { html, jsonErrors } from '../../http/respond.ts';
import { messagePage } from '../../http/pages.ts';

export const tooManyPath = '/api/zapisy/za-duzo-prob';
const tooManyMessage = 'Wysłano zbyt wiele żądań w krótkim czasie. Odczekaj minutę i spróbuj ponownie — to, co wpisano w formularzu, nie zostało wysłane, więc nie przepadło w przeglądarce.';

export function handleTooMany(request: Request, retryAfterSeconds = 60): Response {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  return wantsJson(request)
    ? jsonErrors(429, [{ field: '', message: tooManyMessage }], headers)
    : html(429, messagePage('Zbyt wiele prób', [tooManyMessage], 'problem'), headers);
}
