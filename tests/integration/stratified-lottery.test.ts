/**
 * A lottery with seat quotas on the real freeze, draw and withdrawal, on both
 * engines (issue 14): the frozen pool carries each code's district and age
 * band (in pula.txt and its hash), the draw writes a format /2 protocol that
 * the verifier accepts, the places meet every quota, a code withdrawn
 * between the freeze and the draw leaves its place to the promotion rule,
 * and a withdrawal after the draw promotes the code that rule names — not
 * simply the first on the waiting list.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf, type CatalogueEntry } from '../../src/catalogue/catalogue.ts';
import { placesOf, valuesByCode, type Protocol } from '../../src/draw/protocol.ts';
import { promote } from '../../src/draw/stratified.ts';
import { verifyProtocolText } from '../../src/draw/verify.ts';
import { withdrawApplication } from '../../src/enrolment/withdraw.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { readDrawFile } from '../../src/lottery/files.ts';
import { freezeIfDue } from '../../src/lottery/freeze.ts';
import { runDraw } from '../../src/lottery/run-draw.ts';
import { drawResults, findCode } from '../../src/lottery/results.ts';
import { resultsPage } from '../../src/lottery/http/results-page.ts';
import { sampleCodes } from '../support/draw-protocols.ts';
import { drawableAt, scaleLottery, scaleSourceValues } from '../support/draw-scale.ts';
import { engines, type TestDatabase } from '../support/databases.ts';

const links = createLinkSigner(Buffer.from('sekret-testowy-sekret-testowy-0123456789'), 'https://wspolnie.example');
const base = scaleLottery('panel-z-kwotami', 10);
const entry: CatalogueEntry = {
  ...base,
  enrolment: {
    ...base.enrolment,
    fields: ['name', 'district', 'age-band'],
    quotas: [
      { field: 'district', values: [{ value: 'I', min: 3, max: 4 }, { value: 'II', min: 0, max: 2 }] },
      { field: 'age-band', values: [{ value: '75-plus', min: 2, max: 10 }] },
    ],
  },
};
// 60 applicants: most from district II and aged 30–44; few from I, few aged 75+.
const codes = sampleCodes(60, 41);
const districtOf = (i: number) => (i % 12 === 0 ? 'I' : i % 3 === 0 ? 'III' : 'II');
const bandOf = (i: number) => (i % 10 === 7 ? '75-plus' : '30-44');
const answers = new Map(codes.map((c, i) => [c, [districtOf(i), bandOf(i)]]));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function meetsQuotas(panel: readonly string[]): boolean {
  const count = (k: number, v: string) => panel.filter((c) => answers.get(c)![k] === v).length;
  return panel.length === 10 && count(0, 'I') >= 3 && count(0, 'I') <= 4 && count(0, 'II') <= 2 && count(1, '75-plus') >= 2;
}

describe.each(engines)('a lottery with seat quotas on $name', (engine) => {
  let database: TestDatabase;
  let protocol: Protocol;
  const statuses = async () =>
    new Map((await database.db.query<{ registration_code: string; status: string }>('SELECT registration_code, status FROM applications WHERE programme_id = $1', [entry.id])).rows.map((r) => [r.registration_code, r.status]));

  beforeAll(async () => {
    database = await engine.create();
    await database.db.query(
      `INSERT INTO applications (programme_id, registration_code, status, email, name, district, age_band, confirmed_at)
       SELECT $1, code, 'confirmed', $2 || '-' || n || '@example.pl', 'Osoba', d, b, $3
         FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS c (code, d, b, n)`,
      [entry.id, randomUUID().slice(0, 8), entry.enrolment.closes, codes, codes.map((c) => answers.get(c)![0]), codes.map((c) => answers.get(c)![1])],
    );
  }, 60_000);
  afterAll(() => database?.dispose());

  it('freezes the pool with each code district and age band, in pula.txt and its hash', async () => {
    expect(await freezeIfDue(database.db, entry, { links, now: drawableAt(entry) })).toBe('frozen');
    const file = await readDrawFile(database.db, entry.id, 'pula.txt');
    const lines = file!.body!.trimEnd().split('\n');
    expect(lines).toHaveLength(60);
    expect(lines).toContain(`${codes[0]}\tI\t30-44`);
    expect(sha256(file!.body!)).toBe(file!.sha256);
  });

  it('draws a panel that meets every quota and publishes a /2 protocol the verifier accepts', async () => {
    // Withdrawn between the freeze and the draw: stays in the pool, takes no place.
    const gone = codes[12]!; // district I
    const { rows } = await database.db.query<{ id: string }>('SELECT id FROM applications WHERE programme_id = $1 AND registration_code = $2', [entry.id, gone]);
    expect((await withdrawApplication(database.db, links.withdrawToken(rows[0]!.id), { links, catalogue: catalogueOf([entry]), now: drawableAt(entry) })).kind).toBe('withdrawn');

    const outcome = await runDraw(database.db, entry, { values: scaleSourceValues, staffId: await staffId(database), now: drawableAt(entry), links });
    expect(outcome.kind).toBe('drawn');
    if (outcome.kind !== 'drawn') return;
    protocol = outcome.protocol;
    expect(protocol.format).toBe('wspolnie-protokol-losowania/2');
    const stored = await readDrawFile(database.db, entry.id, 'protokol.json');
    const verdict = verifyProtocolText(stored!.body!);
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);

    const now = await statuses();
    const placed = codes.filter((c) => now.get(c) === 'accepted');
    expect(meetsQuotas(placed)).toBe(true);
    expect(now.get(gone)).toBe('withdrawn');
    // The walk's panel, with the withdrawn code's place filled by the promotion rule if it had one.
    const walk = placesOf(protocol);
    for (const code of walk.accepted.filter((c) => c !== gone)) expect(now.get(code)).toBe('accepted');
  });

  it('gives a place freed after the draw to the code the promotion rule names', async () => {
    const now = await statuses();
    const accepted = codes.filter((c) => now.get(c) === 'accepted');
    const leaving = accepted.find((c) => answers.get(c)![0] === 'I')!;
    const { rows: waitingRows } = await database.db.query<{ registration_code: string }>(
      `SELECT registration_code FROM applications WHERE programme_id = $1 AND status = 'waitlisted' ORDER BY waitlist_number`,
      [entry.id],
    );
    const waiting = waitingRows.map((r) => r.registration_code);
    const expected = promote(accepted.filter((c) => c !== leaving), waiting, valuesByCode(protocol.pool)!, protocol.stratified!.effective, protocol.accepted);
    expect(expected.code).toBeDefined();
    // The first on the list would not keep district I's minimum: the rule passes over it.
    expect(expected.code).not.toBe(waiting[0]);

    const { rows } = await database.db.query<{ id: string }>('SELECT id FROM applications WHERE programme_id = $1 AND registration_code = $2', [entry.id, leaving]);
    const result = await withdrawApplication(database.db, links.withdrawToken(rows[0]!.id), { links, catalogue: catalogueOf([entry]), now: drawableAt(entry) });
    expect(result.kind).toBe('withdrawn');
    const after = await statuses();
    expect(after.get(expected.code!)).toBe('accepted');
    expect(meetsQuotas(codes.filter((c) => after.get(c) === 'accepted'))).toBe(true);

    // Published with its rule, and the promoted person is told the truth about why.
    const { rows: published } = await database.db.query<{ code: string; rule: string; passed_over: number }>('SELECT code, rule, passed_over FROM draw_promotions WHERE programme_id = $1 ORDER BY id DESC LIMIT 1', [entry.id]);
    expect(published[0]).toEqual({ code: expected.code, rule: 'quotas', passed_over: expected.skips.length });
    const page = resultsPage(entry, await drawResults(database.db, entry), undefined, 1)!;
    expect(page).toContain(`miejsce dostał kod ${expected.code} — pierwszy na liście rezerwowej, którego przyjęcie zachowuje kwoty, z pominięciem ${expected.skips.length} kod`);
    const { rows: mail } = await database.db.query<{ text_body: string }>(`SELECT o.text_body FROM outbox o JOIN applications a ON o.dedupe_key = 'promoted:' || a.id WHERE a.registration_code = $1`, [expected.code]);
    expect(mail[0]!.text_body).toContain('był pierwszym na liście rezerwowej, którego przyjęcie zachowuje ogłoszone kwoty miejsc');
    expect(mail[0]!.text_body).not.toContain('byłeś(-aś) pierwszy(-a)');
  });

  it('shows the quotas, the procedure, each code with its district and age band, and why a code was passed over', async () => {
    const page = resultsPage(entry, await drawResults(database.db, entry), undefined, 1)!;
    expect(page).toContain('<h2>Kwoty miejsc</h2>');
    expect(page).toContain('<th scope="row">Dzielnica: Dzielnica I Stare Miasto</th><td>3</td><td>4</td>');
    expect(page).toContain('<h3>Losowanie z kwotami miejsc</h3>');
    expect(page).toContain('<th scope="col">Dzielnica</th><th scope="col">Przedział wieku</th><th scope="col">Stan</th>');
    const skip = protocol.stratified!.skips[0]!;
    expect(page).toMatch(new RegExp(`<tr id="kod-${skip.code}">.*Pominięty przy losowaniu: `));
    // Residents read the site's names, not the files' (age-band, district).
    expect(page).not.toMatch(/„(age-band|district)”/);
    expect(page).toMatch(/w kategorii „(Dzielnica|Przedział wieku)”/);
    // A lookup of a code passed over says why, with its district and age band.
    const lookedUp = resultsPage(entry, await drawResults(database.db, entry), { typed: skip.code, found: findCode(await drawResults(database.db, entry), skip.code) }, 1)!;
    expect(lookedUp).toMatch(/, dzielnica: Dzielnica [IVX]+[^,]*, przedział wieku: [^.]+\.<br>Pominięty przy losowaniu: /);
    // Two places changed hands since the draw: one withdrawal before it is applied at the draw, one after.
    const placed = new Set(placesOf(protocol).accepted);
    const now = await statuses();
    const changed = codes.filter((c) => placed.has(c) !== (now.get(c) === 'accepted')).length;
    expect(changed).toBeGreaterThan(0);
    expect(page).toContain(`Od losowania zmienił się stan ${changed} kod`);
    // Whoever holds a place the draw did not give them came from the waiting list, and the page says so.
    const promoted = codes.filter((c) => now.get(c) === 'accepted' && !placed.has(c));
    expect(promoted.length).toBeGreaterThan(0);
    for (const code of promoted) expect(page).toMatch(new RegExp(`<tr id="kod-${code}">.*ma miejsce \\(z listy rezerwowej, po rezygnacji innej osoby\\)`));
  });
});

async function staffId(database: TestDatabase): Promise<string> {
  const { rows } = await database.db.query<{ id: string }>(`INSERT INTO staff (email, allowed_by_table) VALUES ('urzednik-kwoty@krakow.example', true) RETURNING id`);
  return rows[0]!.id;
}
