/**
 * What a POST must pass before its body is even parsed — a same-site
 * origin, a form or JSON content type in UTF-8, a bounded size — and the
 * parsing itself. Each refusal is a Polish sentence with its HTTP status;
 * nothing here throws on bad input.
 */

/** Enough for the longest message (5,000 characters, URL-encoded) and every other field. */
const maxBodyBytes = 100 * 1024;

export interface Refusal {
  status: 400 | 403 | 413 | 415;
  message: string;
}

export type Fields = URLSearchParams | FormData | Record<string, unknown>;

export const refusals = {
  crossSite: { status: 403, message: 'Ten formularz można wysłać tylko ze strony portalu Wspólnie. Otwórz stronę programu i wyślij formularz stamtąd.' },
  tooLarge: { status: 413, message: 'Formularz zawiera za dużo danych. Skróć wiadomość i wyślij go ponownie.' },
  contentType: { status: 415, message: 'Nieobsługiwany format danych: formularz musi być wysłany jako zwykły formularz strony (albo JSON) w kodowaniu UTF-8.' },
  malformed: { status: 400, message: 'Nie udało się odczytać danych formularza. Odśwież stronę i wyślij formularz ponownie.' },
} as const satisfies Record<string, Refusal>;

/**
 * A cross-site POST (another site's page submitting to ours) is refused.
 * Browsers say where a request comes from in Sec-Fetch-Site, and older ones
 * in Origin; a request with neither is not from a browser page (there is no
 * session or cookie a forged one could ride on anyway).
 */
export function isCrossSite(request: Request, siteOrigins: readonly string[]): boolean {
  // The browser sets Sec-Fetch-Site and no page can forge it; when present it decides. (A page under
  // Referrer-Policy: no-referrer, like the withdrawal page, posts with "Origin: null" even to itself.)
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return true; // "null" (sandboxed frames, privacy redirects) and garbage
  }
  // The host, not the scheme: behind a TLS proxy the server itself sees http://.
  return from.host !== new URL(request.url).host && !siteOrigins.includes(from.origin);
}

type Kind = 'urlencoded' | 'multipart' | 'json';

export function bodyKind(request: Request): Kind | undefined {
  const header = request.headers.get('content-type') ?? '';
  const [type = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return undefined;
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (type === 'multipart/form-data') return 'multipart';
  if (type === 'application/json') return 'json';
  return undefined;
}

/** The body, at most `limit` bytes; undefined when it is longer (or the stream fails). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (declared > limit) return undefined;
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Checks the content type and size, then parses; a Refusal for anything else. */
export async function readFields(request: Request, limit = maxBodyBytes): Promise<{ fields: Fields } | { refusal: Refusal }> {
  const kind = bodyKind(request);
  if (!kind) return { refusal: refusals.contentType };
  const body = await readLimited(request, limit);
  if (!body) return { refusal: refusals.tooLarge };
  try {
    if (kind === 'multipart') {
      const form = await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
      return { fields: form };
    }
    const text = utf8.decode(body);
    if (kind === 'urlencoded') return { fields: new URLSearchParams(text) };
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { refusal: refusals.malformed };
    return { fields: parsed as Record<string, unknown> };
  } catch {
    return { refusal: refusals.malformed };
  }
}

/** The first string value of `name`, whatever the body's kind. */
export function firstField(fields: Fields, name: string): string {
  if (fields instanceof URLSearchParams) return fields.get(name) ?? '';
  if (fields instanceof FormData) {
    const value = fields.get(name);
    return typeof value === 'string' ? value : '';
  }
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : '';
}

/** The enhanced form asks for JSON; a plain form post (and anything else) gets HTML. */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  return /\bapplication\/json\b/i.test(accept) && !/\btext\/html\b/i.test(accept.split(',')[0] ?? '');
}
