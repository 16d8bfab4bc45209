/**
 * Every response a function writes: JSON for the enhanced form, Polish HTML
 * pages, redirects and downloads. Each carries the site's security headers
 * (Netlify applies _headers to static files only) and is never cached; the
 * header profile says which page set it belongs to:
 *
 * - `public` — the sign-up functions and the lottery's pages (CSP of /api/zapisy);
 * - `panel` — the staff panel: private and personal, so also never indexed
 *   (X-Robots-Tag) and under the panel's CSP.
 *
 * `extra` headers replace the profile's (e.g. a stricter Referrer-Policy);
 * only Set-Cookie adds up, one header per cookie.
 */
import { securityHeaders } from '../lib/security-headers.ts';
import type { FieldError } from '../forms/field-error.ts';
import type { Refusal } from './request.ts';

/** Header name → value; Set-Cookie may be a list. */
export type Extra = Record<string, string | readonly string[]>;

export type HeaderProfile = 'public' | 'panel';

const profiles: Record<HeaderProfile, () => Record<string, string>> = {
  public: () => ({ ...securityHeaders('/api/zapisy'), 'Cache-Control': 'no-store' }),
  panel: () => ({ ...securityHeaders('/panel/'), 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' }),
};

/** The profile's headers, then `init`, then `extra` (Set-Cookie appended, anything else replaced). */
function headersFor(profile: HeaderProfile, init: Record<string, string>, extra: Extra = {}): Headers {
  const headers = new Headers({ ...profiles[profile](), ...init });
  for (const [name, value] of Object.entries(extra)) {
    if (name.toLowerCase() === 'set-cookie') for (const v of [value].flat()) headers.append(name, v);
    else headers.set(name, [value].flat().join(', '));
  }
  return headers;
}

export function json(status: number, body: unknown, extra: Extra = {}, profile: HeaderProfile = 'public'): Response {
  return new Response(JSON.stringify(body), { status, headers: headersFor(profile, { 'Content-Type': 'application/json; charset=utf-8' }, extra) });
}

/** An HTML page; `document` as text, or as its UTF-8 bytes when kept encoded (a cached page need not be encoded per view). */
export function html(status: number, document: string | Uint8Array<ArrayBuffer>, extra: Extra = {}, profile: HeaderProfile = 'public'): Response {
  return new Response(document, { status, headers: headersFor(profile, { 'Content-Type': 'text/html; charset=utf-8' }, extra) });
}

/** 303 See Other: after a POST, the browser GETs `location` (a reload repeats nothing). */
export function seeOther(location: string, extra: Extra = {}, profile: HeaderProfile = 'public'): Response {
  return new Response(null, { status: 303, headers: headersFor(profile, { Location: location }, extra) });
}

/** An attachment named `fileName` (UTF-8 in filename*, an ASCII fallback in filename; RFC 6266). */
function download(body: string, fileName: string, contentType: string, profile: HeaderProfile = 'public'): Response {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(body, {
    status: 200,
    headers: headersFor(profile, { 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}` }),
  });
}

/** The staff panel's HTML page (profile `panel`). */
export const panelHtml = (status: number, document: string, extra: Extra = {}) => html(status, document, extra, 'panel');
/** The staff panel's redirect after a POST or to the sign-in page (profile `panel`). */
export const panelRedirect = (location: string, extra: Extra = {}) => seeOther(location, extra, 'panel');
/** A file the panel hands out, e.g. the CSV export (profile `panel`). */
export const panelDownload = (body: string, fileName: string, contentType: string) => download(body, fileName, contentType, 'panel');

/** The JSON shape of every refusal: the same list the form's error summary shows. */
export const jsonErrors = (status: number, errors: FieldError[], extra: Extra = {}) => json(status, { errors }, extra);

export const jsonRefusal = (refusal: Refusal) => jsonErrors(refusal.status, [{ field: '', message: refusal.message }]);

/** Pages whose address holds a link token: the token must not travel on in a Referer. */
export const tokenPage = { 'Referrer-Policy': 'no-referrer' } as const;
