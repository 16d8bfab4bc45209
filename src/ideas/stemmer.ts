/**
 * A light suffix-stripping stemmer for Polish, on folded, lower-case words
 * (`searchKey` of src/lib/fold.ts: "ławek" → "lawek").
 *
 * No Polish stemmer is installed in this project (the npm registry has none
 * that is well kept; Snowball 3.0's `polish.sbl` is the candidate once a
 * package ships it). This one follows the approach of Błażej Kubiński's
 * pl_stemmer (https://github.com/Tutanchamon/pl_stemmer, "a very simple
 * stemmer for Polish based on Porter's algorithm", also used by TNTSearch's
 * PolishStemmer): strip the longest inflectional ending of a few classes
 * (nominal derivations, adjective endings, verb endings, case endings)
 * while a stem of at least `minStem` letters remains. The ending lists here
 * are written anew for folded text; they are ours, not copied.
 *
 * One addition for Polish's fleeting e ("ławek" / "ławki", "przystanek" /
 * "przystanku"): a stem ending in consonant + "ek"/"ec" loses the e, so both
 * forms meet at "lawk", "przystank".
 */

/** The shortest stem the stemmer leaves, in letters. */
export const minStem = 3;

/** Endings tried longest first; each is stripped only if `minStem` letters remain. */
const endings: readonly string[] = [
  // nominal derivations and their cases (oświetlenie, oświetlenia, oświetleniem, rewitalizacji…)
  'owaniami', 'owaniach', 'owaniem', 'owaniu', 'owania', 'owanie',
  'eniami', 'eniach', 'eniem', 'eniu', 'enia', 'enie', 'aniami', 'aniach', 'aniem', 'aniu', 'ania', 'anie',
  'acjami', 'acjach', 'acja', 'acji', 'acje', 'acje', 'acjom',
  'osciami', 'osci', 'osc',
  // adjectives (zielony, zielonego, rowerowych, miejskiej…)
  'owego', 'owemu', 'owymi', 'owych', 'owej', 'owym', 'owa', 'owe', 'owy', 'owi',
  'iego', 'iemu', 'iej', 'imi', 'ich', 'ego', 'emu', 'ymi', 'ych', 'ej', 'ym', 'im',
  // verbs (posadzić, posadzmy, naprawić, wymienić, oświetlić…)
  'ujemy', 'ujecie', 'owac', 'ujac', 'icie', 'iecie', 'imy', 'emy', 'amy',
  'ic', 'ac', 'ec', 'yc', 'cie',
  // case endings of nouns
  'ami', 'ach', 'iem', 'iom', 'ow', 'om', 'em', 'ie', 'a', 'e', 'i', 'o', 'u', 'y',
];

/** Sorted once: longest first, then alphabetically, so the choice never depends on list order. */
const ordered = [...new Set(endings)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

const vowels = /[aeiouy]/;

/**
 * The stem of one folded, lower-case word: "lawki" → "lawk", "lawek" → "lawk",
 * "parku" → "park", "oswietlenie" → "oswietl". Words of `minStem` letters or
 * fewer, and words with digits, come back unchanged. Pure and deterministic.
 */
export function stem(word: string): string {
  if (word.length <= minStem || /\d/.test(word)) return word;
  let result = word;
  for (const ending of ordered) {
    if (result.endsWith(ending) && result.length - ending.length >= minStem) {
      result = result.slice(0, -ending.length);
      break;
    }
  }
  // Fleeting e: "lawek" → "lawk", "przystanek" → "przystank" (only after a consonant).
  const fleeting = /([^aeiouy])e([kc])$/.exec(result);
  if (fleeting && result.length - 1 >= minStem + 1 && vowels.test(result.slice(0, -3))) {
    result = result.slice(0, -2) + fleeting[2];
  }
  return result;
}
