/**
 * `npm run draw -- stratified --key "<key string>" --pool <file> --quotas
 * <file>` (issue 14), without the files: scripts/draw.ts reads them and
 * prints what this returns. Pure, so the unit tests and a browser can use it.
 *
 * The pool file is tab-separated, one code per line in pool order (position
 * 1 first): `code<TAB>value of category 1[<TAB>value of category 2]`, one
 * value per category of the quotas file (quotas.ts); a value that one of the
 * file's `groups` holds counts as that group. Empty lines, spaces
 * around fields, a Windows line ending and a byte-order mark are ignored.
 *
 * Output: the accepted codes in order, one per line, then a line `--`, then
 * the waiting list in order. Notes (relaxed quotas, no draw needed) are
 * separate, for stderr. Bad input throws DrawInputError in Polish.
 */
import { DrawInputError } from './errors.ts';
import { readQuotas, valueOfAnswer } from './quotas.ts';
import { drawOrder, keyBytes } from './rfc3797.ts';
import { stratifiedDraw, type Relaxation, type SkipReason, type StratifiedResult } from './stratified.ts';

export interface StratifiedPool {
  /** Codes in pool order. */
  codes: string[];
  /** Each code's values, in the quotas' category order. */
  values: Map<string, string[]>;
}

/** Reads the tab-separated pool file for quotas of `categories` categories. */
export function readStratifiedPool(text: string, categories: number): StratifiedPool {
  const codes: string[] = [];
  const values = new Map<string, string[]>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const [code = '', ...rest] = line.split('\t').map((field) => field.trim());
    const where = `Wiersz ${index + 1} pliku puli`;
    if (rest.length !== categories) {
      const found = rest.length === 0 ? 'sam kod' : `kod i ${rest.length} ${rest.length === 1 ? 'wartość' : 'wartości'}`;
      const expected = ['kwoty nie mają kategorii: oczekiwano samego kodu', 'kwoty mają 1 kategorię: oczekiwano kodu i jednej wartości po tabulatorze', 'kwoty mają 2 kategorie: oczekiwano kodu i dwóch wartości, każdej po tabulatorze'][categories];
      throw new DrawInputError(`${where} ma ${found}, a ${expected}.`);
    }
    if (code === '' || rest.some((value) => value === '')) throw new DrawInputError(`${where} ma puste pole: kod i każda wartość muszą być niepuste.`);
    if (values.has(code)) throw new DrawInputError(`Kod „${code}” występuje w pliku puli więcej niż raz.`);
    codes.push(code);
    values.set(code, rest);
  });
  if (codes.length === 0) throw new DrawInputError('Plik puli nie zawiera żadnego kodu.');
  return { codes, values };
}

const boundName = { min: 'minimum', max: 'maksimum' } as const;

/** How categories and values are named in a sentence; the command line names them as the files do. */
export interface QuotaNames {
  category(name: string): string;
  value(value: string): string;
}
const asWritten: QuotaNames = { category: (name) => name, value: (value) => value };

/** One relaxation as a Polish sentence (for the command line and the results page, with the site's `names`). */
export function describeRelaxation(r: Relaxation, names: QuotaNames = asWritten): string {
  const why = { R1: 'tyle zgłoszeń z tą wartością jest w puli', R2: 'liczba miejsc', R3: 'bez minimum' }[r.step];
  const verb = r.bound === 'min' ? 'obniżone' : 'podniesione';
  return `Złagodzenie ${r.step}: ${boundName[r.bound]} wartości „${names.value(r.value)}” w kategorii „${names.category(r.category)}” ${verb} z ${r.from} do ${r.to} (${why}).`;
}

/** Why a code was skipped, as a Polish sentence. */
export function describeSkip(reason: SkipReason, names: QuotaNames = asWritten): string {
  const value = reason.kind === 'quotas' ? '' : `wartości „${names.value(reason.value)}” w kategorii „${names.category(reason.category)}”`;
  switch (reason.kind) {
    case 'maximum':
      return `Wartość „${names.value(reason.value)}” w kategorii „${names.category(reason.category)}” ma już najwięcej miejsc, ile dopuszcza maksimum.`;
    case 'minimum':
      return `Przyjęcie tego kodu sprawiłoby, że minimum ${value} byłoby nieosiągalne.`;
    case 'completion':
      return `Po przyjęciu tego kodu, przy maksimum ${value}, dalsze kody nie zapełniłyby wszystkich miejsc.`;
    case 'quotas':
      return 'Przyjęcie tego kodu uniemożliwiłoby spełnienie kilku kwot naraz.';
  }
}

export interface StratifiedCommandOutput {
  result: StratifiedResult;
  /** For stdout: accepted, `--`, waiting, one code a line, ending in a newline. */
  stdout: string;
  /** Notes for stderr, Polish; empty when there is nothing to note. */
  notes: string[];
}

/**
 * The whole command on the files' texts. Quotas are checked as the CMS checks
 * them, minus the allowed values (a file has no form to compare with).
 */
export function stratifiedCommand(key: string, poolText: string, quotasText: string): StratifiedCommandOutput {
  keyBytes(key);
  const quotas = readQuotas(quotasText);
  const pool = readStratifiedPool(poolText, quotas.categories.length);
  // A pool of the form's answers (e.g. districts) counts a grouped answer as its group, as the freeze does; a published pool already does.
  let regrouped = 0;
  for (const [code, values] of pool.values) {
    const mapped = values.map((value, k) => valueOfAnswer(quotas.categories[k]!, value));
    if (mapped.some((value, k) => value !== values[k])) regrouped += 1;
    pool.values.set(code, mapped);
  }
  const order = pool.codes.length > quotas.capacity ? drawOrder(pool.codes, key) : pool.codes;
  const result = stratifiedDraw(order, pool.values, quotas);
  const notes = result.relaxations.map((r) => describeRelaxation(r));
  if (regrouped > 0) notes.unshift(`Wartości ${regrouped} kodów należą do grup z pliku kwot: policzono je jako te grupy (tak zamraża pulę serwis).`);
  if (result.outcome === 'no-draw') notes.unshift(`Losowanie niepotrzebne: w puli ${pool.codes.length}, miejsc ${quotas.capacity}; przyjęci są wszyscy, w kolejności puli.`);
  const stdout = `${[...result.accepted, '--', ...result.waiting].join('\n')}\n`;
  return { result, stdout, notes };
}
