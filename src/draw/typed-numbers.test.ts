import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrawInputError } from './errors.ts';
import { drawExplanation } from './explanation.ts';
import { sourceKeyPart } from './key-string.ts';
import { acceptedNumberForms, ambiguousNumberForms, numbersHint, parseNumbers, wideSpaceNote } from './typed-numbers.ts';

const refusal = (typed: string) => {
  try {
    parseNumbers(typed);
  } catch (error) {
    if (error instanceof DrawInputError) return error.message;
    throw error;
  }
  throw new Error(`„${typed}” was accepted`);
};

describe('typed numbers of a draw source', () => {
  it.each([
    ['9319', ['9319']],
    ['2345.67', ['2345.67']],
    ['3 7 19 28 33 41', ['3', '7', '19', '28', '33', '41']],
    ['3, 7, 19', ['3', '7', '19']],
    ['3;7;19', ['3', '7', '19']],
    [' 2 ,5 ;\n12\t8, 10 ', ['2', '5', '12', '8', '10']],
    ['0.125', ['0.125']],
    ['1234.567', ['1234.567']],
    ['1.2340', ['1.2340']],
    ['1000, 234', ['1000', '234']],
  ])('reads „%s” one way only', (typed, values) => {
    expect(parseNumbers(typed)).toEqual(values);
  });

  it('refuses the Polish decimal comma, showing the key part of each reading', () => {
    const message = refusal('2345,67');
    expect(message).toContain('„2345,67”');
    expect(message).toContain('liczby 2345 i 67 (część klucza „67.2345./”)');
    expect(message).toContain('liczba 2345.67 (część klucza „2345.67/”)');
    expect(message).toContain('(„2345, 67”)');
    expect(message).toContain('(„2345.67”)');
  });

  it.each([
    ['1 234', '„1 234”', 'liczby 1 i 234 (część klucza „1.234./”)', 'liczba 1234 (część klucza „1234./”)'],
    ['1\u00a0234', 'spacja nierozdzielająca', 'liczby 1 i 234 (część klucza „1.234./”)', 'liczba 1234 (część klucza „1234./”)'],
    ['12\u202f5', 'spacja nierozdzielająca', 'liczby 12 i 5 (część klucza „5.12./”)', 'liczba 125 (część klucza „125./”)'],
    ['1\u3000234', 'spacja inna niż zwykła', 'liczby 1 i 234 (część klucza „1.234./”)', 'liczba 1234 (część klucza „1234./”)'],
    ['1.234', '„1.234”', 'liczba 1.234 (część klucza „1.234/”)', 'liczba 1234 (część klucza „1234./”)'],
    ['1,234,567', 'tysiące', 'liczby 1, 234 i 567 (część klucza „1.234.567./”)', 'liczba 1234567 (część klucza „1234567./”)'],
    ['3, 7,19', '„7,19” w „3, 7,19”', 'liczby 3, 7 i 19 (część klucza „3.7.19./”)', 'liczby 3 i 7.19 (część klucza „3.7.19/”)'],
    ['3 7 100 200', '„7 100 200” w „3 7 100 200”', 'liczby 3, 7, 100 i 200', 'liczby 3 i 7100200 (część klucza „3.7100200./”)'],
  ])('refuses „%s”, which can mean two things', (typed, where, first, second) => {
    const message = refusal(typed);
    expect(message).toContain(where);
    expect(message).toContain(first);
    expect(message).toContain(second);
  });

  it('treats every Unicode space separator but the plain space like the no-break space, whatever the digits', () => {
    const wide = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /\p{Zs}/u.test(c) && c !== ' ');
    expect(wide.map((c) => c.codePointAt(0)!.toString(16))).toEqual(['a0', '1680', '2000', '2001', '2002', '2003', '2004', '2005', '2006', '2007', '2008', '2009', '200a', '202f', '205f', '3000']);
    for (const space of wide) {
      const message = refusal(`3${space}7 19`);
      expect(message, space.codePointAt(0)!.toString(16)).toContain('czy liczby 37 i 19');
    }
    expect(parseNumbers('3 7\t19\n28')).toEqual(['3', '7', '19', '28']);
  });

  it('refuses what is not a number, and thousands written with dots', () => {
    for (const bad of ['-3', '1e5', '5.', '.5', '+2', 'pięć', '3 7 x']) expect(refusal(bad)).toMatch(/nie jest liczbą/);
    expect(refusal('1.234.567')).toContain('to liczba 1234567 (część klucza „1234567./”)');
    expect(refusal(' ; ')).toBe('Wpisz co najmniej jedną liczbę.');
  });

  it('refuses every number written with a thousands separator or a fraction in the Polish, German or English way', () => {
    const locales = ['pl-PL', 'de-DE', 'en-US'];
    fc.assert(fc.property(fc.integer({ min: 10_000, max: 10 ** 12 }), fc.constantFrom(...locales), (n, locale) => {
      expect(() => parseNumbers(new Intl.NumberFormat(locale).format(n))).toThrow(DrawInputError);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 6 }), fc.integer({ min: 1, max: 99 }), (whole, cents) => {
      expect(() => parseNumbers(new Intl.NumberFormat('pl-PL', { minimumFractionDigits: 2 }).format(whole + cents / 100))).toThrow(DrawInputError);
    }));
  });

  it('reads any list in a documented form as the same numbers', () => {
    const small = fc.array(fc.integer({ min: 0, max: 99 }).map(String), { minLength: 1, maxLength: 8 });
    const any = fc.array(fc.oneof(fc.nat().map(String), fc.stringMatching(/^\d{1,6}\.\d{1,2}$/)), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(small, fc.constantFrom(' ', '  ', '\n'), (values, separator) => {
      expect(parseNumbers(values.join(separator))).toEqual(values);
    }));
    fc.assert(fc.property(any, fc.constantFrom(', ', ';', '; ', ' ; '), (values, separator) => {
      expect(parseNumbers(values.join(separator))).toEqual(values);
    }));
  });
});

