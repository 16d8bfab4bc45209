import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAnnouncement } from './announcement-check.ts';
import { announcedFacts, announcedFactsSchema, announcementSha256, canonicalText, differences, enrolmentOfFacts, factsBefore, quotasOfFacts, type AnnouncementRecord } from './announcement.ts';
import { buildProtocol, freezePool } from './protocol.ts';
import { verifyProtocol } from './verify.ts';

const enrolment = {
  mode: 'lottery',
  capacity: 3,
  opens: new Date('2026-03-01T08:00:00+01:00'),
  closes: new Date('2026-03-14T22:00:00+01:00'),
  drawDate: new Date('2026-03-17T20:00:00+01:00'),
  // A decomposed "ó" (o + U+0301) and surrounding spaces: the canonical form trims and composes.
  drawSources: [
    { description: '  Wyniki Lotto z 17 marca 2026 r. (6 liczb) ', kind: 'numbers' as const },
    { description: 'Kurs średni EUR NBP z 17 marca 2026 r., zapisany cyframi, dwo\u0301jka', kind: 'text' as const },
  ],
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the canonical form of an announcement', () => {
  it('is RFC 8785 JSON with the documented members, UTC instants with milliseconds, trimmed NFC descriptions', () => {
    const text = canonicalText(announcedFacts('warsztaty', enrolment));
    // Written out by hand from the rules in announcement.ts: members sorted, no whitespace.
    expect(text).toBe(
      '{"capacity":3,"closes":"2026-03-14T21:00:00.000Z","drawDate":"2026-03-17T19:00:00.000Z","format":"wspolnie-ogloszenie-losowania/1",' +
        '"mode":"lottery","opens":"2026-03-01T07:00:00.000Z","programme":"warsztaty","sources":[' +
        '{"description":"Wyniki Lotto z 17 marca 2026 r. (6 liczb)","kind":"numbers"},' +
        '{"description":"Kurs średni EUR NBP z 17 marca 2026 r., zapisany cyframi, dwójka","kind":"text"}]}',
    );
    expect(announcementSha256(announcedFacts('warsztaty', enrolment))).toBe(sha256(text));
  });

  it('changes with every announced fact and lists each difference in Polish', () => {
    const recorded = announcedFacts('warsztaty', enrolment);
    const moved = announcedFacts('warsztaty', { ...enrolment, capacity: 5, closes: new Date('2026-02-01T10:00:00Z'), drawSources: [enrolment.drawSources[0]!, { ...enrolment.drawSources[1]!, kind: 'numbers' }] });
    expect(announcementSha256(moved)).not.toBe(announcementSha256(recorded));
    const found = differences(recorded, moved);
    expect(found.map((d) => d.field)).toEqual(['Koniec naboru', 'Liczba miejsc', 'Źródło losowości 2 — rodzaj wartości']);
    expect(found[0]).toEqual({ field: 'Koniec naboru', recorded: '14 marca 2026, godz. 22:00', current: '1 lutego 2026, godz. 11:00' });
    expect(differences(recorded, announcedFacts('warsztaty', enrolment))).toEqual([]);
    expect(differences(recorded, undefined)).toHaveLength(1);
  });
});

