/**
 * The pool of a draw: the registration codes confirmed when enrolment closed,
 * frozen and published before the random sources are known.
 *
 * Canonical order: ascending by code, compared character by character by
 * Unicode code point (a plain ordinal comparison, never a locale's
 * collation, so every machine and language sorts alike). Registration codes
 * are ASCII digits, capital letters and a dash, so this is also byte order:
 * "-" < "2" … "9" < "A" … "Z". Pool positions are numbered from 1 in this
 * order; RFC 3797's selection refers to them.
 *
 * The published hash is the SHA-256 of the pool text: every code followed by
 * one line feed (U+000A), in canonical order, UTF-8, nothing else — no header,
 * no numbers, no byte-order mark. `sha256sum pula.txt` on that text gives the
 * same lowercase hex.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { DrawInputError } from './errors.ts';

/** A code as the pool accepts it: groups of capital ASCII letters and digits joined by single dashes. */
export const poolCodePattern = /^[0-9A-Z]+(?:-[0-9A-Z]+)*$/;

const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The frozen pool in canonical order, from the confirmed codes in any order.
 * A malformed or repeated code is a fault upstream: the pool is refused
 * rather than silently repaired, because a published pool cannot be changed.
 */
export function canonicalPool(codes: Iterable<string>): string[] {
  const pool = [...codes];
  for (const code of pool) {
    if (!poolCodePattern.test(code)) throw new DrawInputError(`„${code}” nie jest kodem zgłoszenia (wielkie litery i cyfry w grupach rozdzielonych myślnikiem).`);
  }
  pool.sort(compareCodes);
  for (let i = 1; i < pool.length; i++) {
    if (pool[i] === pool[i - 1]) throw new DrawInputError(`Kod ${pool[i]} występuje w puli więcej niż raz.`);
  }
  return pool;
}

/**
 * The exact text whose SHA-256 is published: one code per line, each line
 * ended by "\n". In a lottery with seat quotas (issue 14) each line is the
 * code and then its category values in the announced category order, joined
 * by a tab (U+0009): `A7K2-9QXM\tXVIII\t30-44\n` — the pool file
 * `npm run draw -- stratified --pool` reads, and what the draw depends on, so
 * a value changed after the freeze changes the hash.
 */
export function poolText(pool: readonly string[], values?: readonly (readonly string[])[]): string {
  return pool.map((code, i) => (values ? `${[code, ...(values[i] ?? [])].join('\t')}\n` : `${code}\n`)).join('');
}

/** SHA-256 of the pool text (UTF-8), lowercase hex; `values` as for poolText. */
export function poolSha256(pool: readonly string[], values?: readonly (readonly string[])[]): string {
  return bytesToHex(sha256(utf8ToBytes(poolText(pool, values))));
}

/**
 * Reads a pool from text with one code per line (the published pool file, or
 * a file someone wrote for `npm run draw -- order`): surrounding spaces,
 * a Windows line ending and empty lines are ignored; the order is kept.
 */
export function readPoolLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/** The first place where a pool breaks canonical order (1-based position), if any. */
export function firstOutOfOrder(pool: readonly string[]): number | undefined {
  for (let i = 1; i < pool.length; i++) if (compareCodes(pool[i - 1]!, pool[i]!) >= 0) return i + 1;
  return undefined;
}