describe('the hint and the explanation list exactly the forms the parser reads', () => {
  const explanation = drawExplanation.flatMap((s) => s.paragraphs).join('\n');
  const quotedIn = (text: string) => [...text.matchAll(/„([^”]+)”/g)].map((m) => m[1]!);

  it('every accepted example is read, every ambiguous one refused', () => {
    for (const form of acceptedNumberForms) expect(() => parseNumbers(form.example)).not.toThrow();
    for (const form of ambiguousNumberForms) expect(() => parseNumbers(form.example)).toThrow(DrawInputError);
    expect(() => parseNumbers('1\u00a0234')).toThrow(/spacja nierozdzielająca/);
  });

  it.each([['the panel hint', numbersHint], ['the explanation page', explanation]])('%s quotes each form, accepted before the refused', (_, text) => {
    const [accepting, refusing] = text.includes('nie przyjmujemy') ? text.split('nie przyjmujemy') : text.split('odrzucamy');
    expect(quotedIn(accepting!).filter((q) => acceptedNumberForms.some((f) => f.example === q))).toEqual(acceptedNumberForms.map((f) => f.example));
    expect(quotedIn(refusing!).filter((q) => ambiguousNumberForms.some((f) => f.example === q))).toEqual(ambiguousNumberForms.map((f) => f.example));
    expect(refusing).toContain(wideSpaceNote);
  });

  it('the hint quotes nothing the parser reads differently from what it says', () => {
    const [accepting, refusing] = numbersHint.split('nie przyjmujemy');
    for (const q of quotedIn(accepting!)) expect(sourceKeyPart({ kind: 'numbers', values: parseNumbers(q) })).toMatch(/\/$/);
    for (const q of quotedIn(refusing!)) expect(() => parseNumbers(q)).toThrow(DrawInputError);
  });
});