describe('the verifier and the announcement a protocol carries', () => {
  const facts = announcedFacts('warsztaty', enrolment);
  const record: AnnouncementRecord = { facts, sha256: announcementSha256(facts), recordedAt: '2026-03-01T07:00:00.000Z', corrections: [] };
  const pool = freezePool(['AAAA-0001', 'BBBB-0002', 'CCCC-0003', 'DDDD-0004', 'EEEE-0005'], new Date('2026-03-15T21:00:00Z'));
  const sources = facts.sources.map((s, i) => (s.kind === 'numbers' ? { ...s, kind: 'numbers' as const, values: ['1', '2', '3', '4', '5', String(10 + i)] } : { ...s, kind: 'text' as const, text: '4,2718' }));
  const protocol = () => buildProtocol({ programme: { id: 'warsztaty', title: 'Warsztaty' }, capacity: 3, pool, sources, at: new Date('2026-03-17T20:00:00Z'), announcement: record });

  it('accepts a draw that kept to the announcement, and checks the hash a person copied', () => {
    const verdict = verifyProtocol(protocol(), { announcementSha256: record.sha256.toUpperCase() });
    expect(verdict.findings).toEqual([]);
    expect(verifyProtocol(protocol(), { announcementSha256: 'a'.repeat(64) }).findings).toEqual([expect.stringContaining('Skrót ogłoszenia podany do sprawdzenia')]);
  });

  it('finds an edited announcement, another capacity, other sources and a draw before the announced date', () => {
    const edited = protocol();
    edited.announcement!.facts.capacity = 4;
    expect(checkAnnouncement(edited)).toEqual(expect.arrayContaining([expect.stringContaining('Skrót ogłoszenia się nie zgadza'), 'Ogłoszono 4 miejsca, a protokół przydziela 3.']));
    const early = buildProtocol({ programme: { id: 'warsztaty', title: 'Warsztaty' }, capacity: 3, pool, sources: [...sources].reverse(), at: new Date('2026-03-16T20:00:00Z'), announcement: record });
    expect(checkAnnouncement(early)).toEqual([
      'Źródła losowości w protokole (opisy, rodzaje albo kolejność) nie są tymi, które ogłoszono.',
      'Losowanie przeprowadzono przed ogłoszoną datą losowania.',
    ]);
  });

  it('walks the corrections back to the hash recorded at the opening', () => {
    const after = { ...facts, sources: facts.sources.map((s, i) => (i === 0 ? { ...s, description: 'Wyniki Lotto z 17 marca 2026 r. (6 liczb, bez Plus)' } : s)) };
    const correction = { correctedAt: '2026-03-02T10:00:00.000Z', source: 1, before: facts.sources[0]!.description, after: after.sources[0]!.description, reason: 'Brakowało dopisku o Plus.', sha256Before: record.sha256, sha256After: announcementSha256(after) };
    expect(announcementSha256(factsBefore(after, correction))).toBe(record.sha256);
    const corrected: AnnouncementRecord = { ...record, facts: after, sha256: correction.sha256After, corrections: [correction] };
    const drawn = buildProtocol({ programme: { id: 'warsztaty', title: 'Warsztaty' }, capacity: 3, pool, sources: sources.map((s, i) => (i === 0 ? { ...s, description: after.sources[0]!.description } : s)), at: new Date('2026-03-17T20:00:00Z'), announcement: corrected });
    // The hash shown before the correction is still one the record had.
    expect(checkAnnouncement(drawn, record.sha256)).toEqual([]);
    drawn.announcement!.corrections[0]!.before = 'Wyniki Multi Multi z 17 marca 2026 r.';
    expect(checkAnnouncement(drawn)).toEqual([expect.stringContaining('Poprawka 1: cofnięcie jej nie daje skrótu sprzed poprawki')]);
  });
});

