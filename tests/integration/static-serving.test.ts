/**
 * npm start's static answers (issue 13): compressed when asked (Brotli and
 * gzip copies made by src/integrations/precompress.ts), the same bytes after
 * decompression, 304 on a matching validator, `immutable` only for
 * fingerprinted paths, HTML revalidated, `Vary: Accept-Encoding`, HEAD, and
 * the site's 404 page still a 404. The real web server of `npm start`
 * (src/server/server.ts) on a small built-site folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder } from '../../src/integrations/precompress.ts';
import { startServer } from '../../src/server/server.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let root: string;
let server: Server;
let origin: string;

/** A raw HTTP request (no automatic decompression), the body as sent on the wire; the path goes out as written. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polish page text long enough to be compressed (over 1 kB). */
const page = (title: string) =>
  `<!doctype html><html lang="pl"><head><title>${title}</title><link rel="stylesheet" href="/_astro/BaseLayout.BIJz4PWR.css"></head><body><h1>${title}</h1>${'<p>Konsultacje społeczne w Krakowie: zapisy, wydarzenia, losowania i archiwum dokumentów.</p>'.repeat(40)}</body></html>`;

const files: Record<string, string | Buffer> = {
  'index.html': page('Wspólnie'),
  'konsultacje/park/index.html': page('Park Zakrzówek'),
  '404.html': page('Nie znaleziono strony'),
  '_astro/BaseLayout.BIJz4PWR.css': `${'.lista{display:grid;gap:1rem}.przycisk{color:#0b5394}'.repeat(60)}`,
  'fonts/inter-core-400-normal.0d322eeca2.woff2': randomBytes(4000),
  'favicon.svg': `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h16v16H0z"/>'.repeat(60)}</svg>`,
  'kalendarz.ics': `BEGIN:VCALENDAR\r\n${'BEGIN:VEVENT\r\nSUMMARY:Spotkanie konsultacyjne\r\nEND:VEVENT\r\n'.repeat(40)}END:VCALENDAR\r\n`,
  'pagefind/pagefind.js': `export const pagefind=1;${'function search(q){return fetch(q)}'.repeat(60)}`,
  'pagefind/index/pl_2241aad.pf_index': randomBytes(3000),
  'maly.txt': 'Krótki plik.',
  'pliki/raport 100% końcowy.txt': `Raport końcowy: ${'wnioski z konsultacji, '.repeat(80)}`,
  'losowe.txt': randomBytes(3000),
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wspolnie-static-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  server = await startServer({ root, port: 0, host: '127.0.0.1', rateLimits: 'off', log: () => {} });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('static answers of npm start', () => {
  it('serves a folder whose compressed copies are not written yet, then the copies once they appear (a live folder)', async () => {
    const before = await get('/konsultacje/park/', { 'Accept-Encoding': 'br, gzip' });
    expect(before.status).toBe(200);
    expect(before.headers['content-encoding']).toBeUndefined();
    expect(before.body.toString('utf8')).toBe(files['konsultacje/park/index.html']);

    const done = await precompressFolder(root);
    expect(done.files).toBe(8); // every text file of 1 kB or more; not maly.txt
    const after = await get('/konsultacje/park/', { 'Accept-Encoding': 'br, gzip' });
    expect(after.headers['content-encoding']).toBe('br');
  });

  it('writes copies only of text worth compressing, and leaves no temporary file behind', async () => {
    for (const name of ['index.html', '_astro/BaseLayout.BIJz4PWR.css', 'kalendarz.ics', 'pagefind/pagefind.js', 'favicon.svg']) {
      for (const suffix of ['.br', '.gz']) expect(existsSync(join(root, name + suffix)), name + suffix).toBe(true);
    }
    expect((await readdir(root, { recursive: true })).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Too small, not text, already compressed by Pagefind, or incompressible.
    for (const name of ['maly.txt', 'fonts/inter-core-400-normal.0d322eeca2.woff2', 'pagefind/index/pl_2241aad.pf_index', 'losowe.txt']) {
      expect(existsSync(join(root, `${name}.br`)), name).toBe(false);
      expect(existsSync(join(root, `${name}.gz`)), name).toBe(false);
    }
  });

  it.each(['/', '/konsultacje/park/', '/_astro/BaseLayout.BIJz4PWR.css', '/kalendarz.ics', '/pagefind/pagefind.js', '/favicon.svg', `/pliki/${encodeURIComponent('raport 100% końcowy.txt')}`])(
    'sends %s as Brotli, gzip or identity by Accept-Encoding, the same bytes each way',
    async (path) => {
      const identity = await get(path);
      expect(identity.status).toBe(200);
      expect(identity.headers['content-encoding']).toBeUndefined();
      const br = await get(path, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      const gz = await get(path, { 'Accept-Encoding': 'gzip' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
      expect(gunzipSync(gz.body).equals(identity.body)).toBe(true);
      expect(br.body.length).toBeLessThan(identity.body.length / 2);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      for (const answer of [identity, br, gz]) {
        expect(answer.headers['vary']).toBe('Accept-Encoding');
        expect(answer.headers['content-type']).toBe(identity.headers['content-type']);
      }
      // Each representation has its own validator.
      expect(new Set([identity, br, gz].map((a) => a.headers['etag'])).size).toBe(3);
    },
  );

  it('keeps the site’s content types', async () => {
    expect((await get('/kalendarz.ics', { 'Accept-Encoding': 'br' })).headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect((await get('/')).headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get('/pagefind/index/pl_2241aad.pf_index')).headers['content-type']).toBe('application/octet-stream');
    expect((await get('/fonts/inter-core-400-normal.0d322eeca2.woff2')).headers['content-type']).toBe('font/woff2');
  });

  it.each(['/', '/_astro/BaseLayout.BIJz4PWR.css', '/fonts/inter-core-400-normal.0d322eeca2.woff2', '/pagefind/index/pl_2241aad.pf_index', '/favicon.svg'])(
    'answers 304 to a matching If-None-Match or If-Modified-Since for %s, 200 otherwise',
    async (path) => {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const first = await get(path, { 'Accept-Encoding': encoding });
        const etag = String(first.headers['etag']);
        expect(etag).toMatch(/^W\/".+"$/);
        const again = await get(path, { 'Accept-Encoding': encoding, 'If-None-Match': etag });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
        expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
        expect((await get(path, { 'Accept-Encoding': encoding, 'If-None-Match': 'W/"1-1"' })).status).toBe(200);

        const modified = String(first.headers['last-modified']);
        expect(Date.parse(modified)).not.toBeNaN();
        expect((await get(path, { 'Accept-Encoding': encoding, 'If-Modified-Since': modified })).status).toBe(304);
        expect((await get(path, { 'Accept-Encoding': encoding, 'If-Modified-Since': new Date(Date.parse(modified) - 60_000).toUTCString() })).status).toBe(200);
      }
    },
  );

  it('compares If-None-Match as RFC 9110 says (a list, `*`, weakly), and repeats the validators in the 304', async () => {
    for (const encoding of ['br', 'identity']) {
      const first = await get('/', { 'Accept-Encoding': encoding });
      const etag = String(first.headers['etag']);
      for (const header of [`"inna", ${etag}`, `${etag}, "inna"`, '*', etag.replace(/^W\//, '')]) {
        const again = await get('/', { 'Accept-Encoding': encoding, 'If-None-Match': header });
        expect(again.status, header).toBe(304);
        expect(again.headers['etag'], header).toBe(etag);
        expect(again.headers['last-modified'], header).toBe(first.headers['last-modified']);
        expect(again.headers['content-type'], header).toBeUndefined();
      }
      // If-None-Match decides alone: a current If-Modified-Since does not make a different tag match.
      expect((await get('/', { 'Accept-Encoding': encoding, 'If-None-Match': '"inna"', 'If-Modified-Since': String(first.headers['last-modified']) })).status).toBe(200);
    }
    // Each coding is its own representation, with its own tag.
    expect((await get('/', { 'Accept-Encoding': 'br' })).headers['etag']).not.toBe((await get('/', { 'Accept-Encoding': 'identity' })).headers['etag']);
  });

  it('caches fingerprinted files for a year as immutable, and revalidates everything else', async () => {
    const immutable = 'public, max-age=31536000, immutable';
    for (const path of ['/_astro/BaseLayout.BIJz4PWR.css', '/fonts/inter-core-400-normal.0d322eeca2.woff2', '/pagefind/index/pl_2241aad.pf_index']) {
      expect((await get(path, { 'Accept-Encoding': 'br' })).headers['cache-control'], path).toBe(immutable);
    }
    for (const path of ['/', '/konsultacje/park/', '/favicon.svg', '/kalendarz.ics', '/pagefind/pagefind.js', '/maly.txt']) {
      expect((await get(path, { 'Accept-Encoding': 'br' })).headers['cache-control'], path).toBe('public, max-age=0, must-revalidate');
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const getAnswer = await get('/konsultacje/park/', { 'Accept-Encoding': 'br' });
    const head = await get('/konsultacje/park/', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-encoding', 'content-length', 'etag', 'cache-control', 'vary', 'content-type']) expect(head.headers[name], name).toBe(getAnswer.headers[name]);
  });

  it('keeps the site’s 404 page with status 404, the trailing-slash redirect and the closed dotfiles', async () => {
    const missing = await get('/nie-ma-takiej-strony/', { 'Accept-Encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.body.toString('utf8')).toBe(files['404.html']);
    expect((await get('/konsultacje/park')).status).toBe(301);
    expect((await get('/konsultacje/park')).headers['location']).toBe('/konsultacje/park/');
    expect((await get('/../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('treats a target that a URL parser would read as a host (`//a%2Fb`, `//[`) as a path, keeps serving, and never redirects to `//…`', async () => {
    for (const target of ['//a%2Fb', '//[', '//evil.example%2F..%2Fkonsultacje', '//%5B']) {
      const answer = await get(target);
      expect([400, 404], target).toContain(answer.status);
    }
    expect((await get('/')).status).toBe(200);
    // The folder exists, so this is the trailing-slash redirect; `//konsultacje/park/` would send a browser to host "konsultacje".
    const redirect = await get('//konsultacje/park?x=1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers['location']).toBe('/konsultacje/park/?x=1');
  });

  it('reads Accept-Encoding by RFC 9110 (q=0 refuses a coding), never sends a copy asked for by name or older than its file, and answers odd ranges whole', async () => {
    const encoding = async (accept: string) => (await get('/', { 'Accept-Encoding': accept })).headers['content-encoding'];
    expect(await encoding('br;q=0, gzip')).toBe('gzip');
    expect(await encoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(await encoding('xbrx')).toBeUndefined();
    expect(await encoding('gzip;q=0.5, br')).toBe('br');
    expect((await get('/index.html.br', { 'Accept-Encoding': 'br' })).status).toBe(404);
    expect((await get('/index.html.gz')).status).toBe(404);
    // A copy the live site is still writing, under its temporary name, is not served either.
    await writeFile(join(root, 'index.html.br.4242.tmp'), 'pół pliku');
    expect((await get('/index.html.br.4242.tmp')).status).toBe(404);
    await rm(join(root, 'index.html.br.4242.tmp'));

    // A file rewritten after its copies were made (as a test's config.yml is): the copies are stale, the file goes out.
    const changed = page('Park Zakrzówek — zmieniony po budowaniu');
    await writeFile(join(root, 'konsultacje/park/index.html'), changed);
    const fresh = await get('/konsultacje/park/', { 'Accept-Encoding': 'br, gzip' });
    expect(fresh.headers['content-encoding']).toBeUndefined();
    expect(fresh.body.toString('utf8')).toBe(changed);

    const whole = (await get('/maly.txt')).body;
    // bytes=0-0: sirv would read the end 0 as "to the end" and send a 206 of the whole file.
    for (const range of ['bytes=10-5', 'bytes=-4', 'items=0-5', 'bytes=abc', 'bytes=0-1,3-4', 'bytes=0-0']) {
      const answer = await get('/maly.txt', { Range: range });
      expect(answer.status, range).toBe(200);
      expect(answer.body.equals(whole), range).toBe(true);
    }
    const part = await get('/maly.txt', { Range: 'bytes=0-5' });
    expect(part.status).toBe(206);
    expect(part.body.equals(whole.subarray(0, 6))).toBe(true);
    expect((await get('/maly.txt', { Range: 'bytes=0-5', 'If-Range': '"inna-wersja"' })).status).toBe(200);
  });
});
