import fc from 'fast-check';
import { md5 } from '@noble/hashes/legacy.js';
import { describe, expect, it } from 'vitest';
import { canonicalNumber, canonicalText, digestModulo, drawOrder, drawPositions, keyBytes, keyString, parseNumbers, selectionSteps } from './rfc3797.ts';
import { DrawInputError } from './errors.ts';

/** RFC 3797 section 6: the pool of 25 names, in pool order. */
const section6Pool = [
  'John', 'Mary', 'Bashful', 'Dopey', 'Sleepy', 'Grouchy', 'Doc', 'Sneazy', 'Handsome', 'Cassandra',
  'Pollyanna', 'Pendragon', 'Pandora', 'Faith', 'Hope', 'Charity', 'Lee', 'Longsuffering', 'Chastity', 'Smith',
  'Pride', 'Sloth', 'Envy', 'Anger', 'Kasczynski',
];

/** Section 6's sources as its example types them: a number and two lottery results, unsorted as drawn. */
const section6Sources = [
  { kind: 'numbers', values: ['9319'] },
  { kind: 'numbers', values: ['2', '5', '12', '8', '10'] },
  { kind: 'numbers', values: ['9', '18', '26', '34', '41', '45'] },
] as const;

/** Section 6's output table: index, hex value of MD5, div, selected. */
const section6Table = `
 1  990DD0A5692A029A98B5E01AA28F3459  25  17
 2  3691E55CB63FCC37914430B2F70B5EC6  24   7
 3  FE814EDF564C190AC1D25753979990FA  23   2
 4  1863CCACEB568C31D7DDBDF1D4E91387  22  16
 5  F4AB33DF4889F0AF29C513905BE1D758  21  25
 6  13EAEB529F61ACFB9A29D0BA3A60DE4A  20  23
 7  992DB77C382CA2BDB9727001F3CDCCD9  19   8
 8  63AB4258ECA922976811C7F55C383CE7  18  24
 9  DFBC5AC97CED01B3A6E348E3CC63F40D  17  19
10  31CB111C4A4EBE9287CEAE16FE51B909  16  13
11  07FA46C122F164C215BBC72793B189A3  15  22
12  AC52F8D75CCBE2E61AFEB3387637D501  14   5
13  53306F73E14FC0B2FBF434218D25948E  13  18
14  B5D1403501A81F9A47318BE7893B347C  12   9
15  85B10B356AA06663EF1B1B407765100A  11   1
16  3269E6CE559ABD57E2BA6AAB495EB9BD  10   4
`.trim().split('\n').map((line) => {
  const [index, digestHex, remaining, selected] = line.trim().split(/\s+/);
  return { index: Number(index), digestHex, remaining: Number(remaining), selected: Number(selected) };
});

describe('RFC 3797 section 6, reproduced exactly', () => {
  it('forms the key string from the three sources', () => {
    expect(keyString(section6Sources)).toBe('9319./2.5.8.10.12./9.18.26.34.41.45./');
  });

  it('gives the same MD5 values, divisors and selections, row by row', () => {
    expect(selectionSteps(25, '9319./2.5.8.10.12./9.18.26.34.41.45./', 16)).toEqual(section6Table);
  });

  it('selects the same names in the same order, and the whole pool orders consistently', () => {
    const order = drawOrder(section6Pool, keyString(section6Sources));
    expect(order.slice(0, 10)).toEqual(['Lee', 'Doc', 'Mary', 'Charity', 'Kasczynski', 'Envy', 'Sneazy', 'Anger', 'Chastity', 'Pandora']);
    expect(order.slice(0, 16)).toEqual(section6Table.map((row) => section6Pool[row.selected - 1]));
    expect([...order].sort()).toEqual([...section6Pool].sort());
  });
});

describe('the key string (section 4)', () => {
  it('writes numbers without leading zeros or trailing fractional zeros, ended or split by a period', () => {
    expect(['9319', '007', '0', '0.50', '12.000', '00.25', '3.14159'].map(canonicalNumber)).toEqual(['9319.', '7.', '0.', '0.5', '12.', '0.25', '3.14159']);
  });

  it('sorts a source numerically, not as text, and keeps exact decimals', () => {
    expect(keyString([{ kind: 'numbers', values: ['10', '9', '100', '9.5', '0.75'] }])).toBe('0.759.9.510.100./');
    expect(keyString([{ kind: 'numbers', values: ['0.1', '0.10000000000000000001'] }])).toBe('0.10.10000000000000000001/');
  });

  it('reduces text to capital letters and digits, accents removed', () => {
    expect(canonicalText('Zażółć gęślą jaźń 2026!')).toBe('ZAZOCGESLAJAZN2026');
    expect(keyString([{ kind: 'text', text: 'a1b2-c3d4' }, { kind: 'numbers', values: ['5'] }])).toBe('A1B2C3D4/5./');
  });

  it('refuses what the RFC does not define, with a Polish sentence', () => {
    for (const bad of ['-3', '1e5', '12,5', '', '.5', '5.', '+2']) expect(() => canonicalNumber(bad)).toThrow(DrawInputError);
    expect(() => keyString([])).toThrow(/co najmniej jednego źródła/);
    expect(() => keyString([{ kind: 'text', text: '—!?' }])).toThrow(/żadnej litery ani cyfry/);
    expect(() => keyBytes('klucz z ó')).toThrow(/ASCII/);
  });

  it('reads typed numbers separated by commas, semicolons or spaces', () => {
    expect(parseNumbers(' 2, 5;12  8, 10 ')).toEqual(['2', '5', '12', '8', '10']);
    expect(() => parseNumbers('2, pięć')).toThrow(/„pięć” nie jest liczbą/);
  });
});