describe('an announcement with seat quotas (issue 14)', () => {
  const quotas = [
    { field: 'district', values: [{ value: 'XVIII', min: 1 }, { value: 'I', min: 1, max: 2 }] },
    { field: 'age-band', values: [{ value: '60-74', min: 1, max: 1 }] },
  ];

  it('is format /2 with the quotas, every maximum written out (the capacity where the CMS left it empty)', () => {
    const text = canonicalText(announcedFacts('warsztaty', { ...enrolment, quotas }));
    expect(text).toContain('"format":"wspolnie-ogloszenie-losowania/2"');
    // Members and values sorted by RFC 8785; the categories keep their announced order.
    expect(text).toContain('"quotas":[{"name":"district","values":{"I":{"max":2,"min":1},"XVIII":{"max":3,"min":1}}},{"name":"age-band","values":{"60-74":{"max":1,"min":1}}}]');
  });

  it('leaves a lottery without quotas in format /1 with the hash it had', () => {
    expect(canonicalText(announcedFacts('warsztaty', { ...enrolment, quotas: [] }))).toBe(canonicalText(announcedFacts('warsztaty', enrolment)));
  });

  it('gives the draw its quotas back, and content that changes them is a conflict', () => {
    const recorded = announcedFacts('warsztaty', { ...enrolment, quotas });
    expect(quotasOfFacts(recorded)).toEqual({ capacity: 3, categories: recorded.quotas });
    expect(quotasOfFacts(announcedFacts('warsztaty', enrolment))).toBeUndefined();
    expect(enrolmentOfFacts(recorded).quotas[0]).toEqual({ field: 'district', values: [{ value: 'I', min: 1, max: 2 }, { value: 'XVIII', min: 1, max: 3 }] });
    const lowered = announcedFacts('warsztaty', { ...enrolment, quotas: [{ ...quotas[0]!, values: [{ value: 'I', min: 0, max: 2 }] }] });
    const said = 'Dzielnica: Dzielnica I Stare Miasto 1–2, Dzielnica XVIII Nowa Huta 1–3; Przedział wieku: 60–74 lata 1–1';
    expect(differences(recorded, lowered)).toEqual([{ field: 'Kwoty miejsc', recorded: said, current: 'Dzielnica: Dzielnica I Stare Miasto 0–2' }]);
    expect(differences(recorded, announcedFacts('warsztaty', enrolment))).toEqual([{ field: 'Kwoty miejsc', recorded: said, current: 'brak' }]);
  });

  it('records groups of districts, gives them back, and a changed group is a conflict', () => {
    const grouped = [{ field: 'district', values: [{ value: 'I', max: 1 }], groups: [{ name: 'Wschód', districts: ['XV', 'XVIII'], min: 1 }] }];
    const recorded = announcedFacts('warsztaty', { ...enrolment, quotas: grouped });
    expect(canonicalText(recorded)).toContain('"quotas":[{"groups":{"Wschód":["XV","XVIII"]},"name":"district","values":{"I":{"max":1,"min":0},"Wschód":{"max":3,"min":1}}}]');
    expect(enrolmentOfFacts(recorded).quotas[0]).toEqual({ field: 'district', values: [{ value: 'I', min: 0, max: 1 }], groups: [{ name: 'Wschód', districts: ['XV', 'XVIII'], min: 1, max: 3 }] });
    const moved = announcedFacts('warsztaty', { ...enrolment, quotas: [{ ...grouped[0]!, groups: [{ name: 'Wschód', districts: ['XV'], min: 1 }] }] });
    expect(differences(recorded, moved)).toEqual([
      {
        field: 'Kwoty miejsc',
        recorded: 'Dzielnica: Dzielnica I Stare Miasto 0–1, Wschód (grupa: Dzielnica XV Mistrzejowice, Dzielnica XVIII Nowa Huta) 1–3',
        current: 'Dzielnica: Dzielnica I Stare Miasto 0–1, Wschód (grupa: Dzielnica XV Mistrzejowice) 1–3',
      },
    ]);
    // The order an editor picked the districts in is no change, and gives the same hash.
    const reordered = announcedFacts('warsztaty', { ...enrolment, quotas: [{ ...grouped[0]!, groups: [{ name: 'Wschód', districts: ['XVIII', 'XV'], min: 1 }] }] });
    expect(differences(recorded, reordered)).toEqual([]);
    expect(announcementSha256(reordered)).toBe(announcementSha256(recorded));
  });

  it('is refused as /1 with quotas or /2 without', () => {
    const withQuotas = announcedFacts('warsztaty', { ...enrolment, quotas });
    expect(announcedFactsSchema.safeParse({ ...withQuotas, format: 'wspolnie-ogloszenie-losowania/1' }).success).toBe(false);
    const { quotas: _dropped, ...without } = withQuotas;
    expect(announcedFactsSchema.safeParse(without).success).toBe(false);
    expect(announcedFactsSchema.safeParse(withQuotas).success).toBe(true);
  });
});
