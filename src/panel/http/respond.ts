/**
 * Answers of the panel: its pages are private and personal, so never cached
 * and never indexed, and they carry the site's security headers (Netlify
 * applies _headers to static files only).
 */
import { securityHeaders } from '../../lib/security-headers.ts';

type Extra = Record<string, string | string[]>;

const base = () => ({ ...securityHeaders('/panel/'), 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' });

function withHeaders(init: Record<string, string>, extra: Extra): Headers {
  const headers = new Headers(init);
  // Extras replace the defaults (e.g. a stricter Referrer-Policy); only cookies add up.
  for (const [name, value] of Object.entries(extra)) {
    if (name.toLowerCase() === 'set-cookie') for (const v of [value].flat()) headers.append(name, v);
    else headers.set(name, [value].flat().join(', '));
  }
  return headers;
}

export const panelHtml = (status: number, document: string, extra: Extra = {}) =>
  new Response(document, { status, headers: withHeaders({ ...base(), 'Content-Type': 'text/html; charset=utf-8' }, extra) });

export const panelRedirect = (location: string, extra: Extra = {}) => new Response(null, { status: 303, headers: withHeaders({ ...base(), Location: location }, extra) });

export function panelDownload(body: string, fileName: string, contentType: string): Response {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(body, {
    status: 200,
    headers: withHeaders(
      { ...base(), 'Content-Type': contentType, 'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}` },
      {},
    ),
  });
}
