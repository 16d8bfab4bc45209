import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPool, firstOutOfOrder, poolSha256, poolText, readPoolLines } from './pool.ts';

describe('the frozen pool', () => {
  it('sorts codes by code point, never by locale, and numbers them from 1', () => {
    const pool = canonicalPool(['ZZ22-2222', 'A222-2222', '9XYZ-AAAA', 'AB22-2222', 'A22Z-2222']);
    expect(pool).toEqual(['9XYZ-AAAA', 'A222-2222', 'A22Z-2222', 'AB22-2222', 'ZZ22-2222']);
    expect(firstOutOfOrder(pool)).toBeUndefined();
  });

  it('hashes exactly "code\\n" per line in UTF-8, as sha256sum would', () => {
    const pool = ['K7PM-3XQ9', 'M2ZZ-8ABC'];
    expect(poolText(pool)).toBe('K7PM-3XQ9\nM2ZZ-8ABC\n');
    expect(poolSha256(pool)).toBe(createHash('sha256').update('K7PM-3XQ9\nM2ZZ-8ABC\n', 'utf8').digest('hex'));
    expect(poolSha256([])).toBe(createHash('sha256').update('').digest('hex'));
  });

  it('is the same whatever order the codes come in', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.stringMatching(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/), { maxLength: 50 }), (codes) => {
      const shuffled = [...codes].reverse();
      expect(canonicalPool(shuffled)).toEqual(canonicalPool(codes));
      expect(firstOutOfOrder(canonicalPool(codes))).toBeUndefined();
    }));
  });

  it('refuses a repeated or malformed code rather than repairing it', () => {
    expect(() => canonicalPool(['K7PM-3XQ9', 'K7PM-3XQ9'])).toThrow('Kod K7PM-3XQ9 występuje w puli więcej niż raz.');
    expect(() => canonicalPool(['k7pm-3xq9'])).toThrow(/nie jest kodem zgłoszenia/);
    expect(() => canonicalPool(['K7PM 3XQ9'])).toThrow(/nie jest kodem zgłoszenia/);
  });

  it('reads a pool file: one code a line, blank lines and CRLF ignored, order kept', () => {
    expect(readPoolLines('\uFEFFB\r\n\r\n  A \nC')).toEqual(['B', 'A', 'C']);
    expect(firstOutOfOrder(['A', 'C', 'B'])).toBe(3);
  });
});
