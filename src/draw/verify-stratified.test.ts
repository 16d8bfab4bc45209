import { describe, expect, it } from 'vitest';
import { announcedFacts, announcementSha256, type AnnouncementRecord } from './announcement.ts';
import { poolText, poolSha256 } from './pool.ts';
import { buildProtocol, freezePool, placesOf, protocolSchema, serializeProtocol, stratifiedFormat, type Protocol } from './protocol.ts';
import { drawOrder } from './rfc3797.ts';
import { stratifiedDraw } from './stratified.ts';
import { verifyProtocol, verifyProtocolText } from './verify.ts';

// Sixteen codes: three from district I, ten from II, three from III. Four places: exactly two for I, at most one for II.
const districtOf = (i: number) => (i < 3 ? 'I' : i < 13 ? 'II' : 'III');
const codes = Array.from({ length: 16 }, (_, i) => `K${String(i).padStart(3, '0')}-${String.fromCharCode(65 + i)}${String.fromCharCode(80 - i)}`);
const values = new Map(codes.map((c, i) => [c, [districtOf(i)]]));
const enrolment = {
  mode: 'lottery',
  capacity: 4,
  opens: new Date('2026-03-01T08:00:00+01:00'),
  closes: new Date('2026-03-14T22:00:00+01:00'),
  drawDate: new Date('2026-03-17T20:00:00+01:00'),
  drawSources: [{ description: 'Wyniki Lotto z 17 marca 2026 r. (6 liczb)', kind: 'numbers' as const }],
  quotas: [{ field: 'district', values: [{ value: 'I', min: 2, max: 2 }, { value: 'II', min: 0, max: 1 }] }],
};
const facts = announcedFacts('panel', enrolment);
const record: AnnouncementRecord = { facts, sha256: announcementSha256(facts), recordedAt: '2026-03-01T07:00:00.000Z', corrections: [] };
const quotas = { capacity: 4, categories: facts.quotas! };
const sources = [{ description: enrolment.drawSources[0]!.description, kind: 'numbers' as const, values: ['3', '14', '15', '27', '35', '42'] }];
const frozenAt = new Date('2026-03-15T21:00:00Z');
const pool = freezePool(codes, frozenAt, { categories: quotas.categories, valuesOf: (c) => values.get(c) });
const drawn = (): Protocol => buildProtocol({ programme: { id: 'panel', title: 'Panel' }, capacity: 4, pool, sources, at: new Date('2026-03-17T20:00:00Z'), announcement: record, quotas });
const stratifiedOf = (p: Protocol) => p.stratified!;

