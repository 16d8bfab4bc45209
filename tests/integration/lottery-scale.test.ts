/**
 * A lottery at city scale (issue 13): 50,000 confirmed codes for 2,000
 * places, frozen and drawn on the real app, on both engines. The results
 * page comes in bounded pages (every code on exactly one of them), a lookup
 * by code answers with that code's row alone, the pool file's SHA-256 is the
 * one published, the protocol verifies as a whole (and a swap near its end is
 * caught), both files carry a strong ETag and answer 304; a withdrawal after
 * the draw shows at once. The 50,000 applications go in with one statement
 * and no email is sent (the outbox worker is idle), so the test takes
 * seconds; how long the draw takes is the bench's business
 * (`npm run bench -- --draw`), not this test's.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/catalogue/catalogue.ts';
import { poolText } from '../../src/draw/pool.ts';
import { verifyProtocolText } from '../../src/draw/verify.ts';
import { withdrawApplication } from '../../src/enrolment/withdraw.ts';
import { pageSize } from '../../src/lottery/http/results-page.ts';
import { drawResultEmail } from '../../src/lottery/emails.ts';
import { resultsPath } from '../../src/lottery/freeze.ts';
import { engines } from '../support/databases.ts';
import { drawableAt, scaleLottery, scaleSourceValues, seedFreezeAndDraw } from '../support/draw-scale.ts';
import { startEnrolmentApp, type EnrolmentApp } from '../support/enrolment-app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const poolSize = 50_000;
const capacity = 2_000;
/** Bytes a page of 250 codes may take with the page around it; the whole list was 5.97 MB before issue 13. */
const pageBudget = 100_000;
const lookupBudget = 30_000;
const entry = scaleLottery('zgromadzenie-obywatelskie', capacity);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const rowsIn = (html: string) => html.match(/<tr id="kod-/g)?.length ?? 0;

let sink: SmtpSink;
beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
});
afterAll(() => sink?.dispose());

