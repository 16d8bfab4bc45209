import { describe, expect, it } from 'vitest';
import { fold, searchKey, slugify, wordsPagefindCannotFold } from './fold.ts';

const polishLetters: [string, string][] = [
  ['ą', 'a'], ['ć', 'c'], ['ę', 'e'], ['ł', 'l'], ['ń', 'n'], ['ó', 'o'], ['ś', 's'], ['ź', 'z'], ['ż', 'z'],
  ['Ą', 'A'], ['Ć', 'C'], ['Ę', 'E'], ['Ł', 'L'], ['Ń', 'N'], ['Ó', 'O'], ['Ś', 'S'], ['Ź', 'Z'], ['Ż', 'Z'],
];

describe('fold', () => {
  it.each(polishLetters)('folds %s to %s', (letter, plain) => {
    expect(fold(letter)).toBe(plain);
  });

  it('folds the letters inside words and keeps everything else', () => {
    expect(fold('Zażółć gęślą jaźń, Łódź!')).toBe('Zazolc gesla jazn, Lodz!');
    expect(fold('Białołęcki Ośrodek Kultury')).toBe('Bialolecki Osrodek Kultury');
    expect(fold('ul. Zabłocie 22')).toBe('ul. Zablocie 22');
  });

  it('folds decomposed input (NFD, as some PDFs and Macs produce) the same way', () => {
    expect(fold('Wspólne'.normalize('NFD'))).toBe('Wspolne');
  });

  it('leaves plain Latin text alone', () => {
    expect(fold('Krakow 2020 - plain ASCII')).toBe('Krakow 2020 - plain ASCII');
  });
});

describe('searchKey', () => {
  it('lower-cases with Polish rules and folds', () => {
    expect(searchKey('ŁÓDŹ')).toBe('lodz');
    expect(searchKey('Wspólne Projekty')).toBe('wspolne projekty');
  });
});

describe('wordsPagefindCannotFold', () => {
  it('returns only the words with ł or Ł, folded and lower-cased, once each', () => {
    expect(wordsPagefindCannotFold('Spotkanie w Łodzi, przy ul. Zabłocie 22. Łodzi! Wspólne Projekty, żółć')).toEqual(['lodzi', 'zablocie', 'zolc']);
  });

  it('keeps inner hyphens so compounds split as Pagefind splits them', () => {
    expect(wordsPagefindCannotFold('(Zabłocie-Podgórze)')).toEqual(['zablocie-podgorze']);
  });

  it('returns nothing for text Pagefind folds by itself', () => {
    expect(wordsPagefindCannotFold('Wspólne Projekty Miejskie, gęślą jaźń')).toEqual([]);
  });
});

describe('slugify', () => {
  it('makes ASCII URL segments from Polish labels', () => {
    expect(slugify('Raport z konsultacji')).toBe('raport-z-konsultacji');
    expect(slugify('Badanie ewaluacyjne')).toBe('badanie-ewaluacyjne');
    expect(slugify('Łódzkie spotkanie — wnioski')).toBe('lodzkie-spotkanie-wnioski');
  });
});
