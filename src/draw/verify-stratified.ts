/**
 * The checks of a protocol with seat quotas (format /2, issue 14), for
 * verify.ts: the pool's categories and values are whole, the quotas are the
 * ones the announcement locked, and the stratified walk (stratified.ts),
 * redone on the drawn order from the published data alone, gives exactly the
 * published relaxations, quotas in force, accepted codes (in acceptance
 * order) and skips. A changed category value changes the pool hash
 * (pool.ts) and usually the panel; a changed quota breaks the announcement's
 * hash or its agreement with the protocol; a code skipped that the rule
 * accepts is named. Pure; each finding is one Polish sentence.
 */
import canonicalize from 'canonicalize';
import { quotasOfFacts } from './announcement.ts';
import { DrawInputError } from './errors.ts';
import { valueOfAnswer } from './quotas.ts';
import type { Protocol, StratifiedRecord } from './protocol.ts';
import { describeRelaxation, describeSkip } from './stratified-command.ts';
import { stratifiedDraw, type StratifiedResult } from './stratified.ts';

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/**
 * Findings about quotas for any protocol. `order` is the drawn order as
 * recomputed from the key (or the pool in canonical order when there was no
 * draw); undefined when it could not be recomputed (then only the static
 * checks run, the order's own finding says why).
 */
export function checkQuotas(protocol: Protocol, order: readonly string[] | undefined): string[] {
  const announced = protocol.announcement ? quotasOfFacts(protocol.announcement.facts) : undefined;
  const record = protocol.stratified;
  if (!record) return announced ? ['Ogłoszenie losowania zawiera kwoty miejsc, a protokół ich nie stosuje: miejsca rozdzielono bez kwot.'] : [];
  const findings: string[] = [];
  if (announced && !same(announced, record.quotas)) findings.push('Kwoty miejsc w protokole różnią się od ogłoszonych przy otwarciu naboru.');
  if (!announced && protocol.announcement) findings.push('Protokół stosuje kwoty miejsc, których ogłoszenie losowania nie zawiera.');
  if (record.quotas.capacity !== protocol.capacity) findings.push(`Kwoty podają ${record.quotas.capacity} miejsc, a protokół ${protocol.capacity}.`);
  findings.push(...checkValues(protocol, record));
  if (findings.length > 0 || order === undefined) return findings;
  let redone: StratifiedResult;
  try {
    redone = stratifiedDraw(order, new Map(protocol.pool.codes.map((c, i) => [c, protocol.pool.values![i]!])), record.quotas);
  } catch (error) {
    return [`Nie da się przeliczyć przydziału z kwotami: ${error instanceof DrawInputError ? error.message : 'błędne kwoty lub wartości.'}`];
  }
  return compareWalk(record, redone, order);
}

function checkValues(protocol: Protocol, record: StratifiedRecord): string[] {
  const { codes, categories = [], values = [] } = protocol.pool;
  const names = record.quotas.categories.map((c) => c.name);
  if (categories.join('\t') !== names.join('\t')) return [`Kategorie w puli (${categories.join(', ')}) różnią się od kategorii kwot (${names.join(', ')}).`];
  if (values.length !== codes.length) return [`Pula ma ${codes.length} kodów, a wartości kategorii podano dla ${values.length}.`];
  const broken = codes.findIndex((_, i) => values[i]!.length !== names.length);
  if (broken !== -1) return [`Kod ${codes[broken]} ma ${values[broken]!.length} wartości kategorii zamiast ${names.length}.`];
  // The freeze publishes a grouped answer as its group (quotas.ts valueOfAnswer): a member in the pool was never frozen so.
  return record.quotas.categories.flatMap((category, k) => {
    const grouped = codes.findIndex((_, i) => valueOfAnswer(category, values[i]![k]!) !== values[i]![k]);
    if (grouped === -1) return [];
    const value = values[grouped]![k]!;
    return [`Kod ${codes[grouped]} ma w puli wartość „${value}”, która należy do ogłoszonej grupy „${valueOfAnswer(category, value)}”: zamrożona pula podaje przy takim kodzie nazwę grupy.`];
  });
}

/** Where the published walk differs from the one redone: the first codes that should and should not have places, then the rest. */
function compareWalk(record: StratifiedRecord, redone: StratifiedResult, order: readonly string[]): string[] {
  const findings: string[] = [];
  const position = new Map(order.map((c, i) => [c, i + 1]));
  if (!same(record.relaxations, redone.relaxations)) {
    findings.push(`Złagodzenia kwot w protokole różnią się od wynikających z puli. Z puli wynika: ${redone.relaxations.map((r) => describeRelaxation(r)).join(' ') || 'żadnych złagodzeń.'}`);
  }
  if (!same(record.effective, redone.quotas)) findings.push('Kwoty po złagodzeniach w protokole różnią się od wynikających z puli i ogłoszenia.');
  const published = new Set(record.accepted);
  const due = new Set(redone.accepted);
  const passedOver = redone.accepted.filter((c) => !published.has(c));
  const wronglyPlaced = record.accepted.filter((c) => !due.has(c));
  if (passedOver.length > 0) {
    const c = passedOver[0]!;
    findings.push(`Kod ${c} (pozycja ${position.get(c) ?? '?'} w wylosowanej kolejności) powinien dostać miejsce według reguły kwot, a protokół go pominął${passedOver.length > 1 ? ` (takich kodów: ${passedOver.length})` : ''}.`);
  }
  if (wronglyPlaced.length > 0) {
    const c = wronglyPlaced[0]!;
    const skip = redone.skips.find((s) => s.code === c);
    const why = skip ? ` ${describeSkip(skip.reason)}` : '';
    findings.push(`Kod ${c} dostał miejsce, choć według reguły kwot powinien zostać pominięty${wronglyPlaced.length > 1 ? ` (takich kodów: ${wronglyPlaced.length})` : ''}.${why}`);
  }
  if (passedOver.length === 0 && wronglyPlaced.length === 0 && record.accepted.join('\n') !== redone.accepted.join('\n')) {
    findings.push('Przyjęte kody są te same, ale w protokole w innej kolejności niż kolejność przyjmowania według wylosowanej kolejności.');
  }
  if (!same(record.skips, redone.skips)) {
    const first = redone.skips.findIndex((s, i) => !same(s, record.skips[i]));
    const i = first === -1 ? redone.skips.length : first;
    const due = redone.skips[i];
    const published = record.skips[i];
    const shown = (s: typeof due) => (s ? `kod ${s.code} (pozycja ${s.position}): ${describeSkip(s.reason)}` : 'nic');
    findings.push(`Lista pominiętych kodów i powodów w protokole różni się od przeliczonej na ${i + 1}. miejscu: w protokole ${shown(published)} Z przeliczenia: ${shown(due)}`);
  }
  return findings;
}