describe.each(engines)('a 50,000-code lottery on $name', (engine) => {
  let env: EnrolmentApp;
  let order: string[];
  let codes: string[];
  const page = (path: string, headers: Record<string, string> = {}) => fetch(`${env.origin}/losowania/${entry.id}/${path}`, { headers });

  beforeAll(async () => {
    // The worker never wakes on its own during the test: 50,000 emails stay queued, not sent.
    env = await startEnrolmentApp(engine, sink, { catalogue: async () => catalogueOf([entry]), workerIntervalMs: 24 * hour });
    env.clock.advance(drawableAt(entry).getTime() - env.clock.now().getTime());
    const drawn = await seedFreezeAndDraw(env.database.db, entry, poolSize, env.app.runtime.links, { now: env.clock.now() });
    codes = drawn.codes;
    order = drawn.protocol.order;
    const { rows } = await env.database.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM applications WHERE programme_id = $1 GROUP BY status ORDER BY status`, [entry.id]);
    expect(rows).toEqual([{ status: 'accepted', n: capacity }, { status: 'waitlisted', n: poolSize - capacity }]);
  }, 180_000);
  afterAll(() => env?.close());

  it('queued one result email per code in the draw’s transaction, each exactly as drawResultEmail composes it', async () => {
    const { rows } = await env.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'draw-result'`);
    expect(rows[0]!.n).toBe(poolSize);
    // The database filled the templates (src/mail/outbox-bulk.ts): the first accepted and a waiting one deep in the list.
    for (const [position, result] of [[0, { status: 'accepted', drawn: true }], [40_000, { status: 'waitlisted', position: 40_001 - capacity }]] as const) {
      const code = order[position]!;
      const { rows: queued } = await env.database.db.query<{ id: string; email: string; subject: string; text_body: string; html_body: string; to_address: string }>(
        `SELECT a.id, a.email, o.subject, o.text_body, o.html_body, o.to_address FROM applications a JOIN outbox o ON o.dedupe_key = 'draw-result:' || a.id WHERE a.registration_code = $1`,
        [code],
      );
      const row = queued[0]!;
      const links = env.app.runtime.links;
      const expected = drawResultEmail({ entry, code, result, withdrawUrl: links.withdrawUrl(row.id), resultsUrl: links.absolute(resultsPath(entry.id)) });
      expect({ subject: row.subject, text: row.text_body, html: row.html_body, to: row.to_address }).toEqual({ ...expected, to: row.email });
    }
  });

  it('shows the results in bounded pages: every code on exactly one, in drawn order, with page links', async () => {
    const first = await page('');
    const html = await first.text();
    expect(first.status).toBe(200);
    expect(Buffer.byteLength(html)).toBeLessThan(pageBudget);
    expect(rowsIn(html)).toBe(pageSize);
    expect(html).toContain(`<tr id="kod-${order[0]}">`);
    expect(html).not.toContain(`kod-${order[pageSize]}`);
    expect(html).toContain('pozycje 1–250 z 50000, strona 1 z 200');
    expect(html).toContain('<nav class="pagination" aria-label="Strony wyników (200)">');
    expect(html).toContain(`href="/losowania/${entry.id}/?strona=200"`);
    for (const kept of ['pula.txt', 'protokol.json', 'Jak przebiega losowanie', 'Sprawdź swój kod', 'weryfikator-losowania.js', '50000 kodów']) expect(html).toContain(kept);

    const last = await (await page('?strona=200')).text();
    expect(rowsIn(last)).toBe(pageSize);
    expect(last).toContain(`<tr id="kod-${order[poolSize - 1]}">`);
    expect(last).toContain('lista rezerwowa, 48000. pozycja');
    expect(last).toContain('<span aria-current="page"><span class="visually-hidden">Strona </span>200</span>');

    // Page 137 holds exactly the codes drawn 34,001st to 34,250th.
    const middle = await (await page('?strona=137')).text();
    const shown = [...middle.matchAll(/<tr id="kod-([^"]+)">/g)].map((m) => m[1]);
    expect(shown).toEqual(order.slice(136 * pageSize, 137 * pageSize));
  });

  it('gives each page one address: ?strona=01 and ?strona=1 lead there for good', async () => {
    for (const [typed, canonical] of [['01', ''], ['1', ''], ['', ''], ['002', '?strona=2'], [' 7', '?strona=7']] as const) {
      const answer = await fetch(`${env.origin}/losowania/${entry.id}/?strona=${encodeURIComponent(typed)}`, { redirect: 'manual' });
      expect(answer.status, typed).toBe(301);
      expect(answer.headers.get('location'), typed).toBe(`/losowania/${entry.id}/${canonical}`);
    }
    expect((await page('?strona=2')).status).toBe(200);
  });

  it('answers a page past the end or a page that is not a number with a Polish 404', async () => {
    for (const strona of ['201', 'abc', '0', '-1']) {
      const answer = await page(`?strona=${strona}`);
      expect(answer.status, strona).toBe(404);
      expect(await answer.text()).toContain('Nie ma takiej strony wyników');
    }
  });

  it('looks up one code: its row alone, with the page of the list that holds it', async () => {
    const code = order[34_567]!;
    const answer = await (await page(`?kod=${code.toLowerCase().replace('-', ' ')}`)).text();
    expect(Buffer.byteLength(answer)).toBeLessThan(lookupBudget);
    expect(rowsIn(answer)).toBe(0);
    expect(answer).toContain(`Kod <strong class="mono">${code}</strong>: lista rezerwowa, 32568. pozycja, pozycja w losowaniu 34568`);
    expect(answer).toContain(`?strona=139#kod-${code}`);
    for (const other of [order[0]!, order[34_566]!, order[34_568]!]) expect(answer).not.toContain(other);

    const unknown = await (await page('?kod=ZZZZ-ZZZZ')).text();
    expect(unknown).toContain('Nie ma kodu „ZZZZ-ZZZZ” w puli tego losowania');
    expect(rowsIn(unknown)).toBe(0);
    expect(Buffer.byteLength(unknown)).toBeLessThan(lookupBudget);
  });

  it('serves the pool file as stored, its SHA-256 the published one, with a strong ETag and 304', async () => {
    // The plain representation carries the strong tag (a compressed one, its weak form: function-compression.test.ts).
    const answer = await page('pula.txt', { 'Accept-Encoding': 'identity' });
    const body = await answer.text();
    expect(body).toBe(poolText([...codes].sort()));
    const published = (await (await page('')).text()).match(/class="mono hash">([0-9a-f]{64})</)![1]!;
    expect(sha256(body)).toBe(published);
    expect(answer.headers.get('etag')).toBe(`"${published}"`);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await page('pula.txt', { 'If-None-Match': `"${published}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await page('pula.txt', { 'If-None-Match': '"0000"' })).status).toBe(200);
  });

  it('serves a protocol the verifier checks as a whole, with a strong ETag and 304', async () => {
    const answer = await page('protokol.json', { 'Accept-Encoding': 'identity' });
    const text = await answer.text();
    expect(answer.headers.get('etag')).toBe(`"${sha256(text)}"`);
    expect((await page('protokol.json', { 'If-None-Match': `W/"x", ${answer.headers.get('etag')}` })).status).toBe(304);
    const verification = verifyProtocolText(text, { sourceValues: scaleSourceValues });
    expect(verification.findings).toEqual([]);
    expect(verification.ok).toBe(true);
    const protocol = JSON.parse(text) as { order: string[] };
    expect(protocol.order).toEqual(order);
    // Two codes swapped near the end of the drawn order, far from any page a person would read: still caught.
    [protocol.order[49_997], protocol.order[49_998]] = [protocol.order[49_998]!, protocol.order[49_997]!];
    expect(verifyProtocolText(JSON.stringify(protocol)).ok).toBe(false);
  });

  it('shows a withdrawal after the draw at once: the first on the list gets the place', async () => {
    const leaving = order[5]!;
    const promoted = order[capacity]!;
    expect(await (await page(`?kod=${promoted}`)).text()).toContain('lista rezerwowa, 1. pozycja');
    const { rows } = await env.database.db.query<{ id: string }>('SELECT id FROM applications WHERE registration_code = $1', [leaving]);
    const result = await withdrawApplication(env.database.db, env.app.runtime.links.withdrawToken(rows[0]!.id), { links: env.app.runtime.links, catalogue: catalogueOf([entry]), now: env.clock.now() });
    expect(result.kind).toBe('withdrawn');
    expect(await (await page(`?kod=${promoted}`)).text()).toContain(`Kod <strong class="mono">${promoted}</strong>: ma miejsce`);
    const first = await (await page('')).text();
    expect(first).toContain('Od losowania zmienił się stan 2 kodów');
    expect(first).toContain(`<tr id="kod-${leaving}"><td>6</td><th scope="row" class="mono">${leaving}</th><td>`);
    expect(first).toMatch(new RegExp(`kod-${leaving}.*?zgłoszenie wycofane`));
  });
});
