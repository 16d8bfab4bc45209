/**
 * Re-checks a published draw protocol from its own data, as anyone can: the
 * pool's order and SHA-256, the key string from the source values (RFC 3797
 * section 4), the drawn order from the key and the pool (sections 4 and 6),
 * and the count accepted. Pure and synchronous: the CLI and the browser
 * verifier call the same function. Each finding is a Polish sentence naming
 * exactly what does not match.
 *
 * What a protocol cannot prove about itself is said in `reminders`: that the
 * source values are the ones the world saw, and that the pool is the one
 * published when enrolment closed. Callers who know those (typed by a
 * person, or the hash from the closing notice) pass them in `expected`.
 *
 * A value a person typed that cannot be read one way (`2345,67`, see
 * typed-numbers.ts) is the person's input to fix, not a fault of the
 * protocol: it comes back in `inputErrors`, with no verdict on the protocol
 * (`findings` empty, `ok` false); the CLI exits 2 on it, as for any bad
 * usage, and the browser verifier shows it at the field.
 */
import { z } from 'astro/zod';
import { plural, pluralWord } from '../lib/plural.ts';
import { checkAnnouncement } from './announcement-check.ts';
import { DrawInputError } from './errors.ts';
import { firstOutOfOrder, poolSha256 } from './pool.ts';
import { protocolSchema, sourceFromInput, type DrawProtocol, type DrawSource, type Protocol } from './protocol.ts';
import { drawOrder, implementationVersion, keyParts, sourceKeyPart } from './rfc3797.ts';
import { checkQuotas } from './verify-stratified.ts';

export interface Expected {
  /** The pool hash published when enrolment closed. */
  poolSha256?: string;
  /** The announcement hash shown on the programme page (announcement-check.ts). */
  announcementSha256?: string;
  /** Source values found independently, by source position (0-based); undefined skips one. */
  sourceValues?: readonly (string | undefined)[];
}

export interface Verification {
  /** True only when the protocol was checked and nothing is wrong. */
  ok: boolean;
  /** One line: what was checked and the verdict. */
  summary: string;
  findings: string[];
  reminders: string[];
  /**
   * Typed values (`expected.sourceValues`) that cannot be read one way, or
   * name a source the protocol does not have: one Polish sentence each,
   * naming the source and quoting the key part of each reading. When any,
   * the protocol was not judged.
   */
  inputErrors: string[];
  protocol?: Protocol;
}

const polish = z.locales.pl();

/** The Polish word for a count (without the number). */
const codes = (n: number) => plural(n, 'kod', 'kody', 'kodów');
const shown = (s: DrawSource) => (s.kind === 'numbers' ? s.values.join(', ') : s.text);
const named = (s: DrawSource, i: number) => `Źródło ${i + 1} („${s.description}”)`;

/** Verifies the protocol's text (a file or a download): bad JSON is a finding, not an exception. */
export function verifyProtocolText(text: string, expected: Expected = {}): Verification {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return failed(['To nie jest poprawny plik JSON: protokół losowania to dokument JSON.']);
  }
  return verifyProtocol(data, expected);
}

export function verifyProtocol(data: unknown, expected: Expected = {}): Verification {
  // zod's own wording in Polish (its `pl` locale) where the schema gives no sentence of its own.
  const parsed = protocolSchema.safeParse(data, { error: polish.localeError });
  if (!parsed.success) {
    return failed(parsed.error.issues.slice(0, 10).map((issue) => `Protokół ma niepoprawną budowę (${issue.path.join('.') || 'całość'}): ${issue.message}`));
  }
  const protocol = parsed.data;
  const inputErrors = unreadableValues(protocol, expected.sourceValues ?? []);
  if (inputErrors.length > 0) {
    return {
      ok: false,
      summary: inputErrors.length === 1
        ? 'Nie sprawdzono protokołu: podana wartość źródła jest błędna albo można ją odczytać dwojako. Popraw ją i sprawdź jeszcze raz.'
        : 'Nie sprawdzono protokołu: podane wartości źródeł są błędne albo można je odczytać dwojako. Popraw je i sprawdź jeszcze raz.',
      findings: [],
      reminders: [],
      inputErrors,
      protocol,
    };
  }
  const findings = [...checkPool(protocol, expected), ...checkCounts(protocol), ...checkAnnouncement(protocol, expected.announcementSha256)];
  if (protocol.outcome === 'draw') findings.push(...checkDraw(protocol, expected));
  // The order is drawn again only for a protocol with quotas: checkOrder has already done it once for the rest.
  findings.push(...checkQuotas(protocol, protocol.stratified ? recomputedOrder(protocol) : undefined));
  const reminders = [
    `Porównaj skrót puli ${protocol.pool.sha256} ze skrótem opublikowanym przy zamknięciu zapisów.`,
    ...(protocol.announcement ? [`Porównaj skrót ogłoszenia ${protocol.announcement.sha256} ze skrótem podanym na stronie programu.`] : []),
    ...(protocol.outcome === 'draw' ? ['Porównaj wartości źródeł z ich oficjalnymi wynikami (opisy źródeł ogłoszono przed zamknięciem zapisów).'] : []),
  ];
  const size = protocol.pool.codes.length;
  const summary = findings.length > 0
    ? `Protokół niezgodny: ${findings.length} ${pluralWord(findings.length, 'niezgodność', 'niezgodności', 'niezgodności')}.`
    : protocol.outcome === 'draw'
      ? `Protokół zgodny: pula ${codes(size)} i klucz „${protocol.keyString}” dają dokładnie opublikowaną kolejność` +
        `${protocol.stratified ? ', a reguła kwot miejsc dokładnie opublikowany skład' : ''}; przyjęto ${protocol.accepted}, na liście rezerwowej ${size - protocol.accepted}.`
      : `Protokół zgodny: pula ${codes(size)} nie przekracza liczby miejsc (${protocol.capacity}), wszyscy przyjęci bez losowania.`;
  return { ok: findings.length === 0, summary, findings, reminders, inputErrors: [], protocol };
}

