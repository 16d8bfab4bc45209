import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeAlphabet, newRegistrationCode, parseRegistrationCode } from './registration-code.ts';

const shape = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/; // the same pattern the database CHECKs

describe('registration codes', () => {
  it('use 30 distinct characters and none that look alike', () => {
    expect(new Set(codeAlphabet).size).toBe(30);
    for (const ambiguous of '01OILU') expect(codeAlphabet).not.toContain(ambiguous);
  });

  it('always have the canonical shape, whatever the random source returns', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (picks) => {
        let i = 0;
        const code = newRegistrationCode((size) => (picks[i++] ?? 0) % size);
        expect(code).toMatch(shape);
        expect(parseRegistrationCode(code)).toBe(code);
      }),
    );
  });

  it('do not repeat across many draws', () => {
    const codes = Array.from({ length: 5_000 }, () => newRegistrationCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 100)) expect(code).toMatch(shape);
  });

  it('are read back however a person types them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Array.from({ length: 50 }, () => newRegistrationCode())), fc.boolean(), fc.boolean(), (code, lower, spaced) => {
        let typed = lower ? code.toLowerCase() : code;
        if (spaced) typed = ` ${typed.replace('-', ' ')} `;
        expect(parseRegistrationCode(typed)).toBe(code);
      }),
    );
  });

  it('reject strings that cannot be a code', () => {
    for (const bad of ['', 'ABCD-EFG', 'ABCD-EFGHJ', 'ABCD-EFG0', 'IIII-IIII', 'ąbcd-efgh']) expect(parseRegistrationCode(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (input) => {
        const parsed = parseRegistrationCode(input);
        if (parsed !== undefined) expect(parsed).toMatch(shape);
      }),
    );
  });
});
