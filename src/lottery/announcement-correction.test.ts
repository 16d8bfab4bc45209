/**
 * What counts as a typo fix of a source's description (typoProblem): the
 * numbers, months and words stay, only spelling changes, and the edit is
 * small. The panel's handler is tested end to end in
 * tests/integration/lottery-announcement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { typoEditLimit, typoProblem } from './announcement-correction.ts';

describe('typoProblem', () => {
  it.each([
    ['Wyniki losowana Lotto z 1 grudnia 2026 r. (6 liczb)', 'Wyniki losowania Lotto z 1 grudnia 2026 r. (6 liczb)'],
    ['Wyniki Lotto z 1 grudnai 2026 r. (6 liczb)', 'Wyniki Lotto z 1 grudnia 2026 r. (6 liczb)'],
    ['Kurs sredni EUR w tabeli A NBP', 'Kurs średni EUR w tabeli A NBP'],
    ['Wyniki Lottoz 1 grudnia 2026 r. (6 liczb)', 'Wyniki Lotto z 1 grudnia 2026 r. (6 liczb)'],
  ])('accepts %j → %j', (before, after) => {
    expect(typoProblem(before, after)).toBeUndefined();
  });

  it.each([
    ['Wyniki Lotto z 1 grudnia 2026 r. (6 liczb)', 'Wyniki Lotto z 1 grudnia 2026 r. (６ liczb)', 'Liczba „6” zmieniła się na „６”'],
    ['Wyniki Lotto z 1 XII 2026 r. (6 liczb)', 'Wyniki Lotto z 1 XI 2026 r. (6 liczb)', 'Liczba „XII” zmieniła się na „XI”'],
    ['Wyniki Lotto z 1 maja 2026 r. (6 liczb)', 'Wyniki Lotto z 1 marca 2026 r. (6 liczb)', 'Miesiąc „maja” zmienił się na „marca”'],
    ['Wyniki Lotto z 1 maja 2026 r. (6 liczb)', 'Wyniki Lotto z 1 2026 r. (6 liczb)', 'Zniknął miesiąc „maja”'],
    ['Wyniki Lotto z 1 maja 2026 r. (6 liczb)', 'Wyniki Lotto z 1 maja 2026 r. (6 liczb) 7', 'Doszła liczba „7”'],
    ['Kurs średni EUR w tabeli A NBP', 'Kurs średni USD w tabeli A NBP', 'Słowo „USD” nie jest poprawioną pisownią'],
    ['Kurs EUR z dnia losowania', 'Kurs EUR po dniu losowania', 'Słowo „po” nie jest poprawioną pisownią'],
    ['Kurs EUR z dnia losowania', 'Kurs EUR dnia losowania', 'Zniknęło słowo „z”'],
  ])('refuses %j → %j, naming %j', (before, after, why) => {
    expect(typoProblem(before, after)).toContain(why);
    expect(typoProblem(before, after)).toContain('To nie jest literówka, tylko inne źródło');
  });

  it('bounds the edit: 3 characters, or 10 % of the recorded length if larger', () => {
    expect(typoEditLimit('a'.repeat(20))).toBe(3);
    expect(typoEditLimit('a'.repeat(51))).toBe(5);
    expect(typoProblem('Wyniki Lotto z dnia losowania', 'Wynikki Lottto z dniia loosowania')).toBe(
      'Poprawka zmienia 4 znaki, a poprawka literówki w tym opisie może zmienić najwyżej 3 znaki (3, a w dłuższym opisie 10% jego długości). To nie jest literówka, tylko inne źródło, a ogłoszonego źródła nie można zmienić.',
    );
  });
});
