/**
 * Reading the numbers a person types for a numeric draw source (the panel's
 * /panel/losowanie/, `npm run draw -- run --value`, `npm run draw -- verify
 * --source` and the browser verifier all call `parseNumbers`). Browser-safe:
 * no Node APIs.
 *
 * The documented forms (issue 11, section 3: a value that can mean two
 * things is refused, never read one way silently):
 *
 * - a number is digits, optionally followed by a dot and more digits — the
 *   dot separates the fraction, as in RFC 3797 section 4 (`9319`, `2345.67`);
 * - numbers in a list are separated by spaces (or tabs, new lines), by a
 *   comma followed by a space, or by a semicolon (`3 7 19`, `3, 7, 19`,
 *   `3;7;19`); their order does not matter (the key sorts them).
 *
 * Refused, each with a sentence that shows the key part each reading gives:
 *
 * - a comma directly between digits (`2345,67`: one decimal number, the
 *   Polish way, or two numbers 2345 and 67?);
 * - a space between a number of at most three digits and one of exactly three
 *   (`1 234`: two numbers, or 1234 with a thousands space?); any Unicode
 *   space separator (category Zs) other than the plain ASCII space between
 *   digits, whatever the digits: the no-break spaces U+00A0, U+2007, U+202F
 *   (what spreadsheets and `Intl.NumberFormat('pl-PL')` write between
 *   thousands), the ideographic space U+3000, the en/em/thin spaces
 *   U+2000–U+200A, …;
 * - a dot followed by exactly three digits after one to three digits that are
 *   not a lone zero (`1.234`: the decimal 1.234, or 1234 with a thousands
 *   dot?) — `1.2340` says the decimal without doubt, and gives the same key;
 * - anything else that is not a number (`-3`, `1e5`, `5.`, `pięć`).
 */
import { DrawInputError } from './errors.ts';
import { canonicalNumber, sourceKeyPart } from './key-string.ts';

/** One example of a documented form and what it shows, for the hint and the explanation page. */
export interface NumberForm {
  example: string;
  says: string;
}

/** The forms `parseNumbers` accepts; the panel's hint and the explanation list exactly these. */
export const acceptedNumberForms: readonly NumberForm[] = [
  { example: '9319', says: 'jedna liczba' },
  { example: '2345.67', says: 'część ułamkową oddziela kropka' },
  { example: '3 7 19 28 33 41', says: 'liczby oddzielone spacjami' },
  { example: '3, 7, 19', says: 'przecinkiem i spacją' },
  { example: '3;7;19', says: 'średnikiem' },
];

/** The forms it refuses because they can mean two things; listed beside the accepted ones. */
export const ambiguousNumberForms: readonly NumberForm[] = [
  { example: '2345,67', says: 'przecinek między cyframi: ułamek czy dwie liczby?' },
  { example: '1 234', says: 'spacja przed trzema cyframi: tysiące czy dwie liczby?' },
  { example: '1.234', says: 'kropka przed trzema cyframi: ułamek czy tysiące?' },
];

/** The forms as a Polish list: „9319” (jedna liczba), „2345.67” (…), … */
export const describeForms = (forms: readonly NumberForm[]) => forms.map((f) => `„${f.example}” (${f.says})`).join(', ');

/** Said after the ambiguous forms: the one refused form an example cannot show, since it looks like a space. */
export const wideSpaceNote = 'spacja nierozdzielająca albo inna niż zwykła (np. szeroka) między cyframi';

/** The hint under a numeric source's field, in one place for the panel and the tests. */
export const numbersHint =
  `Liczby dokładnie tak, jak je opublikowano, np. ${describeForms(acceptedNumberForms)}; kolejność nie ma znaczenia. ` +
  `Zapisów, które można odczytać dwojako, nie przyjmujemy: ${describeForms(ambiguousNumberForms)}, ${wideSpaceNote}.`;

/** Every Unicode space separator (Zs) except U+0020: the set Zs with the plain space taken out. */
const wideSpace = /[^\P{Zs} ]/u;
/** The no-break spaces, named as such in the sentence; other wide spaces are "inna niż zwykła". */
const noBreakSpace = /^[\u00a0\u2007\u202f]+$/;
const separator = /([\s,;]+)/;
const thousandsDots = /^\d{1,3}(?:\.\d{3}){2,}$/;

type Kind = 'comma' | 'space' | 'wide-space' | 'dot';

interface Ambiguity {
  kind: Kind;
  /** The typed fragment that can be read two ways. */
  fragment: string;
  /** The list of numbers read the other way (the run joined). */
  otherReading: string[];
}

/**
 * The numbers a person typed for a numeric source, in the documented forms
 * (see the module's docstring), e.g. "2, 5, 12, 8, 10" → ["2", "5", "12",
 * "8", "10"]. The typed form of each is kept: the key is computed from it,
 * and anyone may redo that step.
 *
 * @throws DrawInputError with a Polish sentence: no number, something that is
 *   not a number, or a form that can mean two things (the sentence quotes
 *   the fragment and the key part of each reading).
 */
export function parseNumbers(input: string): string[] {
  const typed = input.trim();
  const pieces = typed.split(separator);
  const values = pieces.filter((_, i) => i % 2 === 0).filter((v) => v !== '');
  if (values.length === 0) throw new DrawInputError('Wpisz co najmniej jedną liczbę.');
  for (const value of values) {
    if (thousandsDots.test(value)) throw new DrawInputError(dottedThousands(value));
    canonicalNumber(value);
  }
  const ambiguity = firstAmbiguity(pieces);
  if (ambiguity) throw new DrawInputError(explain(typed, values, ambiguity));
  return values;
}

