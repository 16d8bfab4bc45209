/**
 * The selection of RFC 3797 ("Publicly Verifiable Nominations Committee
 * (NomCom) Random Selection", D. Eastlake 3rd, June 2004), sections 4 and 6,
 * applied to a whole pool: the result is the pool in drawn order. The key
 * string (section 4, steps 1–3) is formed in key-string.ts.
 *
 * Section 4: the j-th value (j = 0, 1, 2, …) is the MD5 [RFC 1321] of the
 * key string "prefixed and suffixed" with j as a two-byte big-endian counter,
 * read as a 128-bit unsigned big-endian integer. With P items in the pool,
 * selection j takes, among the P − j items not yet selected (kept in pool
 * order), the one at zero-based position value mod (P − j). Section 6 shows
 * this on a pool of 25 names.
 *
 * One extension, outside what the RFC defines: its counter has two bytes, so
 * it ends at selection 65,536 (its reference code refuses larger pools). From
 * selection index 65,536 on, the counter is written on four bytes, big-endian
 * (prefix 00 01 00 00 … suffix 00 01 00 00 for index 65,536). Every pool of up
 * to 65,536 codes — every real draw — is therefore pure RFC 3797; larger pools
 * keep distinct hash inputs for every selection instead of repeating them.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DrawInputError } from './errors.ts';

export { canonicalNumber, canonicalText, keyParts, keyString, sourceKeyPart, type SourceValue } from './key-string.ts';
export { parseNumbers } from './typed-numbers.ts';

/** Names this implementation in protocols; a change in behaviour gets a new version. */
export const algorithmName = 'RFC 3797';
export const implementationVersion = 'wspolnie-rfc3797/1';

const twoByteCounterLimit = 0x1_0000;

/**
 * The key's bytes. Section 4 takes "each character as its ASCII code"; a key
 * formed by key-string.ts is always ASCII, but one typed by hand (`npm run
 * draw -- order`) may not be.
 */
export function keyBytes(key: string): Uint8Array {
  if (key === '') throw new DrawInputError('Klucz losowania jest pusty.');
  if (!/^[\x20-\x7e]+$/.test(key)) throw new DrawInputError('Klucz losowania może zawierać tylko znaki ASCII (litery bez polskich znaków, cyfry, kropki, ukośniki).');
  const bytes = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) bytes[i] = key.charCodeAt(i);
  return bytes;
}

/** Hash inputs for one key, reused across selections: only the counter bytes change. */
function digester(key: string): (index: number) => Uint8Array {
  const bytes = keyBytes(key);
  const short = new Uint8Array(bytes.length + 4);
  short.set(bytes, 2);
  let long: Uint8Array | undefined;
  return (index) => {
    if (index < twoByteCounterLimit) {
      short[0] = short[bytes.length + 2] = index >>> 8;
      short[1] = short[bytes.length + 3] = index & 0xff;
      return md5(short);
    }
    if (!long) {
      long = new Uint8Array(bytes.length + 8);
      long.set(bytes, 4);
    }
    const view = new DataView(long.buffer);
    view.setUint32(0, index);
    view.setUint32(bytes.length + 4, index);
    return md5(long);
  };
}

/**
 * The 128-bit big-endian digest modulo `divisor`, in 16-bit steps: the
 * running remainder times 2^16 stays below 2^53 for any divisor below 2^37,
 * so plain numbers are exact and no BigInt is allocated per selection.
 */
export function digestModulo(digest: Uint8Array, divisor: number): number {
  let remainder = 0;
  for (let i = 0; i < 16; i += 2) remainder = (remainder * 0x1_0000 + ((digest[i]! << 8) | digest[i + 1]!)) % divisor;
  return remainder;
}

/**
 * Positions not yet selected, as a Fenwick tree over 0/1 flags: finding the
 * k-th remaining position and removing it each take O(log P), so a pool of
 * 100,000 is ordered without shifting arrays.
 */
class RemainingPositions {
  readonly #tree: Int32Array;
  readonly #size: number;
  readonly #topStep: number;

  constructor(size: number) {
    this.#size = size;
    this.#tree = new Int32Array(size + 1);
    for (let i = 1; i <= size; i++) this.#tree[i] = i & -i;
    let step = 1;
    while (step * 2 <= size) step *= 2;
    this.#topStep = step;
  }

  /** Removes and returns the zero-based pool position of the remaining item with zero-based rank `rank`. */
  take(rank: number): number {
    let position = 0;
    let left = rank + 1;
    for (let step = this.#topStep; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.#size && this.#tree[next]! < left) {
        position = next;
        left -= this.#tree[next]!;
      }
    }
    for (let i = position + 1; i <= this.#size; i += i & -i) this.#tree[i]! -= 1;
    return position;
  }
}

/** One line of section 6's table: index, hex value of MD5, div, selected. */
export interface SelectionStep {
  /** 1-based, as section 6 prints it; the counter hashed is `index − 1`. */
  index: number;
  digestHex: string;
  /** Items remaining before this selection (the divisor). */
  remaining: number;
  /** 1-based position in the original pool of the item selected. */
  selected: number;
}

function checkPoolSize(size: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size >= 2 ** 32) throw new DrawInputError('Pula ma niedopuszczalny rozmiar.');
}

/** Section 6's table for the first `count` selections (all of them by default). */
export function selectionSteps(poolSize: number, key: string, count = poolSize): SelectionStep[] {
  checkPoolSize(poolSize);
  const digest = digester(key);
  const remaining = new RemainingPositions(poolSize);
  const steps: SelectionStep[] = [];
  for (let j = 0; j < Math.min(count, poolSize); j++) {
    const value = digest(j);
    steps.push({ index: j + 1, digestHex: bytesToHex(value).toUpperCase(), remaining: poolSize - j, selected: remaining.take(digestModulo(value, poolSize - j)) + 1 });
  }
  return steps;
}

/** Zero-based pool positions in drawn order: a permutation of 0 … poolSize − 1. */
export function drawPositions(poolSize: number, key: string): Uint32Array {
  checkPoolSize(poolSize);
  const digest = digester(key);
  const remaining = new RemainingPositions(poolSize);
  const order = new Uint32Array(poolSize);
  for (let j = 0; j < poolSize; j++) order[j] = remaining.take(digestModulo(digest(j), poolSize - j));
  return order;
}

/** The whole pool in drawn order: the first `capacity` are accepted, the rest wait in this order. */
export function drawOrder<T>(pool: readonly T[], key: string): T[] {
  return Array.from(drawPositions(pool.length, key), (position) => pool[position]!);
}
