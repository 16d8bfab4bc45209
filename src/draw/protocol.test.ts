import { describe, expect, it } from 'vitest';
import { sampleCodes, sampleSources } from '../../tests/support/draw-protocols.ts';
import { canonicalPool } from './pool.ts';
import { buildProtocol, drawNeeded, freezePool, placesOf, protocolSchema, serializeProtocol, sourceFromInput } from './protocol.ts';
import { drawOrder, keyString } from './rfc3797.ts';

const programme = { id: 'program', title: 'Program' };
const frozenAt = new Date('2026-03-10T23:00:00Z');
const at = new Date('2026-03-15T10:00:00Z');

describe('building a protocol', () => {
  it('draws when the pool is larger than the capacity: the whole pool in RFC 3797 order', () => {
    const pool = freezePool(sampleCodes(100), frozenAt);
    const protocol = buildProtocol({ programme, capacity: 60, pool, sources: sampleSources, at });
    expect(protocol.outcome).toBe('draw');
    if (protocol.outcome !== 'draw') return;
    expect(protocol.keyString).toBe('3.7.19.28.33.41./9F2C4E1B7A5D3C8E0F6A2B4D1C9E7F3A5B8D0C2E4F6A1B3C5D7E9F0A2B4C6D8E/');
    expect(protocol.order).toEqual(drawOrder(canonicalPool(sampleCodes(100)), keyString(sampleSources)));
    expect(protocol.algorithm).toEqual({ name: 'RFC 3797', implementation: 'wspolnie-rfc3797/1' });
    const places = placesOf(protocol);
    expect(places.accepted).toEqual(protocol.order.slice(0, 60));
    expect(places.waiting).toEqual(protocol.order.slice(60));
    expect(protocolSchema.parse(JSON.parse(serializeProtocol(protocol)))).toEqual(protocol);
  });

  it('records no draw when everyone fits, and accepts all in pool order', () => {
    expect(drawNeeded(60, 60)).toBe(false);
    expect(drawNeeded(61, 60)).toBe(true);
    const pool = freezePool(sampleCodes(60), frozenAt);
    const protocol = buildProtocol({ programme, capacity: 60, pool, sources: sampleSources, at });
    expect(protocol).toMatchObject({ outcome: 'no-draw', accepted: 60, decidedAt: at.toISOString(), announcedSources: sampleSources.map((s) => s.description) });
    expect(placesOf(protocol)).toEqual({ accepted: pool.codes, waiting: [] });
  });

  it('refuses a pool changed after freezing, and a draw dated before the freeze', () => {
    const pool = freezePool(sampleCodes(100), frozenAt);
    const changed = { ...pool, codes: pool.codes.map((c, i) => (i === 3 ? 'ZZZZ-ZZZZ' : c)) };
    expect(() => buildProtocol({ programme, capacity: 60, pool: changed, sources: sampleSources, at })).toThrow('Pula różni się od zamrożonej i opublikowanej: losowanie wstrzymane.');
    expect(() => buildProtocol({ programme, capacity: 60, pool, sources: sampleSources, at: new Date('2026-03-01T00:00:00Z') })).toThrow(/przed zamrożeniem/);
  });

  it('reads what staff typed for a source, with Polish errors', () => {
    expect(sourceFromInput(' Lotto ', 'numbers', '1 2 3')).toEqual({ description: 'Lotto', kind: 'numbers', values: ['1', '2', '3'] });
    expect(() => sourceFromInput('Lotto', 'numbers', '1 dwa 3')).toThrow('„dwa” nie jest liczbą: wpisz cyfry, a część ułamkową po kropce (np. 12 albo 0.5).');
    expect(() => sourceFromInput('', 'text', 'abc')).toThrow('Brak opisu źródła.');
  });
});