describe('the 128-bit modulo', () => {
  it('agrees with BigInt arithmetic for any digest and divisor', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 1, max: 2 ** 36 }), (digest, divisor) => {
      const big = BigInt(`0x${Buffer.from(digest).toString('hex')}`);
      expect(digestModulo(digest, divisor)).toBe(Number(big % BigInt(divisor)));
    }));
  });
});

describe('ordering a pool', () => {
  it('is a permutation of the pool, for any pool and key', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 300 }), fc.stringMatching(/^[ -~]{1,80}$/), (pool, key) => {
      const order = drawOrder(pool, key);
      expect(order).toHaveLength(pool.length);
      expect([...order].sort()).toEqual([...pool].sort());
    }));
  });

  it('gives the same result for the same inputs, and another for another key', () => {
    fc.assert(fc.property(fc.integer({ min: 20, max: 400 }), fc.stringMatching(/^[A-Z0-9.]{1,40}\/$/), (size, key) => {
      expect(drawPositions(size, key)).toEqual(drawPositions(size, key));
      expect(drawPositions(size, key)).not.toEqual(drawPositions(size, `${key}1./`));
    }));
  });

  it('writes the selection counter on two bytes up to index 65,535 and on four after', () => {
    const key = 'TEST./';
    const size = 65_538;
    const positions = drawPositions(size, key);
    // Check the last three selections by hand: the remaining items are those not yet taken, in pool order.
    const taken = new Uint8Array(size);
    for (let j = 0; j < size - 3; j++) taken[positions[j]!] = 1;
    const remaining = [...taken.keys()].filter((p) => !taken[p]);
    const message = (j: number) => {
      const bytes = [...keyBytes(key)];
      const counter = j < 65_536 ? [j >> 8, j & 0xff] : [(j >>> 24) & 0xff, (j >>> 16) & 0xff, (j >>> 8) & 0xff, j & 0xff];
      return new Uint8Array([...counter, ...bytes, ...counter]);
    };
    for (let j = size - 3; j < size; j++) {
      const pick = remaining.splice(digestModulo(md5(message(j)), size - j), 1)[0];
      expect(positions[j]).toBe(pick);
    }
  });
});

/**
 * Uniformity across keys. For a pool of n = 8 and K = 4,000 fixed keys ("1./" …
 * "4000./"), count how often pool item i lands at drawn position p. If every
 * permutation is equally likely, each of the 64 cells expects K/n = 500, and
 * Pearson's statistic Σ (O − E)² / E over the table, whose rows and columns
 * all sum to K, follows a chi-square distribution with (n − 1)² = 49 degrees
 * of freedom. Significance level α = 0.01: critical value 74.919 (the 0.99
 * quantile of χ²(49)). First position alone (who gets the first place):
 * n − 1 = 7 degrees of freedom, critical value 18.475. The keys are fixed, so
 * the test is deterministic; the biased variant below shows it can fail.
 */
describe('uniformity (chi-square, α = 0.01)', () => {
  const n = 8;
  const keys = Array.from({ length: 4_000 }, (_, i) => keyString([{ kind: 'numbers', values: [String(i + 1)] }]));
  const expected = keys.length / n;

  function statistics(order: (key: string) => ArrayLike<number>) {
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const key of keys) {
      const positions = order(key);
      for (let p = 0; p < n; p++) counts[p]![positions[p]!]! += 1;
    }
    const cell = (o: number) => (o - expected) ** 2 / expected;
    return {
      table: counts.flat().reduce((sum, o) => sum + cell(o), 0),
      firstPosition: counts[0]!.reduce((sum, o) => sum + cell(o), 0),
    };
  }

  it('accepts the RFC 3797 ordering', () => {
    const { table, firstPosition } = statistics((key) => drawPositions(n, key));
    console.info(`chi-square: table ${table.toFixed(2)} (critical 74.919), first position ${firstPosition.toFixed(2)} (critical 18.475)`);
    expect(table).toBeLessThan(74.919);
    expect(firstPosition).toBeLessThan(18.475);
  });

  it('rejects a deliberately biased ordering: four bits of the hash per selection (modulo bias)', () => {
    const biased = (key: string) => {
      const left = Array.from({ length: n }, (_, i) => i);
      return Array.from({ length: n }, (_, j) => {
        const digest = md5(new Uint8Array([0, j, ...keyBytes(key), 0, j]));
        return left.splice((digest[15]! & 0x0f) % left.length, 1)[0]!;
      });
    };
    // 16 is a multiple of 8, so the first selection is still fair and the
    // first-position test passes; the bias of the later ones (16 mod 7, 6, 5, 3
    // ≠ 0) shows in the whole table, which is why the table is tested.
    const { table, firstPosition } = statistics(biased);
    console.info(`chi-square of the biased variant: table ${table.toFixed(2)}, first position ${firstPosition.toFixed(2)}`);
    expect(table).toBeGreaterThan(74.919);
    expect(firstPosition).toBeLessThan(18.475);
  });
});
