/**
 * A draw source value typed in the panel (/panel/losowanie/) over HTTP,
 * against the real server on PGlite with a real SMTP server for the
 * sign-in: a value that can mean two things (a decimal comma, a thousands
 * space, no-break space or dot) is refused with the sentence that shows the
 * key part of each reading, everything typed stays, and nothing runs; the
 * field's hint lists the forms the parser reads; the unambiguous value then
 * draws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numbersHint } from '../../src/draw/typed-numbers.ts';
import { catalogueOf, type CatalogueEntry } from '../../src/catalogue/catalogue.ts';
import { escapeHtml } from '../../src/lib/html.ts';
import { pgliteEngine } from '../support/databases.ts';
import { testEnrolment, type EnrolmentApp } from '../support/enrolment-app.ts';
import { cookieHeader, sameOrigin, seedApplication, signIn, startPanelApp } from '../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const closes = new Date(Date.now() - 72 * hour);
const lottery: CatalogueEntry = {
  id: 'spacer-z-losowaniem',
  kind: 'programme',
  title: 'Spacer badawczy z losowaniem',
  page: '/programy/spacer-z-losowaniem/',
  closedEarly: false,
  enrolment: testEnrolment({
    opens: new Date(closes.getTime() - 240 * hour),
    closes,
    mode: 'lottery',
    capacity: 3,
    drawSources: [{ description: 'Kurs zamknięcia indeksu WIG20 z dnia losowania', kind: 'numbers' }],
    drawDate: new Date(closes.getTime() + 30 * hour),
  }),
};

let sink: SmtpSink;
let t: EnrolmentApp;
let session: string;

beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  t = await startPanelApp(pgliteEngine, sink, { catalogue: async () => catalogueOf([lottery]) });
  for (let i = 0; i < 5; i++) await seedApplication(t.database.db, { programme: lottery.id, status: 'confirmed', confirmedAt: closes });
  session = await signIn(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.dispose();
});

const url = () => `${t.origin}/panel/losowanie/?p=${lottery.id}`;
const post = (value: string) =>
  fetch(url(), { method: 'POST', redirect: 'manual', headers: { ...sameOrigin(t.origin), ...cookieHeader(session) }, body: new URLSearchParams({ v0: value, confirm: 'tak' }) });
const drawState = async () => (await t.database.db.query<{ state: string }>('SELECT state FROM draws WHERE programme_id = $1', [lottery.id])).rows[0]?.state;

describe('a draw source value typed in the panel', () => {
  it('the field hint lists the documented forms', async () => {
    const page = await (await fetch(url(), { headers: cookieHeader(session) })).text();
    expect(page).toContain(escapeHtml(numbersHint));
  });

  it.each([
    ['2345,67', ['liczby 2345 i 67 (część klucza „67.2345./”)', 'liczba 2345.67 (część klucza „2345.67/”)']],
    ['2 345.67', ['liczby 2 i 345.67 (część klucza „2.345.67/”)', 'liczba 2345.67 (część klucza „2345.67/”)']],
    ['2\u00a0345, 67', ['spacja nierozdzielająca', 'liczby 2, 345 i 67 (część klucza „2.67.345./”)', 'liczby 2345 i 67 (część klucza „67.2345./”)']],
    ['2.345', ['liczba 2.345 (część klucza „2.345/”)', 'liczba 2345 (część klucza „2345./”)']],
  ])('refuses „%s”, shows the key part of each reading, keeps it, and runs nothing', async (value, sentences) => {
    const answer = await post(value);
    expect(answer.status).toBe(422);
    const page = await answer.text();
    expect(page).toContain('<title>Błąd: ');
    for (const sentence of sentences) expect(page).toContain(escapeHtml(sentence));
    expect(page).toContain(`value="${escapeHtml(value)}"`);
    expect(await drawState()).toBe('frozen');
    expect((await t.database.db.query(`SELECT 1 FROM audit_log WHERE action = 'draw'`)).rows).toEqual([]);
  });

  it('draws with the value written one way only', async () => {
    const answer = await post('2345.67');
    expect(answer.status).toBe(303);
    expect(await drawState()).toBe('drawn');
    const { rows } = await t.database.db.query<{ protocol: { keyString: string } }>('SELECT protocol FROM draws WHERE programme_id = $1', [lottery.id]);
    expect(rows[0]!.protocol.keyString).toBe('2345.67/');
  });
});