function failed(findings: string[]): Verification {
  return { ok: false, summary: `Protokół niezgodny: ${findings.length} ${pluralWord(findings.length, 'niezgodność', 'niezgodności', 'niezgodności')}.`, findings, reminders: [], inputErrors: [] };
}

/**
 * The typed values that cannot be read as their source's kind (typed-numbers.ts
 * refuses what can mean two things), or that name a source the protocol
 * does not have; blank values are skipped, as in `checkDraw`. A protocol
 * without a draw has no values to compare, so nothing typed is read.
 */
function unreadableValues(protocol: Protocol, typed: readonly (string | undefined)[]): string[] {
  if (protocol.outcome !== 'draw') return [];
  const errors: string[] = [];
  typed.forEach((value, i) => {
    if (value === undefined || value.trim() === '') return;
    const source = protocol.sources[i];
    if (!source) {
      errors.push(`Podano wartość źródła ${i + 1}, a protokół ma ${plural(protocol.sources.length, 'źródło', 'źródła', 'źródeł')}.`);
      return;
    }
    try {
      sourceKeyPart(sourceFromInput(source.description, source.kind, value));
    } catch (error) {
      errors.push(`${named(source, i)}: podanej do sprawdzenia wartości nie da się odczytać: ${error instanceof DrawInputError ? error.message : 'niepoprawna wartość.'}`);
    }
  });
  return errors;
}

function checkPool(protocol: Protocol, expected: Expected): string[] {
  const { codes: pool, sha256 } = protocol.pool;
  const findings: string[] = [];
  const at = firstOutOfOrder(pool);
  if (at !== undefined) {
    findings.push(pool[at - 1] === pool[at - 2]
      ? `Pula: kod ${pool[at - 1]} występuje dwa razy (pozycje ${at - 1} i ${at}).`
      : `Pula nie jest w porządku kanonicznym (rosnąco według kodu): kod ${pool[at - 1]} z pozycji ${at} powinien stać przed kodem ${pool[at - 2]} z pozycji ${at - 1}. Kolejność puli została zmieniona.`);
  }
  const computed = poolSha256(pool, protocol.pool.values);
  if (computed !== sha256) {
    findings.push(protocol.pool.values
      ? `Skrót SHA-256 puli się nie zgadza: w protokole ${sha256}, z kodów puli i ich wartości kategorii wychodzi ${computed}. Kody albo wartości kategorii w puli różnią się od tych, dla których opublikowano skrót.`
      : `Skrót SHA-256 puli się nie zgadza: w protokole ${sha256}, z kodów puli wychodzi ${computed}. Kody puli różnią się od tych, dla których opublikowano skrót.`);
  }
  if (expected.poolSha256 !== undefined && expected.poolSha256.trim().toLowerCase() !== sha256) {
    findings.push(`Skrót puli w protokole (${sha256}) różni się od skrótu opublikowanego przy zamknięciu zapisów (${expected.poolSha256.trim().toLowerCase()}).`);
  }
  return findings;
}

/** The drawn order from the key (the pool itself when there was no draw); undefined when the key cannot give one. */
function recomputedOrder(protocol: Protocol): string[] | undefined {
  if (protocol.outcome !== 'draw') return protocol.pool.codes;
  try {
    return drawOrder(protocol.pool.codes, protocol.keyString);
  } catch {
    return undefined;
  }
}

