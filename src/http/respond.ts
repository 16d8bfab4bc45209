/**
 * Responses of the sign-up functions: JSON for the enhanced form, small
 * Polish HTML pages otherwise. All carry the site's security headers (Netlify
 * applies _headers to static files only) and are never cached, except where
 * a handler says so.
 */
import { securityHeaders } from '../lib/security-headers.ts';
import type { Refusal } from './request.ts';

type Extra = Record<string, string>;

const base = (): Record<string, string> => ({ ...securityHeaders('/api/zapisy'), 'Cache-Control': 'no-store' });

export function json(status: number, body: unknown, extra: Extra = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...base(), 'Content-Type': 'application/json; charset=utf-8', ...extra } });
}

export function html(status: number, document: string, extra: Extra = {}): Response {
  return new Response(document, { status, headers: { ...base(), 'Content-Type': 'text/html; charset=utf-8', ...extra } });
}

export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { ...base(), Location: location } });
}

/** One mistake or problem: the form's own type (`field` '' concerns the whole form). */
export type { FieldError } from '../enrolment/form-schema.ts';
import type { FieldError } from '../enrolment/form-schema.ts';

/** The JSON shape of every refusal: the same list the form's error summary shows. */
export const jsonErrors = (status: number, errors: FieldError[], extra: Extra = {}) => json(status, { errors }, extra);

export const jsonRefusal = (refusal: Refusal) => jsonErrors(refusal.status, [{ field: '', message: refusal.message }]);

/** Pages whose address holds a link token: the token must not travel on in a Referer. */
export const tokenPage = { 'Referrer-Policy': 'no-referrer' } as const;
