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

describe('phrases with a count, for 1, 2–4, 5, 12–14 and 22', () => {
  it.each([
    [1, 'w ciągu 1 godziny', 'przez 1 godzinę', 'Popraw 1 błąd'],
    [2, 'w ciągu 2 godzin', 'przez 2 godziny', 'Popraw 2 błędy'],
    [4, 'w ciągu 4 godzin', 'przez 4 godziny', 'Popraw 4 błędy'],
    [5, 'w ciągu 5 godzin', 'przez 5 godzin', 'Popraw 5 błędów'],
    [12, 'w ciągu 12 godzin', 'przez 12 godzin', 'Popraw 12 błędów'],
    [13, 'w ciągu 13 godzin', 'przez 13 godzin', 'Popraw 13 błędów'],
    [14, 'w ciągu 14 godzin', 'przez 14 godzin', 'Popraw 14 błędów'],
    [22, 'w ciągu 22 godzin', 'przez 22 godziny', 'Popraw 22 błędy'],
    [48, 'w ciągu 48 godzin', 'przez 48 godzin', 'Popraw 48 błędów'],
  ])('%i', async (n, within, during, fix) => {
    const { forHours, mistakes, withinHours } = await import('./plural.ts');
    expect(withinHours(n)).toBe(within);
    expect(forHours(n)).toBe(during);
    expect(`Popraw ${mistakes(n)}`).toBe(fix);
  });

  it.each([
    [1, 1, 'to wydarzenie'],
    [3, 3, 'wszystkie wydarzenia (3)'],
    [1, 2, '1 z 2 wydarzeń'],
    [2, 4, '2 z 4 wydarzeń'],
    [4, 5, '4 z 5 wydarzeń'],
    [5, 12, '5 z 12 wydarzeń'],
    [13, 14, '13 z 14 wydarzeń'],
    [1, 22, '1 z 22 wydarzeń'],
  ])('Odwołano %i of %i: „%s”', async (cancelled, total, phrase) => {
    const { cancelledEvents } = await import('./plural.ts');
    expect(cancelledEvents(cancelled, total)).toBe(phrase);
  });
});
