/**
 * A lottery whose district quotas are on groups of districts (issue 14:
 * "the 18 dzielnice … or groups of them"), on the real freeze and draw, on
 * both engines: the frozen pool publishes the group's name for a code whose
 * district is in a group — never that district — and a district in no group
 * as itself; the panel meets the group's bounds counted over its districts;
 * the announcement, the protocol and the results page name the group and its
 * districts; the verifier accepts the protocol and refuses it once a code's
 * group is changed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../src/catalogue/catalogue.ts';
import { announcedFacts } from '../../src/draw/announcement.ts';
import { placesOf } from '../../src/draw/protocol.ts';
import { verifyProtocolText } from '../../src/draw/verify.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { readDrawFile } from '../../src/lottery/files.ts';
import { freezeIfDue } from '../../src/lottery/freeze.ts';
import { runDraw } from '../../src/lottery/run-draw.ts';
import { drawResults } from '../../src/lottery/results.ts';
import { resultsPage } from '../../src/lottery/http/results-page.ts';
import { sampleCodes } from '../support/draw-protocols.ts';
import { drawableAt, scaleLottery, scaleSourceValues } from '../support/draw-scale.ts';
import { engines, type TestDatabase } from '../support/databases.ts';

const links = createLinkSigner(Buffer.from('sekret-testowy-sekret-testowy-0123456789'), 'https://wspolnie.example');
const novaHuta = ['XIV', 'XV', 'XVI', 'XVII', 'XVIII'] as const;
const base = scaleLottery('panel-z-grupami-dzielnic', 10);
const entry: CatalogueEntry = {
  ...base,
  enrolment: {
    ...base.enrolment,
    fields: ['name', 'district'],
    quotas: [{ field: 'district', values: [{ value: 'I', max: 1 }], groups: [{ name: 'Nowa Huta i okolice', districts: [...novaHuta], min: 4, max: 5 }] }],
  },
};
// 50 applicants: few from the five eastern districts (one in eight), most from I and II.
const codes = sampleCodes(50, 77);
const districtOf = (i: number) => (i % 8 === 3 ? novaHuta[i % novaHuta.length]! : i % 2 === 0 ? 'I' : 'II');
const district = new Map(codes.map((c, i) => [c, districtOf(i)]));
const inGroup = (code: string) => (novaHuta as readonly string[]).includes(district.get(code)!);

describe.each(engines)('a lottery with quotas on a group of districts on $name', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await engine.create();
    await database.db.query(
      `INSERT INTO applications (programme_id, registration_code, status, email, name, district, confirmed_at)
       SELECT $1, code, 'confirmed', $2 || '-' || n || '@example.pl', 'Osoba', d, $3
         FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS c (code, d, n)`,
      [entry.id, randomUUID().slice(0, 8), entry.enrolment.closes, codes, codes.map((c) => district.get(c)!)],
    );
  }, 60_000);
  afterAll(() => database?.dispose());

  it('announces the group with its districts, and a category without groups as before', () => {
    const facts = announcedFacts(entry.id, entry.enrolment);
    expect(facts.quotas).toEqual([{ name: 'district', values: { I: { min: 0, max: 1 }, 'Nowa Huta i okolice': { min: 4, max: 5 } }, groups: { 'Nowa Huta i okolice': [...novaHuta] } }]);
    const plain = announcedFacts(entry.id, { ...entry.enrolment, quotas: [{ field: 'district', values: [{ value: 'I', max: 1 }] }] });
    expect(plain.quotas![0]).not.toHaveProperty('groups');
  });

  it('freezes a grouped district as its group, and an ungrouped one as itself', async () => {
    expect(await freezeIfDue(database.db, entry, { links, now: drawableAt(entry) })).toBe('frozen');
    const lines = (await readDrawFile(database.db, entry.id, 'pula.txt'))!.body!.trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    for (const code of codes) expect(lines).toContain(`${code}\t${inGroup(code) ? 'Nowa Huta i okolice' : district.get(code)}`);
    expect(lines.join('\n')).not.toMatch(/\t(XIV|XV|XVI|XVII|XVIII)$/m);
  });

  it('draws a panel that meets the group bounds, which the verifier recomputes', async () => {
    const outcome = await runDraw(database.db, entry, { values: scaleSourceValues, staffId: await staffId(database), now: drawableAt(entry), links });
    expect(outcome.kind).toBe('drawn');
    if (outcome.kind !== 'drawn') return;
    const panel = placesOf(outcome.protocol).accepted;
    expect(panel).toHaveLength(10);
    const grouped = panel.filter(inGroup).length;
    expect(grouped).toBeGreaterThanOrEqual(4);
    expect(grouped).toBeLessThanOrEqual(5);
    expect(panel.filter((c) => district.get(c) === 'I').length).toBeLessThanOrEqual(1);
    // One in eight applicants is from the group: a plain draw of this order would not give it four places.
    expect(outcome.protocol.order.slice(0, 10).filter(inGroup).length).toBeLessThan(4);

    const text = (await readDrawFile(database.db, entry.id, 'protokol.json'))!.body!;
    expect(verifyProtocolText(text).ok).toBe(true);
    expect(JSON.parse(text).stratified.quotas.categories[0].groups).toEqual({ 'Nowa Huta i okolice': [...novaHuta] });
    // A grouped code moved out of its group in the published pool: the recomputed panel differs, or the pool hash does.
    const moved = codes.find((c) => inGroup(c) && panel.includes(c))!;
    const published = JSON.parse(text);
    const at = published.pool.codes.indexOf(moved);
    expect(published.pool.values[at]).toEqual(['Nowa Huta i okolice']);
    published.pool.values[at] = ['II'];
    expect(verifyProtocolText(JSON.stringify(published)).ok).toBe(false);
  });

  it('shows the group and its districts on the results page', async () => {
    const page = resultsPage(entry, await drawResults(database.db, entry), undefined, 1)!;
    expect(page).toContain(
      '<th scope="row">Dzielnica: Nowa Huta i okolice (grupa: Dzielnica XIV Czyżyny, Dzielnica XV Mistrzejowice, Dzielnica XVI Bieńczyce, Dzielnica XVII Wzgórza Krzesławickie, Dzielnica XVIII Nowa Huta)</th><td>4</td><td>5</td>',
    );
  });
});

async function staffId(database: TestDatabase): Promise<string> {
  const { rows } = await database.db.query<{ id: string }>(`INSERT INTO staff (email, allowed_by_table) VALUES ('urzednik-grupy@krakow.example', true) RETURNING id`);
  return rows[0]!.id;
}
