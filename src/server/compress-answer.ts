/**
 * Compression of the functions' answers in the self-hosted server, as
 * Netlify's CDN does for deployed functions (issue 13: `npm start` serves
 * like a CDN): a text answer of 1 kB or more goes out as Brotli or gzip when
 * the request accepts it (RFC 9110 section 12.5.3, by `negotiator`), with
 * `Vary: Accept-Encoding`. The work runs on libuv's thread pool, not on the
 * thread that takes sign-ups. An answer with an ETag (a lottery's
 * protokol.json and pula.txt, a results page of one draw version) is
 * compressed once and kept, by tag and coding, within `cacheBytes`; its tag
 * is then sent weak (`W/"…"`), as a compressed form is a different
 * representation of the same content, and weak comparison — the one
 * If-None-Match uses — still matches it to the function's own tag.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import Negotiator from 'negotiator';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Answers smaller than this (bytes) go as they are. */
const minimumBytes = 1024;
/** Compressed answers kept, in bytes: a 50,000-code protocol is about 0.5 MB compressed. */
const cacheBytes = 64 * 1024 * 1024;
/** Brotli quality for answers: 4 is fast enough per request and within a few per cent of higher ones on this HTML and JSON. */
const brotliQuality = 4;

const compressible = /^(text\/|application\/(json|xml|javascript|ld\+json|rss\+xml|atom\+xml|manifest\+json)|image\/svg\+xml)/i;

export type AnswerCoding = 'br' | 'gzip';

/**
 * Whether an answer may be compressed at all (and so varies by
 * Accept-Encoding): a 200 of a compressible type, not encoded already, of at
 * least `minimumBytes`.
 */
export function compressibleAnswer(status: number, headers: Headers, size: number): boolean {
  return status === 200 && !headers.has('content-encoding') && size >= minimumBytes && compressible.test(headers.get('content-type') ?? '');
}

/** The coding the request prefers among Brotli, gzip and none; undefined for none. */
export function answerCoding(req: IncomingMessage): AnswerCoding | undefined {
  if (!/br|gzip/i.test(req.headers['accept-encoding'] ?? '')) return undefined;
  // negotiator 1.x takes the order of preference; @types/negotiator still describes 0.6's one-argument form.
  const negotiator = new Negotiator(req) as unknown as { encoding(available: string[], options: { preferred: string[] }): string | undefined };
  const chosen = negotiator.encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip', 'identity'] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

const kept = new Map<string, Buffer>();
let keptBytes = 0;

function keep(key: string, body: Buffer): void {
  if (body.length > cacheBytes / 4) return;
  kept.set(key, body);
  keptBytes += body.length;
  for (const [oldest, old] of kept) {
    if (keptBytes <= cacheBytes) break;
    kept.delete(oldest);
    keptBytes -= old.length;
  }
}

/** `body` in `coding`; kept and reused when the answer has an ETag (its bytes are then the same every time). */
export async function compressAnswer(body: Buffer, coding: AnswerCoding, etag: string | null): Promise<Buffer> {
  const key = etag === null ? undefined : `${coding} ${etag.replace(/^W\//, '')}`;
  const hit = key === undefined ? undefined : kept.get(key);
  if (hit) {
    // Most recently used last: the map's order is what keep() drops first.
    kept.delete(key!);
    kept.set(key!, hit);
    return hit;
  }
  const compressed = coding === 'br'
    ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : await gzipped(body);
  if (key !== undefined) keep(key, compressed);
  return compressed;
}

/** The tag a compressed answer carries: the function's own, made weak. */
export const weakened = (etag: string): string => (etag.startsWith('W/') ? etag : `W/${etag}`);