/**
 * Walks the typed value as number, separator, number, …: the first place
 * that can be read two ways, with the list of numbers the other reading
 * gives. Pieces come from `split` with a capturing group, so even indexes
 * are numbers (possibly empty at the ends) and odd ones separators.
 */
function firstAmbiguity(pieces: string[]): Ambiguity | undefined {
  for (let i = 0; i < pieces.length; i += 2) {
    const token = pieces[i]!;
    if (/^[1-9]\d{0,2}\.\d{3}$/.test(token)) return { kind: 'dot', fragment: token, otherReading: replaced(pieces, i, i, token.replace('.', '')) };
    const kind = i + 2 < pieces.length && token !== '' && pieces[i + 2] !== '' ? separatorKind(token, pieces[i + 1]!, pieces[i + 2]!) : undefined;
    if (!kind) continue;
    // The run goes on while the same kind of separator joins the next number (1 234 567, 1,234,567).
    let end = i + 2;
    while (end + 2 < pieces.length && pieces[end + 2] !== '' && separatorKind(pieces[end]!, pieces[end + 1]!, pieces[end + 2]!) === kind) end += 2;
    const run = pieces.slice(i, end + 1);
    const numbers = run.filter((_, j) => j % 2 === 0);
    const joined = kind === 'comma' && numbers.length === 2 ? numbers.join('.') : numbers.join('');
    return { kind, fragment: run.join(''), otherReading: replaced(pieces, i, end, joined) };
  }
  return undefined;
}

function separatorKind(before: string, between: string, after: string): Kind | undefined {
  if (between === ',') return 'comma';
  if (wideSpace.test(between) && !/[,;]/.test(between)) return 'wide-space';
  if (/^[ \t]+$/.test(between) && /^\d{1,3}$/.test(before) && /^\d{3}(?:\.\d+)?$/.test(after)) return 'space';
  return undefined;
}

/** The numbers of the typed value with pieces from..to (inclusive) replaced by one number. */
function replaced(pieces: string[], from: number, to: number, value: string): string[] {
  return [...pieces.slice(0, from), value, ...pieces.slice(to + 1)].filter((_, i) => i % 2 === 0).filter((v) => v !== '');
}

/** The key part of a list of numbers, or undefined when the list is not one (e.g. "1.5.25"). */
function keyPartOf(values: string[]): string | undefined {
  try {
    return sourceKeyPart({ kind: 'numbers', values });
  } catch {
    return undefined;
  }
}

const listOf = (values: string[]) => (values.length === 1 ? `liczba ${values[0]}` : `liczby ${values.slice(0, -1).join(', ')} i ${values.at(-1)}`);

function explain(typed: string, values: string[], { kind, fragment, otherReading }: Ambiguity): string {
  const asList = `${listOf(values)} (część klucza „${keyPartOf(values)}”)`;
  const other = keyPartOf(otherReading);
  const asOther = other ? `${listOf(otherReading)} (część klucza „${other}”)` : undefined;
  const where = fragment === typed ? `„${typed}”` : `„${fragment}” w „${typed}”`;
  switch (kind) {
    case 'comma': {
      const parts = fragment.split(',');
      const one = parts.length === 2 ? `jeśli ułamek, oddziel część ułamkową kropką („${parts.join('.')}”)` : `jeśli przecinki oddzielają tysiące, wpisz liczbę bez nich („${parts.join('')}”)`;
      return `${where}: przecinek między cyframi może oddzielać liczby albo ${parts.length === 2 ? 'część ułamkową' : 'tysiące'} — to ${asList}${asOther ? ` czy ${asOther}` : ''}? ` +
        `Jeśli to osobne liczby, napisz po przecinku spację („${parts.join(', ')}”); ${one}.`;
    }
    case 'space':
    case 'wide-space': {
      const parts = fragment.split(/\s+/);
      const why = kind === 'space'
        ? 'spacja przed grupą trzech cyfr'
        : noBreakSpace.test(fragment.replace(/[\d.]/g, ''))
          ? 'spacja nierozdzielająca (taką wstawiają arkusze i edytory tekstu między tysiące)'
          : 'spacja inna niż zwykła (np. szeroka, z edytora tekstu albo klawiatury azjatyckiej)';
      return `${where}: ${why} może oddzielać tysiące jednej liczby albo dwie liczby — to ${asList}${asOther ? ` czy ${asOther}` : ''}? ` +
        `Jeśli to osobne liczby, oddziel je przecinkiem i spacją („${parts.join(', ')}”); jeśli jedna, wpisz ją bez spacji („${parts.join('')}”).`;
    }
    case 'dot':
      return `${where}: kropka przed trzema ostatnimi cyframi może oddzielać część ułamkową albo tysiące — to ${asList}${asOther ? ` czy ${asOther}` : ''}? ` +
        `Jeśli to ułamek, dopisz na końcu zero („${fragment}0”; klucz się nie zmieni); jeśli tysiące, wpisz liczbę bez kropki („${fragment.replace('.', '')}”).`;
  }
}

function dottedThousands(value: string): string {
  const joined = value.replaceAll('.', '');
  return `„${value}” nie jest liczbą: liczba ma najwyżej jedną kropkę, przed częścią ułamkową. Jeśli kropki oddzielają tysiące, to liczba ${joined} (część klucza „${canonicalNumber(joined)}/”): wpisz ją bez kropek („${joined}”).`;
}
