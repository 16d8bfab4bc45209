/**
 * Runs a fetch-style handler (Request → Response, as Netlify Functions v2
 * are written) inside node:http, so `npm start` serves what Netlify serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerCoding, compressAnswer, compressibleAnswer, weakened } from './compress-answer.ts';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * The absolute URL of a request. The target is appended, not resolved: a
 * target such as `//other.example/x` must not change the origin handlers see.
 * This server speaks plain HTTP; behind a TLS proxy the public address comes from env.
 */
export function requestUrl(req: IncomingMessage, fallbackHost: string): URL {
  const host = req.headers.host !== undefined && /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i.test(req.headers.host) ? req.headers.host : fallbackHost;
  const target = req.url?.startsWith('/') ? req.url : '/';
  return new URL(`http://${host}${target}`);
}

/**
 * The incoming request as a web Request, with the body the server has
 * already read (readBody); without one, the Request has no body.
 */
export function toRequest(req: IncomingMessage, url: URL, body?: Uint8Array<ArrayBuffer>): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers, ...(hasBody ? { body } : {}) });
}

/**
 * Reads a request body of at most `limit` bytes into memory; undefined when
 * it is longer (the rest is left unread); rejects when the client breaks it
 * off or malforms it. A buffer is cheaper to hand to a
 * Request than a stream, and every function body here is small.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      const body = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        body.set(chunk, at);
        at += chunk.length;
      }
      resolve(body);
    });
    req.once('error', reject);
    // A client that goes away mid-body (or sends a broken chunked encoding) ends the request without 'end'.
    req.once('close', () => {
      if (!req.complete) reject(new Error('request body incomplete'));
    });
  });
}

/**
 * Writes a fetch Response to node:http. With `req`, a compressible answer
 * goes out compressed as the request accepts (compress-answer.ts), as
 * Netlify's CDN would send it.
 */
export async function sendResponse(res: ServerResponse, response: Response, method: string | undefined, req?: IncomingMessage): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (method === 'HEAD' || response.body === null) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  let body: Buffer = Buffer.from(await response.arrayBuffer());
  if (req && compressibleAnswer(response.status, response.headers, body.length)) {
    headers['vary'] = headers['vary'] ? `${String(headers['vary'])}, Accept-Encoding` : 'Accept-Encoding';
    const coding = answerCoding(req);
    if (coding) {
      const etag = response.headers.get('etag');
      body = await compressAnswer(body, coding, etag);
      headers['content-encoding'] = coding;
      if (etag !== null) headers['etag'] = weakened(etag);
      delete headers['content-length'];
    }
  }
  res.writeHead(response.status, headers);
  res.end(body);
}
