/**
 * From an idea's text to the features the grouping compares: lower case,
 * diacritics folded (src/lib/fold.ts, so "lawki" typed without Polish
 * letters meets "ławki"), words split on anything that is not a letter or a
 * digit, stop words dropped (./stopwords.ts), each word stemmed
 * (./stemmer.ts), and each stem cut into character n-grams, which carry
 * typos and the forms the stemmer does not reach ("ławeczki", "lawki").
 */
import { searchKey } from '../lib/fold.ts';
import { stem } from './stemmer.ts';
import { stopWords } from './stopwords.ts';

/** The stems of an idea's words, in order, without stop words and one-letter words: "Brakuje ławek w Parku Jordana" → ["lawk", "park", "jordan"]. */
export function ideaStems(text: string): string[] {
  return searchKey(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !stopWords.has(word))
    .map(stem);
}

/**
 * The character n-grams of one stem, padded with a space at each end so a
 * word's start and end count: ("park", 3) → [" pa", "par", "ark", "rk "].
 * A stem shorter than n gives itself, padded.
 */
export function charGrams(stemmed: string, n: number): string[] {
  const padded = ` ${stemmed} `;
  if (padded.length <= n) return [padded];
  const grams: string[] = [];
  for (let i = 0; i + n <= padded.length; i += 1) grams.push(padded.slice(i, i + n));
  return grams;
}

/**
 * The features of an idea with their counts: each stem as "w:<stem>" and
 * each of its character n-grams as "g:<gram>". Keys are strings so the
 * weighting (./similarity.ts) treats both kinds alike, with its own weights.
 */
export function ideaFeatures(text: string, gramSize: number): Map<string, number> {
  const features = new Map<string, number>();
  const add = (key: string) => features.set(key, (features.get(key) ?? 0) + 1);
  for (const stemmed of ideaStems(text)) {
    add(`w:${stemmed}`);
    for (const gram of charGrams(stemmed, gramSize)) add(`g:${gram}`);
  }
  return features;
}
