/**
 * Folding Polish text to plain Latin letters, for search.
 *
 * Pagefind (1.5+) already folds letters that Unicode decomposes into a base
 * letter and a combining mark (ą ć ę ń ó ś ź ż), but ł/Ł has no decomposition,
 * so "lodz" does not find "Łódź" nor "zablocie" "Zabłocie". The indexer adds
 * the folded form of every word that needs it (see `wordsPagefindCannotFold`),
 * and the search page folds queries the same way when they find nothing.
 */

/** Letters without a Unicode decomposition, mapped to the letter people type instead. */
const undecomposable: Record<string, string> = { ł: 'l', Ł: 'L' };
const undecomposablePattern = /[łŁ]/g;
const combiningMarks = /\p{M}/gu;

/** "Zażółć gęślą jaźń, Łódź" → "Zazolc gesla jazn, Lodz". Keeps case and everything that is not a letter. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(combiningMarks, '')
    .replace(undecomposablePattern, (letter) => undecomposable[letter] ?? letter)
    .normalize('NFC');
}

/** Lower-cased and folded: the form two spellings of one word share. */
export function searchKey(text: string): string {
  return fold(text.toLocaleLowerCase('pl'));
}

/**
 * The folded, lower-cased forms of the words in `text` that Pagefind's own
 * normalisation cannot reach (those with ł or Ł), each once, in order of first
 * appearance. Words are split on whitespace as Pagefind splits them; stray
 * punctuation is dropped, hyphens kept so compounds split the same way.
 */
export function wordsPagefindCannotFold(text: string): string[] {
  const words = new Set<string>();
  for (const token of text.split(/\s+/)) {
    if (!/[łŁ]/.test(token)) continue;
    const word = searchKey(token).replace(/[^\p{L}\p{N}-]/gu, '').replace(/^-+|-+$/g, '');
    if (word) words.add(word);
  }
  return [...words];
}

/** A URL segment from a Polish label: "Raport z konsultacji" → "raport-z-konsultacji". */
export function slugify(label: string): string {
  return searchKey(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
