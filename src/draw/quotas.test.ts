/** The quota checks the CMS, the build and the command line share: each refusal, in Polish, as written. */
import { describe, expect, it } from 'vitest';
import { checkQuotas, quotaMessages, readQuotas, valueOfAnswer } from './quotas.ts';

const district = (values: Record<string, { min: number; max: number }>, capacity = 10) => ({ capacity, categories: [{ name: 'dzielnica', values }] });
const refusal = (input: unknown, allowed?: Record<string, string[]>) => {
  try {
    checkQuotas(input, allowed);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('quotas', () => {
  it('accepts the issue format, with values in any order and categories not named', () => {
    const text = '{"capacity": 60, "categories": [{"name": "district", "values": {"I": {"min": 2, "max": 5}, "II": {"min": 2, "max": 5}}}, {"name": "wiek", "values": {}}]}';
    expect(readQuotas(text).categories.map((c) => Object.keys(c.values))).toEqual([['I', 'II'], []]);
    expect(readQuotas('{"capacity": 5, "categories": []}')).toEqual({ capacity: 5, categories: [] });
  });

  it('refuses what cannot fit any capacity, with the shared Polish sentences', () => {
    expect(refusal(district({ I: { min: 3, max: 2 } }))).toBe('W kategorii „dzielnica” wartość „I” ma minimum 3 większe niż maksimum 2.');
    expect(refusal(district({ I: { min: 6, max: 9 }, II: { min: 5, max: 9 } }))).toBe(quotaMessages.minimaOverCapacity('dzielnica', 11, 10));
    expect(refusal(district({ I: { min: 6, max: 9 }, II: { min: 4, max: 9 } }))).toBeUndefined();
    expect(refusal(district({ I: { min: -1, max: 2 } }))).toBe(quotaMessages.seats);
    expect(refusal(district({ I: { min: 1.5, max: 2 } }))).toBe(quotaMessages.seats);
    expect(refusal(district({}, 0))).toBe(quotaMessages.capacity);
    expect(refusal({ capacity: 5, categories: [1, 2, 3].map((i) => ({ name: `k${i}`, values: {} })) })).toBe(quotaMessages.tooManyCategories);
    expect(refusal({ capacity: 5, categories: [{ name: 'a', values: {} }, { name: 'a', values: {} }] })).toBe('Kategoria „a” występuje w kwotach więcej niż raz.');
    expect(refusal(district({ ' I': { min: 0, max: 2 } }))).toBe(quotaMessages.valueName);
    expect(refusal({ capacity: 5, categories: [{ name: 'a', values: { I: { min: 0 } } }] })).toBe(quotaMessages.missingBound);
    expect(refusal({ capacity: 5, categories: [{ name: 'a', values: { I: 2 } }] })).toMatch(/^Plik kwot ma nieprawidłową postać \(w polu categories\.0\.values\.I\)/);
    expect(refusal({ capacity: 5, categories: [], extra: 1 })).toBe(quotaMessages.unknownField('"extra"'));
    expect(() => readQuotas('{"capacity": ')).toThrow(quotaMessages.notJson);
  });

  it('sums the maxima only when every allowed value is named (an unnamed one may take every seat)', () => {
    const allowed = { dzielnica: ['I', 'II'] };
    expect(refusal(district({ I: { min: 0, max: 4 }, II: { min: 0, max: 5 } }), allowed)).toBe(
      'Maksima kategorii „dzielnica” obejmują wszystkie jej wartości i sumują się do 9, a miejsc jest 10: tylu miejsc nie da się zapełnić. Podnieś maksima albo zmniejsz liczbę miejsc.',
    );
    expect(refusal(district({ I: { min: 0, max: 4 } }), allowed)).toBeUndefined();
    expect(refusal(district({ I: { min: 0, max: 4 }, II: { min: 0, max: 5 } }))).toBeUndefined();
  });

  it('refuses a minimum no one can apply for, and a value the form does not offer', () => {
    const allowed = { dzielnica: ['I', 'II'] };
    expect(refusal(district({ XIX: { min: 1, max: 3 } }), allowed)).toBe('W kategorii „dzielnica” wartość „XIX” ma minimum, ale nikt nie może jej wybrać w formularzu zgłoszenia: nie da się jej spełnić.');
    expect(refusal(district({ XIX: { min: 0, max: 3 } }), allowed)).toBe(quotaMessages.unknownValue('dzielnica', 'XIX'));
  });
});

describe('quotas on groups of values (districts counted together)', () => {
  const form = { dzielnica: ['I', 'II', 'III', 'IV'] };
  const grouped = (values: Record<string, { min: number; max: number }>, groups: Record<string, string[]>, capacity = 10) => ({ capacity, categories: [{ name: 'dzielnica', values, groups }] });

  it('gives a code its group, or its own answer when no group holds it', () => {
    const category = { groups: { Wschód: ['III', 'IV'] } };
    expect(valueOfAnswer(category, 'IV')).toBe('Wschód');
    expect(valueOfAnswer(category, 'I')).toBe('I');
    expect(valueOfAnswer({}, 'IV')).toBe('IV');
  });

  it('accepts groups with bounds beside values no group holds', () => {
    expect(refusal(grouped({ Wschód: { min: 3, max: 6 }, I: { min: 0, max: 2 } }, { Wschód: ['III', 'IV'] }), form)).toBeUndefined();
  });

  it('refuses a district in two groups, a group with no districts or none the form offers, a group named like a district, and a quota on a grouped district', () => {
    expect(refusal(grouped({}, { A: ['I', 'II'], B: ['II'] }))).toBe(quotaMessages.memberTwice('dzielnica', 'II'));
    expect(refusal(grouped({}, { A: [] }))).toBe(quotaMessages.emptyGroup);
    expect(refusal(grouped({}, { A: ['I', 'XX'] }), form)).toBe(quotaMessages.unknownMember('dzielnica', 'A', 'XX'));
    expect(refusal(grouped({}, { II: ['III', 'IV'] }), form)).toBe(quotaMessages.groupNameTaken('dzielnica', 'II'));
    expect(refusal(grouped({ III: { min: 1, max: 2 } }, { Wschód: ['III', 'IV'] }), form)).toBe(quotaMessages.valueInGroup('dzielnica', 'III', 'Wschód'));
    expect(refusal(grouped({}, { ' Wschód': ['III'] }))).toBe(quotaMessages.valueName);
    // Without the form's values (the command line): a group named like a member of any group, and a member listed twice in one group.
    expect(refusal(grouped({}, { XV: ['XV', 'XIV'] }))).toBe(quotaMessages.groupNameTaken('dzielnica', 'XV'));
    expect(refusal(grouped({}, { A: ['B'], B: ['XV'] }))).toBe(quotaMessages.groupNameTaken('dzielnica', 'B'));
    expect(refusal(grouped({}, { A: ['XV', 'XV'] }))).toBe(quotaMessages.memberRepeated('dzielnica', 'A', 'XV'));
    expect(refusal(JSON.parse('{"capacity": 5, "categories": [{"name": "d", "values": {}, "groups": {"__proto__": ["I"]}}]}'))).toBe(quotaMessages.reservedValue);
  });

  it('sums the maxima over groups and ungrouped values once they cover the whole form', () => {
    const all = { Zachód: ['I', 'II'], Wschód: ['III', 'IV'] };
    expect(refusal(grouped({ Zachód: { min: 0, max: 4 }, Wschód: { min: 0, max: 5 } }, all), form)).toBe(quotaMessages.maximaUnderCapacity('dzielnica', 9, 10));
    expect(refusal(grouped({ Zachód: { min: 0, max: 5 }, Wschód: { min: 0, max: 5 } }, all), form)).toBeUndefined();
    // Districts I and II are in no group: they may take any number of places.
    expect(refusal(grouped({ Wschód: { min: 0, max: 1 } }, { Wschód: ['III', 'IV'] }), form)).toBeUndefined();
  });
});

describe('a quotas file with a field left out or one too many', () => {
  it('names the missing bound and the unknown field', () => {
    expect(() => readQuotas('{"capacity":5,"categories":[{"name":"d","values":{"I":{"min":1}}}]}')).toThrow(quotaMessages.missingBound);
    expect(() => readQuotas('{"capacity":5,"categories":[],"pojemnosc":5}')).toThrow('Plik kwot zawiera nieznane pole: "pojemnosc".');
    expect(() => readQuotas('{"capacity":5,"categories":[{"name":"d","values":{"I":{"min":1,"max":2,"maks":3}}}]}')).toThrow('nieznane pole: "categories.0.values.I.maks"');
  });
});
