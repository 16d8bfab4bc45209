import { describe, expect, it } from 'vitest';
import { parseFilterCounts } from './filter-counts.ts';

describe('parseFilterCounts', () => {
  it('accepts filter name → value → page count', () => {
    const counts = { typ: { Ekspertyza: 3, 'Raport z konsultacji': 1 }, rok: { '2014': 2 } };
    expect(parseFilterCounts(counts)).toEqual(counts);
  });
  it('rejects other shapes with a Polish message', () => {
    for (const bad of [null, [], 'typ', { typ: [] }, { typ: { Ekspertyza: 0 } }, { typ: { Ekspertyza: '3' } }, { typ: { Ekspertyza: 1.5 } }]) {
      expect(() => parseFilterCounts(bad)).toThrow('Plik filtrów wyszukiwarki ma nieprawidłową postać.');
    }
  });
});
