import { describe, expect, it } from 'vitest';
import { plural } from './plural.ts';

describe('plural', () => {
  it.each([
    [0, '0 znaków'], [1, '1 znak'], [2, '2 znaki'], [4, '4 znaki'], [5, '5 znaków'], [12, '12 znaków'],
    [14, '14 znaków'], [22, '22 znaki'], [25, '25 znaków'], [101, '101 znaków'], [254, '254 znaki'], [1000, '1000 znaków'],
  ])('%i', (n, expected) => {
    expect(plural(n, 'znak', 'znaki', 'znaków')).toBe(expected);
  });
});

describe('lottery phrases', () => {
  it('agree with the count, as the pages and the panel show them', async () => {
    const { confirmedApplications, places } = await import('./plural.ts');
    expect(`${confirmedApplications(4)} na ${places(3)}`).toBe('4 potwierdzone zgłoszenia na 3 miejsca');
    expect(`${confirmedApplications(1)} na ${places(1)}`).toBe('1 potwierdzone zgłoszenie na 1 miejsce');
    expect(`${confirmedApplications(75)} na ${places(60)}`).toBe('75 potwierdzonych zgłoszeń na 60 miejsc');
    expect(`${confirmedApplications(22)} na ${places(12)}`).toBe('22 potwierdzone zgłoszenia na 12 miejsc');
  });
});
