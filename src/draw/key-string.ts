/**
 * The key string of RFC 3797 ("Publicly Verifiable Nominations Committee
 * (NomCom) Random Selection", D. Eastlake 3rd, June 2004), section 4: how the
 * values of the public random sources become the one ASCII string every
 * selection is hashed from. Section 6's example: the sources 9319, {2 5 12 8
 * 10} and {9 18 26 34 41 45} give "9319./2.5.8.10.12./9.18.26.34.41.45./".
 *
 * Numbers are kept as decimal strings from input to key, never as floats: a
 * lottery result typed as "0.10" must become "0.1" exactly, and no binary
 * rounding may ever touch a value someone else will recompute by hand.
 */
import { DrawInputError } from './errors.ts';

/** One source's published value: a list of numbers (one or more), or a text. */
export type SourceValue =
  | { readonly kind: 'numbers'; readonly values: readonly string[] }
  | { readonly kind: 'text'; readonly text: string };

const decimal = /^(\d+)(?:\.(\d+))?$/;

/**
 * Section 4, step 1: a number "as a decimal number terminated by a period (or
 * with a period separating the whole from the fractional part), without
 * leading zeroes, except for a single leading zero if the integer part is
 * zero, and without trailing zeroes on the fractional part". So 9319 → "9319.",
 * 007 → "7.", 0.50 → "0.5", 12.000 → "12.". The RFC's sources are
 * non-negative; a sign, an exponent or a decimal comma is refused.
 */
export function canonicalNumber(input: string): string {
  const match = decimal.exec(input.trim());
  if (!match) throw new DrawInputError(`„${input.trim()}” nie jest liczbą: wpisz cyfry, a część ułamkową po kropce (np. 12 albo 0.5).`);
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? `${whole}.` : `${whole}.${fraction}`;
}

/** Numeric order of two canonical numbers (as `canonicalNumber` writes them). */
function compareCanonical(a: string, b: string): number {
  const [aWhole, aFraction = ''] = a.split('.') as [string, string?];
  const [bWhole, bFraction = ''] = b.split('.') as [string, string?];
  if (aWhole.length !== bWhole.length) return aWhole.length - bWhole.length;
  if (aWhole !== bWhole) return aWhole < bWhole ? -1 : 1;
  const width = Math.max(aFraction.length, bFraction.length);
  const [x, y] = [aFraction.padEnd(width, '0'), bFraction.padEnd(width, '0')];
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * Section 4, step 2, for a text source: "the string with all characters other
 * than upper and lower case letters and digits removed and all letters
 * converted to upper case". The RFC speaks of ASCII; accented letters lose
 * their accent first (ó → O), so a Polish text gives the key a person
 * expects, and letters with no ASCII base (ł) are removed with the rest.
 */
export function canonicalText(input: string): string {
  return input.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * Section 4, step 2: one source's part of the key, with its "/". A source
 * with several numbers has them "from smallest to the largest" and
 * concatenated; a single number is the same with one value.
 */
export function sourceKeyPart(source: SourceValue): string {
  if (source.kind === 'text') {
    const text = canonicalText(source.text);
    if (text === '') throw new DrawInputError('Wartość tekstowa źródła nie zawiera żadnej litery ani cyfry.');
    return `${text}/`;
  }
  if (source.values.length === 0) throw new DrawInputError('Źródło liczbowe nie ma żadnej liczby.');
  return `${source.values.map(canonicalNumber).sort(compareCanonical).join('')}/`;
}

/** Section 4, step 3: the parts concatenated in the announced order of the sources. */
export function keyString(sources: readonly SourceValue[]): string {
  if (sources.length === 0) throw new DrawInputError('Losowanie potrzebuje co najmniej jednego źródła losowości.');
  return sources.map(sourceKeyPart).join('');
}

/**
 * The parts of a published key string, each with its "/", so a verifier can
 * say which source disagrees. Parts never contain "/" themselves: numbers
 * are digits and dots, texts are letters and digits.
 */
export function keyParts(key: string): string[] {
  return key.match(/[^/]*\//g) ?? [];
}