describe('a protocol with seat quotas (format /2)', () => {
  it('publishes the pool with its values, the quotas, and a panel that keeps them, and verifies', () => {
    const protocol = drawn();
    expect(protocol.format).toBe(stratifiedFormat);
    expect(poolText(pool.codes, pool.values).split('\n')[0]).toBe(`${codes[0]}\tI`);
    expect(protocol.pool.sha256).toBe(poolSha256(pool.codes, pool.values));
    const { accepted, waiting } = placesOf(protocol);
    expect(accepted.map((c) => values.get(c)![0]).filter((d) => d === 'I')).toHaveLength(2);
    expect(accepted.map((c) => values.get(c)![0]).filter((d) => d === 'II').length).toBeLessThanOrEqual(1);
    expect([...accepted, ...waiting].sort()).toEqual([...codes].sort());
    // The same walk on the RFC 3797 order: the protocol adds nothing of its own.
    const order = drawOrder(pool.codes, protocol.outcome === 'draw' ? protocol.keyString : '');
    expect(accepted).toEqual(stratifiedDraw(order, values, quotas).accepted);
    const verdict = verifyProtocolText(serializeProtocol(protocol));
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.summary).toContain('reguła kwot miejsc dokładnie opublikowany skład');
  });

  it('finds a category value changed after the freeze', () => {
    const protocol = drawn();
    const i = protocol.pool.codes.indexOf(stratifiedOf(protocol).accepted.find((c) => values.get(c)![0] === 'I')!);
    protocol.pool.values![i] = ['II'];
    expect(verifyProtocol(protocol).findings).toEqual(expect.arrayContaining([expect.stringContaining('Skrót SHA-256 puli się nie zgadza')]));
    // Re-hashed to hide it: the panel no longer follows from the pool.
    protocol.pool.sha256 = poolSha256(protocol.pool.codes, protocol.pool.values);
    expect(verifyProtocol(protocol).findings.join(' ')).toMatch(/reguły kwot|różnią się od wynikających z puli/);
  });

  it('finds quotas other than the announced ones', () => {
    const protocol = drawn();
    stratifiedOf(protocol).quotas.categories[0]!.values['I']!.min = 1;
    expect(verifyProtocol(protocol).findings).toContain('Kwoty miejsc w protokole różnią się od ogłoszonych przy otwarciu naboru.');
  });

  it('names a code skipped that the rule accepts, and a code placed that it skips', () => {
    const protocol = drawn();
    const record = stratifiedOf(protocol);
    // A code from district III the rule left waiting takes the place of the last code accepted.
    const skipped = { code: placesOf(protocol).waiting.find((c) => values.get(c)![0] === 'III')! };
    const replaced = record.accepted[record.accepted.length - 1]!;
    record.accepted = [...record.accepted.slice(0, -1), skipped.code];
    const findings = verifyProtocol(protocol).findings;
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^Kod ${replaced} \\(pozycja \\d+ w wylosowanej kolejności\\) powinien dostać miejsce`)),
      expect.stringMatching(new RegExp(`^Kod ${skipped.code} dostał miejsce, choć według reguły kwot`)),
    ]));
  });

  it('refuses a /2 protocol without quotas, and finds a plain draw where quotas were announced', () => {
    const protocol = drawn();
    const { stratified: _dropped, ...bare } = protocol;
    expect(protocolSchema.safeParse(bare).success).toBe(false);
    const plainPool = freezePool(codes, frozenAt);
    const plain = buildProtocol({ programme: { id: 'panel', title: 'Panel' }, capacity: 4, pool: plainPool, sources, at: new Date('2026-03-17T20:00:00Z'), announcement: record });
    expect(verifyProtocol(plain).findings).toContain('Ogłoszenie losowania zawiera kwoty miejsc, a protokół ich nie stosuje: miejsca rozdzielono bez kwot.');
  });

  it('records the relaxation when the pool cannot meet a minimum, and verifies it', () => {
    const few = codes.slice(2);
    const fewPool = freezePool(few, frozenAt, { categories: quotas.categories, valuesOf: (c) => values.get(c) });
    const protocol = buildProtocol({ programme: { id: 'panel', title: 'Panel' }, capacity: 4, pool: fewPool, sources, at: new Date('2026-03-17T20:00:00Z'), announcement: record, quotas });
    expect(stratifiedOf(protocol).relaxations).toEqual([{ step: 'R1', category: 'district', value: 'I', bound: 'min', from: 2, to: 1 }]);
    expect(verifyProtocol(protocol).findings).toEqual([]);
    stratifiedOf(protocol).relaxations = [];
    expect(verifyProtocol(protocol).findings).toEqual(expect.arrayContaining([expect.stringContaining('Złagodzenia kwot w protokole różnią się od wynikających z puli')]));
  });

  it('refuses to freeze a pool with a code lacking its category value', () => {
    expect(() => freezePool(codes, frozenAt, { categories: quotas.categories, valuesOf: (c) => (c === codes[5] ? undefined : values.get(c)) })).toThrow(/nie ma wartości każdej kategorii kwot/);
  });
});

describe('a malformed protocol', () => {
  it('is described in Polish, field by field, /2 and /1 alike', () => {
    const protocol = drawn() as unknown as { pool: { values: unknown[] }; stratified: { relaxations: unknown[] } };
    protocol.pool.values[0] = null;
    protocol.stratified.relaxations = [{ step: 'R9', category: 'district', value: 'I', bound: 'min', from: 2, to: 1 }];
    const findings = verifyProtocol(protocol).findings;
    expect(findings).toContain('Protokół ma niepoprawną budowę (pool.values.0): Nieprawidłowe dane wejściowe: oczekiwano tablica, otrzymano null');
    expect(findings.join(' ')).not.toMatch(/Invalid|expected|received/);
  });
});

describe('a protocol with a group of districts', () => {
  // District III and a fourth, IV, count together as "Wschód"; the freeze publishes the group, never III or IV.
  const grouped = { ...enrolment, quotas: [{ field: 'district', values: [{ value: 'II', min: 0, max: 1 }], groups: [{ name: 'Wschód', districts: ['III', 'IV'], min: 2, max: 2 }] }] };
  const groupFacts = announcedFacts('panel', grouped);
  const groupRecord: AnnouncementRecord = { facts: groupFacts, sha256: announcementSha256(groupFacts), recordedAt: '2026-03-01T07:00:00.000Z', corrections: [] };
  const groupQuotas = { capacity: 4, categories: groupFacts.quotas! };
  const category = groupQuotas.categories[0]!;
  const groupPool = freezePool(codes, frozenAt, { categories: groupQuotas.categories, valuesOf: (c) => [values.get(c)![0] === 'III' ? 'Wschód' : values.get(c)![0]!] });
  const groupDrawn = () => buildProtocol({ programme: { id: 'panel', title: 'Panel' }, capacity: 4, pool: groupPool, sources, at: new Date('2026-03-17T20:00:00Z'), announcement: groupRecord, quotas: groupQuotas });

  it('verifies an honest draw, whose panel holds the group its seats', () => {
    const protocol = groupDrawn();
    expect(category.groups).toEqual({ Wschód: ['III', 'IV'] });
    expect(verifyProtocol(protocol).findings).toEqual([]);
    const index = (c: string) => protocol.pool.codes.indexOf(c);
    expect(placesOf(protocol).accepted.filter((c) => protocol.pool.values![index(c)]![0] === 'Wschód')).toHaveLength(2);
  });

  it('finds a pool that publishes a grouped district instead of its group, even re-hashed', () => {
    const protocol = groupDrawn();
    const i = protocol.pool.values!.findIndex((v) => v[0] === 'Wschód');
    protocol.pool.values![i] = ['III'];
    protocol.pool.sha256 = poolSha256(protocol.pool.codes, protocol.pool.values);
    expect(verifyProtocol(protocol).findings).toContain(`Kod ${protocol.pool.codes[i]} ma w puli wartość „III”, która należy do ogłoszonej grupy „Wschód”: zamrożona pula podaje przy takim kodzie nazwę grupy.`);
  });
});