function checkCounts(protocol: Protocol): string[] {
  const size = protocol.pool.codes.length;
  const findings: string[] = [];
  if (protocol.outcome === 'draw' && size <= protocol.capacity) {
    findings.push(`Losowanie nie było potrzebne: pula (${codes(size)}) nie przekracza liczby miejsc (${protocol.capacity}).`);
  }
  if (protocol.outcome === 'no-draw' && size > protocol.capacity) {
    findings.push(`Protokół mówi, że losowania nie było, ale pula (${codes(size)}) przekracza liczbę miejsc (${protocol.capacity}).`);
  }
  const accepted = Math.min(size, protocol.capacity);
  if (protocol.accepted !== accepted) {
    findings.push(`Liczba przyjętych (${protocol.accepted}) jest błędna: przy ${plural(protocol.capacity, 'miejscu', 'miejscach', 'miejscach')} i puli ${codes(size)} przyjętych jest ${accepted}.`);
  }
  const decided = protocol.outcome === 'draw' ? protocol.drawnAt : protocol.decidedAt;
  if (Date.parse(decided) < Date.parse(protocol.pool.frozenAt)) findings.push('Wynik ustalono przed zamrożeniem puli.');
  return findings;
}

function checkDraw(protocol: DrawProtocol, expected: Expected): string[] {
  const findings: string[] = [];
  if (protocol.algorithm.implementation !== implementationVersion) {
    findings.push(`Protokół podaje implementację „${protocol.algorithm.implementation}”, a ten weryfikator sprawdza „${implementationVersion}”.`);
  }
  const published = keyParts(protocol.keyString);
  if (published.join('') !== protocol.keyString || published.length !== protocol.sources.length) {
    findings.push(`Klucz „${protocol.keyString}” nie składa się z ${protocol.sources.length} ${pluralWord(protocol.sources.length, 'części', 'części', 'części')} zakończonych „/”, po jednej na źródło.`);
  }
  protocol.sources.forEach((source, i) => {
    let part: string;
    try {
      part = sourceKeyPart(source);
    } catch (error) {
      // The protocol's own value is broken: that is the finding, and nothing typed can be compared with it.
      findings.push(`${named(source, i)}: ${error instanceof DrawInputError ? error.message : 'niepoprawna wartość.'}`);
      return;
    }
    if (published[i] !== undefined && part !== published[i]) {
      findings.push(`${named(source, i)}: z wartości ${shown(source)} wychodzi część klucza „${part}”, a w kluczu protokołu jest „${published[i]}”. Wartość źródła nie zgadza się z kluczem.`);
    }
    const observed = expected.sourceValues?.[i];
    if (observed !== undefined && observed.trim() !== '') findings.push(...compareObserved(source, part, i, observed));
  });
  findings.push(...checkOrder(protocol));
  return findings;
}

/** A value already read by `unreadableValues`, compared with the protocol's by key part. */
function compareObserved(source: DrawSource, part: string, i: number, observed: string): string[] {
  const theirs = sourceKeyPart(sourceFromInput(source.description, source.kind, observed));
  return theirs === part ? [] : [`${named(source, i)}: w protokole wartość ${shown(source)}, a podana do sprawdzenia to ${observed.trim()}.`];
}

function checkOrder(protocol: DrawProtocol): string[] {
  const { order } = protocol;
  const pool = protocol.pool.codes;
  const inPool = new Set(pool);
  const inOrder = new Set(order);
  const findings: string[] = [];
  const strangers = order.filter((c) => !inPool.has(c));
  const missing = pool.filter((c) => !inOrder.has(c));
  if (strangers.length > 0) findings.push(`Wynik zawiera ${pluralWord(strangers.length, 'kod spoza puli', 'kody spoza puli', 'kody spoza puli')}: ${strangers.slice(0, 5).join(', ')}${strangers.length > 5 ? '…' : ''}.`);
  if (missing.length > 0) findings.push(`W wyniku brakuje ${pluralWord(missing.length, 'kodu', 'kodów', 'kodów')} z puli: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}.`);
  if (inOrder.size !== order.length) findings.push('Wynik zawiera ten sam kod więcej niż raz.');
  let computed: string[];
  try {
    computed = drawOrder(pool, protocol.keyString);
  } catch (error) {
    return [...findings, `Nie da się przeliczyć losowania: ${error instanceof DrawInputError ? error.message : 'błędny klucz.'}`];
  }
  const differing = computed.reduce((n, c, i) => (order[i] === c ? n : n + 1), 0) + Math.max(0, order.length - computed.length);
  if (differing > 0) {
    const first = computed.findIndex((c, i) => order[i] !== c);
    const at = first === -1 ? computed.length : first;
    findings.push(`Wynik nie zgadza się z przeliczonym losowaniem na ${differing} ${pluralWord(differing, 'pozycji', 'pozycjach', 'pozycjach')}; pierwsza to pozycja ${at + 1}: ` +
      `w protokole ${order[at] ?? '(brak)'}, z obliczeń ${computed[at] ?? '(brak)'}.`);
  }
  return findings;
}
