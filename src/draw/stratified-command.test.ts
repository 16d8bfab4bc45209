/** The pool file of `npm run draw -- stratified` (tab-separated) and the Polish sentences describing relaxations and skips. */
import { describe, expect, it } from 'vitest';
import { describeRelaxation, describeSkip, readStratifiedPool, stratifiedCommand } from './stratified-command.ts';

describe('the stratified pool file', () => {
  it('reads code and values by tabs, and names the line that does not fit the quotas', () => {
    expect(readStratifiedPool('\uFEFFA\tI\t18-34\r\n\r\n B \t II\t65+\n', 2)).toEqual({ codes: ['A', 'B'], values: new Map([['A', ['I', '18-34']], ['B', ['II', '65+']]]) });
    expect(() => readStratifiedPool('A\tI\n', 0)).toThrow('Wiersz 1 pliku puli ma kod i 1 wartość, a kwoty nie mają kategorii: oczekiwano samego kodu.');
    expect(() => readStratifiedPool('A\tI\n', 2)).toThrow('Wiersz 1 pliku puli ma kod i 1 wartość, a kwoty mają 2 kategorie: oczekiwano kodu i dwóch wartości, każdej po tabulatorze.');
    expect(() => readStratifiedPool('A\t\n', 1)).toThrow('Wiersz 1 pliku puli ma puste pole: kod i każda wartość muszą być niepuste.');
    expect(() => readStratifiedPool('\n\n', 1)).toThrow('Plik puli nie zawiera żadnego kodu.');
  });
});

describe('the Polish sentences of a stratified draw', () => {
  it('say what was relaxed and why a code was skipped', () => {
    expect(describeRelaxation({ step: 'R2', category: 'wiek', value: '65+', bound: 'max', from: 10, to: 60 })).toBe('Złagodzenie R2: maksimum wartości „65+” w kategorii „wiek” podniesione z 10 do 60 (liczba miejsc).');
    expect(describeSkip({ kind: 'minimum', category: 'dzielnica', value: 'I' })).toBe('Przyjęcie tego kodu sprawiłoby, że minimum wartości „I” w kategorii „dzielnica” byłoby nieosiągalne.');
    expect(describeSkip({ kind: 'maximum', category: 'dzielnica', value: 'I' })).toBe('Wartość „I” w kategorii „dzielnica” ma już najwięcej miejsc, ile dopuszcza maksimum.');
  });
});

describe('a pool of districts against quotas on a group of them', () => {
  it('counts a grouped district as its group, as the freeze does, and says so', () => {
    // Six codes: four from district I, two from XIV and XV, which count together as "Wschód" with a minimum of 2 of 3 places.
    const quotas = JSON.stringify({ capacity: 3, categories: [{ name: 'dzielnica', values: { Wschód: { min: 2, max: 3 } }, groups: { Wschód: ['XIV', 'XV'] } }] });
    const raw = ['A\tI', 'B\tI', 'C\tI', 'D\tI', 'E\tXIV', 'F\tXV'].join('\n');
    const published = raw.replace('XIV', 'Wschód').replace('XV', 'Wschód');
    const fromRaw = stratifiedCommand('1.2.3./', raw, quotas);
    const fromPublished = stratifiedCommand('1.2.3./', published, quotas);
    expect(fromRaw.stdout).toBe(fromPublished.stdout);
    expect(fromRaw.result.accepted).toEqual(expect.arrayContaining(['E', 'F']));
    expect(fromRaw.result.relaxations).toEqual([]);
    expect(fromRaw.notes).toEqual(['Wartości 2 kodów należą do grup z pliku kwot: policzono je jako te grupy (tak zamraża pulę serwis).']);
    expect(fromPublished.notes).toEqual([]);
  });
});
