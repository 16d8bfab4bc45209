/**
 * Draw protocols for the tests: a genuine one built by the real code, and the
 * kinds of tampering the verifier must catch (a changed code, a reordered
 * pool, a wrong source value, a reordered result).
 */
import { buildProtocol, freezePool, sourceFromInput, type DrawProtocol, type NoDrawProtocol } from '../../src/draw/protocol.ts';

const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `count` distinct registration-shaped codes, the same on every run. */
export function sampleCodes(count: number, seed = 1): string[] {
  const codes = new Set<string>();
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return alphabet[state % alphabet.length]!;
  };
  while (codes.size < count) {
    let code = '';
    for (let i = 0; i < 9; i++) code += i === 4 ? '-' : next();
    codes.add(code);
  }
  return [...codes];
}

export const sampleSources = [
  sourceFromInput('Lotto, losowanie z 14 marca 2026 r.: sześć wylosowanych liczb', 'numbers', '41, 7, 19, 3, 33, 28'),
  sourceFromInput('drand (sieć League of Entropy „quicknet”), runda 15 000 000: wartość randomness', 'text', '9f2c4e1b7a5d3c8e0f6a2b4d1c9e7f3a5b8d0c2e4f6a1b3c5d7e9f0a2b4c6d8e'),
];

const programme = { id: 'wspolne-projekty-miejskie-2026', title: 'Wspólne Projekty Miejskie 2026' };

export function genuineProtocol(poolSize = 150, capacity = 60): DrawProtocol {
  const pool = freezePool(sampleCodes(poolSize), new Date('2026-03-10T23:00:00Z'));
  const protocol = buildProtocol({ programme, capacity, pool, sources: sampleSources, at: new Date('2026-03-15T10:00:00Z') });
  if (protocol.outcome !== 'draw') throw new Error('expected a draw');
  return protocol;
}

export function noDrawProtocol(poolSize = 40, capacity = 60): NoDrawProtocol {
  const pool = freezePool(sampleCodes(poolSize), new Date('2026-03-10T23:00:00Z'));
  const protocol = buildProtocol({ programme, capacity, pool, sources: sampleSources, at: new Date('2026-03-15T10:00:00Z') });
  if (protocol.outcome !== 'no-draw') throw new Error('expected no draw');
  return protocol;
}

const copy = <T>(value: T): T => structuredClone(value);

/** One code of the pool replaced by another (hash left as published). */
export function withChangedCode(protocol: DrawProtocol, position = 10): DrawProtocol {
  const tampered = copy(protocol);
  const old = tampered.pool.codes[position - 1]!;
  const replacement = `${old.slice(0, 8)}${old.endsWith('2') ? '3' : '2'}`;
  tampered.pool.codes[position - 1] = replacement;
  tampered.order = tampered.order.map((c) => (c === old ? replacement : c));
  return tampered;
}

/** Two neighbouring codes of the pool swapped. */
export function withReorderedPool(protocol: DrawProtocol, position = 20): DrawProtocol {
  const tampered = copy(protocol);
  const codes = tampered.pool.codes;
  [codes[position - 1], codes[position]] = [codes[position]!, codes[position - 1]!];
  return tampered;
}

/** One number of the first source changed, the key string left as published. */
export function withWrongSourceValue(protocol: DrawProtocol): DrawProtocol {
  const tampered = copy(protocol);
  const source = tampered.sources[0]!;
  if (source.kind !== 'numbers') throw new Error('expected numbers');
  source.values = source.values.map((v, i) => (i === 0 ? String(Number(v) + 1) : v));
  return tampered;
}

/** Two places of the result swapped: someone moved up from the waiting list. */
export function withReorderedResult(protocol: DrawProtocol, a = 59, b = 61): DrawProtocol {
  const tampered = copy(protocol);
  [tampered.order[a], tampered.order[b]] = [tampered.order[b]!, tampered.order[a]!];
  return tampered;
}
