/**
 * Registration codes: the public name of an application, e.g. "K7PM-3XQ9".
 * People read them aloud, copy them from paper and compare them with the draw
 * results, so the alphabet leaves out look-alikes (0/O, 1/I/L) and U (to
 * avoid accidental words); 30^8 ≈ 6.6·10^11 codes make guessing useless.
 * A code is random and says nothing about the person.
 */
import { randomInt } from 'node:crypto';

export const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeGroupLength = 4;
const codeGroups = 2;

export type RandomIndex = (size: number) => number;

/** A fresh code; `random` is injectable for tests, crypto-strong by default. */
export function newRegistrationCode(random: RandomIndex = randomInt): string {
  const groups: string[] = [];
  for (let g = 0; g < codeGroups; g++) {
    let group = '';
    for (let i = 0; i < codeGroupLength; i++) group += codeAlphabet[random(codeAlphabet.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * Reads a code as a person typed it — any case, spaces or dashes anywhere —
 * and returns it in canonical form, or undefined when it cannot be a code.
 */
export function parseRegistrationCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-–—]/g, '');
  if (compact.length !== codeGroups * codeGroupLength) return undefined;
  if (![...compact].every((ch) => codeAlphabet.includes(ch))) return undefined;
  return compact.match(new RegExp(`.{${codeGroupLength}}`, 'g'))?.join('-');
}
