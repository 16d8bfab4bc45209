import { describe, expect, it } from 'vitest';
import { drawExplanation } from './explanation.ts';
import { canonicalPool, poolText } from './pool.ts';
import { canonicalNumber, keyString } from './rfc3797.ts';
import { protocolFormat } from './protocol.ts';

const text = drawExplanation.flatMap((s) => s.paragraphs).join('\n');

describe('the Polish explanation says what the code does', () => {
  it('quotes the RFC 3797 example key and number forms correctly', () => {
    const key = keyString([{ kind: 'numbers', values: ['9319'] }, { kind: 'numbers', values: ['2', '5', '12', '8', '10'] }, { kind: 'numbers', values: ['9', '18', '26', '34', '41', '45'] }]);
    expect(text).toContain(`dają klucz „${key}”`);
    expect(text).toContain(`12 → „${canonicalNumber('12')}”`);
    expect(text).toContain(`0.50 → „${canonicalNumber('0.50')}”`);
  });

  it('describes the pool order and the hash input the code uses', () => {
    expect(canonicalPool(['A222-2222', '9ZZZ-ZZZZ', 'A2-2'])).toEqual(['9ZZZ-ZZZZ', 'A2-2', 'A222-2222']);
    expect(text).toContain('myślnik, potem cyfry 0–9, potem wielkie litery A–Z');
    expect(poolText(['A', 'B'])).toBe('A\nB\n');
    expect(text).toContain('każdy wiersz — także ostatni — kończy się znakiem nowego wiersza (LF, U+000A)');
    expect(text).toContain(`format „${protocolFormat}”`);
  });
});
