/**
 * Function answers from `npm start` are compressed as Netlify's CDN would
 * compress them (issue 13; src/server/compress-answer.ts): a lottery's
 * protokol.json and pula.txt and its results pages go out as Brotli or gzip
 * by the request's Accept-Encoding, decompress to exactly the plain bytes,
 * vary by Accept-Encoding, keep a (weak) validator that still gets a 304, and
 * a results page's tag moves with the draw's version. Raw node:http, so
 * nothing decompresses behind the test's back.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/catalogue/catalogue.ts';
import { withdrawApplication } from '../../src/enrolment/withdraw.ts';
import { pgliteEngine } from '../support/databases.ts';
import { drawableAt, scaleLottery, seedFreezeAndDraw } from '../support/draw-scale.ts';
import { startEnrolmentApp, type EnrolmentApp } from '../support/enrolment-app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const entry = scaleLottery('skompresowane', 100);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let sink: SmtpSink;
let env: EnrolmentApp;
let order: string[];

function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(`${env.origin}/losowania/${entry.id}/${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

const decoded = (answer: Raw) =>
  answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.body) : answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : answer.body;

beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  env = await startEnrolmentApp(pgliteEngine, sink, { catalogue: async () => catalogueOf([entry]), workerIntervalMs: 24 * hour });
  env.clock.advance(drawableAt(entry).getTime() - env.clock.now().getTime());
  order = (await seedFreezeAndDraw(env.database.db, entry, 1_000, env.app.runtime.links, { now: env.clock.now() })).protocol.order;
}, 120_000);
afterAll(async () => {
  await env?.close();
  await sink?.dispose();
});

describe('function answers of npm start', () => {
  it.each(['protokol.json', 'pula.txt', '', '?strona=2', `?kod=ABC`])('compress %s by Accept-Encoding, to the very bytes sent plain', async (path) => {
    const plain = await get(path, { 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toContain('Accept-Encoding');
    for (const [accept, coding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['gzip;q=1, br;q=0.5', 'gzip'], ['br;q=0, gzip;q=0', undefined]] as const) {
      const answer = await get(path, { 'Accept-Encoding': accept });
      expect(answer.headers['content-encoding'], accept).toBe(coding);
      expect(answer.headers['vary'], accept).toContain('Accept-Encoding');
      expect(decoded(answer).equals(plain.body), accept).toBe(true);
      // Random codes compress least (pula.txt: about 60 %); HTML and JSON to a fraction.
      if (coding) expect(answer.body.length, accept).toBeLessThan(plain.body.length * 0.8);
    }
  });

  it('keep a validator on compressed files and pages that still gets a 304', async () => {
    for (const path of ['protokol.json', '?strona=2']) {
      const compressed = await get(path, { 'Accept-Encoding': 'br' });
      const tag = String(compressed.headers['etag']);
      expect(tag).toMatch(/^W\/"/);
      expect((await get(path, { 'Accept-Encoding': 'identity' })).headers['etag']).toBe(tag.slice(2));
      const again = await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': tag });
      expect(again.status, path).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });

  it('give a results page a new tag once the draw version moves', async () => {
    const before = String((await get('', { 'Accept-Encoding': 'identity' })).headers['etag']);
    const { rows } = await env.database.db.query<{ id: string }>('SELECT id FROM applications WHERE programme_id = $1 AND registration_code = $2', [entry.id, order[0]]);
    const links = env.app.runtime.links;
    expect((await withdrawApplication(env.database.db, links.withdrawToken(rows[0]!.id), { links, catalogue: catalogueOf([entry]), now: env.clock.now() })).kind).toBe('withdrawn');
    const after = await get('', { 'Accept-Encoding': 'identity', 'If-None-Match': before });
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(before);
    expect(after.body.toString()).toContain(`<tr id="kod-${order[0]}">`);
    expect(after.body.toString()).toMatch(new RegExp(`kod-${order[0]}.*zgłoszenie wycofane`));
  });
});
