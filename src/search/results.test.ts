import { describe, expect, it } from 'vitest';
import { excerptSegments, fileSize, foldedExcerpt, resultsSentence } from './results.ts';

describe('the count of results, through the one plural helper', () => {
  it.each([
    [1, '1 wynik'], [2, '2 wyniki'], [4, '4 wyniki'], [5, '5 wyników'], [11, '11 wyników'], [12, '12 wyników'],
    [14, '14 wyników'], [21, '21 wyników'], [22, '22 wyniki'], [104, '104 wyniki'], [112, '112 wyników'],
  ])('%i', (n, words) => {
    expect(resultsSentence(n, 'park')).toBe(`Znaleziono ${words} dla: „park”.`);
  });
});

describe('resultsSentence', () => {
  it('says how many results were found, for what', () => {
    expect(resultsSentence(3, 'lodz')).toBe('Znaleziono 3 wyniki dla: „lodz”.');
    expect(resultsSentence(1, '', ['Ekspertyza', '2020'])).toBe('Znaleziono 1 wynik dla: Ekspertyza, 2020.');
  });
  it('tells what to do when nothing was found', () => {
    expect(resultsSentence(0, 'xyz')).toMatch(/^Nie znaleziono wyników dla: „xyz”\. Sprawdź pisownię/);
  });
});

describe('excerptSegments', () => {
  it('splits marks from plain text and unescapes', () => {
    expect(excerptSegments('ul. <mark>Zabłocie</mark> 22 &lt;b&gt; & co')).toEqual([
      { text: 'ul. ', marked: false },
      { text: 'Zabłocie', marked: true },
      { text: ' 22 <b> & co', marked: false },
    ]);
  });
});

describe('foldedExcerpt', () => {
  const content = 'Sprawozdanie z roku. Dyżury odbędą się w siedzibie Referatu przy ul. Zabłocie 22 w Krakowie.';
  it('marks the words that match the folded query, keeping the page text', () => {
    const segments = foldedExcerpt(content, 'zablocie', 8)!;
    expect(segments.map((s) => s.text).join('')).toContain('Zabłocie 22');
    expect(segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['Zabłocie']);
  });
  it('matches prefixes and every term', () => {
    const segments = foldedExcerpt('Łódź i Białołęcki Ośrodek', 'bialol lodz')!;
    expect(segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['Łódź', 'Białołęcki']);
  });
  it('marks an inflected form a long term was found by (its stem), as Pagefind found it', () => {
    const segments = foldedExcerpt('Wstęp. Spotkanie przy źródełku na Woli Justowskiej odbyło się w maju.', 'zrodelko')!;
    expect(segments.filter((s) => s.marked).map((s) => s.text)).toEqual(['źródełku']);
  });
  it('finds nothing when no word matches', () => {
    expect(foldedExcerpt(content, 'warszawa')).toBeUndefined();
  });
});

describe('fileSize', () => {
  it('shows decimal kB below a megabyte (rounded up) and MB with a Polish decimal comma above', () => {
    expect(fileSize(1)).toBe('1 kB');
    expect(fileSize(20_400)).toBe('21 kB');
    expect(fileSize(999_999)).toBe('1000 kB');
    expect(fileSize(1_000_000)).toBe('1 MB');
    expect(fileSize(10_450_000)).toBe('10,5 MB');
  });
});
