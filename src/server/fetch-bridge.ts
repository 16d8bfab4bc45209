/**
 * Runs a fetch-style handler (Request → Response, as Netlify Functions v2
 * are written) inside node:http, so `npm start` serves what Netlify serves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

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

/** The incoming request as a web Request (`withoutBody` when the body was discarded). */
export function toRequest(req: IncomingMessage, url: URL, { withoutBody = false } = {}): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = !withoutBody && method !== 'GET' && method !== 'HEAD';
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

export async function sendResponse(res: ServerResponse, response: Response, method: string | undefined): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (method === 'HEAD' || response.body === null) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}
