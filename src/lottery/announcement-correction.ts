/**
 * Correcting a typo in a source's description after the announcement was
 * recorded (issue 11 §2): never a silent edit of content, but a staff action
 * in the panel (/panel/losowanie/ogloszenie/) with the old and the new text
 * and a reason, written in one transaction with
 *   - a row in lottery_announcement_corrections (public: /losowania/<id>/
 *     lists it, and the protocol carries it with the hashes before and after,
 *     so the verifier can walk back to the hash recorded at the opening),
 *   - the record's text in force and its new SHA-256 (migration 0007's
 *     trigger lets the hash change only together with such a row),
 *   - the staff audit log entry (src/panel/audit.ts).
 * Content is then changed to the new text in the CMS, which accepts it
 * because it now agrees with the record.
 *
 * The rules, and why:
 *   - descriptions only: a kind, a date, a number of places or the window is
 *     not a typo, and changing it would change what people relied on (the
 *     source's kind, numbers or text, is kept as recorded);
 *   - a typo fix, not another source (`typoProblem`): a correction that could
 *     describe a different source would let staff switch to one whose value
 *     they already know, which undoes the lock. So
 *       1. every number in the text stays exactly the same, in the same
 *          order: all runs of decimal digits (days, years, counts of drawn
 *          numbers: "1", "2026", "6") and Roman numerals written as whole
 *          upper-case words ("XII");
 *       2. every month named stays the same month, in the same order (any
 *          Polish case form: "grudnia", "grudniu"; a misspelt month name,
 *          one edit or one swap of neighbouring letters from a real form,
 *          counts as that month, so "grudnai" → "grudnia" is a typo fix);
 *       3. no word is added, removed or swapped for another: every word
 *          (a run of letters, compared ignoring case) found on one side only
 *          is the other side's word respelt — at a Levenshtein distance of
 *          at most max(1, ⌊⅓ of the longer word⌋) from a word found only on
 *          the other side — or a piece of one (a missing space put back:
 *          "Lottoz" → "Lotto z"), so "Lotto" → "Keno", "EUR" → "USD" and
 *          "z dnia" → "po dniu" are refused while "losowana" → "losowania"
 *          and "sredni" → "średni" are typo fixes;
 *       4. the edit is small: a Levenshtein distance (fastest-levenshtein,
 *          counted in UTF-16 code units; every Polish letter is one) of at
 *          most max(3, ⌊10 % of the recorded description's length⌋);
 *     the panel says these rules in Polish above the form, and a refusal
 *     names the number or month that changed, or how many characters did;
 *   - only before the recorded close of enrolment: sources must not be known
 *     before the pool closes (RFC 3797 section 3), so after the close a
 *     "correction" could pick a source whose value is already public;
 *   - a reason of at least 10 characters, shown publicly.
 */
import { distance } from 'fastest-levenshtein';
import type { Database } from '../db/database.ts';
import { announcedFactsSchema, announcementSha256, canonicalText, type AnnouncementRecord } from '../draw/announcement.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { plural } from '../lib/plural.ts';
import { recordAudit } from '../panel/audit.ts';
import { readAnnouncement } from '../draw/announcement-record.ts';

export interface CorrectionInput {
  /** The source's number, from 1. */
  source: number;
  /** The corrected description (trimmed and put in NFC here). */
  description: string;
  reason: string;
  staffId: string;
  now: Date;
}

export type CorrectionField = 'source' | 'description' | 'reason';

export type CorrectionOutcome =
  | { kind: 'corrected'; record: AnnouncementRecord }
  | { kind: 'invalid'; errors: { field: CorrectionField; message: string }[] }
  /** The recorded enrolment has closed: no more corrections. */
  | { kind: 'too-late'; closes: Date }
  /** Nothing recorded yet: content can still be edited freely. */
  | { kind: 'not-recorded' };

/** The shortest description the content schema accepts (src/schemas/enrolment.ts) and the shortest reason. */
const minimumLength = 10;

/** Rule 4: a typo fix changes at most this many characters, or this share of the recorded description's length if larger. */
const typoEditFloor = 3;
const typoEditShare = 0.1;

/** The most characters a correction of `recorded` may change (rule 4): max(3, ⌊10 % of its length⌋). */
export const typoEditLimit = (recorded: string) => Math.max(typoEditFloor, Math.floor(recorded.length * typoEditShare));

/** The rules for the panel, in Polish, in one place with the code that applies them. */
export const typoRulesText =
  'Poprawka literówki nie może zmienić źródła: wszystkie liczby w opisie (dni, lata, liczby wyników, także rzymskie) ' +
  'i nazwy miesięcy muszą zostać dokładnie takie same i w tej samej kolejności; można poprawić pisownię słowa, ' +
  'ale nie dopisać, usunąć ani zamienić słowa na inne; zmienić można najwyżej 3 znaki ' +
  '(w dłuższym opisie 10% jego długości). Rodzaju źródła (liczby albo tekst) nie zmienia się wcale.';

/** Numbers (rule 1): runs of decimal digits in any script, and Roman numerals as whole upper-case words. */
const numberPattern = /\p{Nd}+|(?<![\p{L}\p{N}])[IVXLCDM]+(?![\p{L}\p{N}])/gu;
const wordPattern = /\p{L}+/gu;

/** Every case form of each month (rule 2), index 0 = January. */
const monthForms: readonly (readonly string[])[] = [
  ['styczeń', 'stycznia', 'styczniu', 'styczniem'],
  ['luty', 'lutego', 'lutym', 'lutemu'],
  ['marzec', 'marca', 'marcu', 'marcem'],
  ['kwiecień', 'kwietnia', 'kwietniu', 'kwietniem'],
  ['maj', 'maja', 'maju', 'majem'],
  ['czerwiec', 'czerwca', 'czerwcu', 'czerwcem'],
  ['lipiec', 'lipca', 'lipcu', 'lipcem'],
  ['sierpień', 'sierpnia', 'sierpniu', 'sierpniem'],
  ['wrzesień', 'września', 'wrześniu', 'wrześniem'],
  ['październik', 'października', 'październiku', 'październikiem'],
  ['listopad', 'listopada', 'listopadzie', 'listopadem'],
  ['grudzień', 'grudnia', 'grudniu', 'grudniem'],
];

/** True when `a` becomes `b` by swapping two neighbouring letters once. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return at >= 0 && at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

/** The month a word names (0–11), counting a misspelling of a form of at least 5 letters (one edit or one swap); else undefined. */
function monthOf(word: string): number | undefined {
  const w = word.toLocaleLowerCase('pl');
  const exact = monthForms.findIndex((forms) => forms.includes(w));
  if (exact >= 0) return exact;
  if (w.length < 4) return undefined;
  const near = monthForms.findIndex((forms) => forms.some((f) => f.length >= 5 && (distance(w, f) <= 1 || swapped(w, f))));
  return near >= 0 ? near : undefined;
}

interface Named {
  /** As written. */
  text: string;
  /** What it stands for: the number as written, or the month. */
  value: string;
}

const numbersIn = (text: string): Named[] => [...text.matchAll(numberPattern)].map((m) => ({ text: m[0], value: m[0] }));
const monthsIn = (text: string): Named[] =>
  [...text.matchAll(wordPattern)].flatMap((m) => {
    const month = monthOf(m[0]);
    return month === undefined ? [] : [{ text: m[0], value: String(month) }];
  });

/** The first place two sequences differ, as a Polish phrase ("liczba „1” zmieniła się na „5”"), or undefined when equal. */
function firstChange(before: Named[], after: Named[], noun: { one: string; changed: string; added: string; removed: string }): string | undefined {
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const b = before[i];
    const a = after[i];
    if (b && a && b.value === a.value) continue;
    if (b && a) return `${noun.one} „${b.text}” ${noun.changed} „${a.text}”`;
    if (a) return `${noun.added} ${noun.one.toLocaleLowerCase('pl')} „${a.text}”`;
    return `${noun.removed} ${noun.one.toLocaleLowerCase('pl')} „${b!.text}”`;
  }
  return undefined;
}

/** The words of `a` (as written) that `b` lacks, compared ignoring case, each extra occurrence once. */
function extraWords(a: string[], b: string[]): string[] {
  const key = (w: string) => w.toLocaleLowerCase('pl');
  const left = new Map<string, number>();
  for (const w of b) left.set(key(w), (left.get(key(w)) ?? 0) + 1);
  return a.filter((w) => {
    const n = left.get(key(w)) ?? 0;
    if (n > 0) left.set(key(w), n - 1);
    return n === 0;
  });
}

/** Rule 3: `word` is one of `others` respelt, or a piece of one (or contains one, when a space went missing); ignoring case. */
function respelt(word: string, others: string[]): boolean {
  const w = word.toLocaleLowerCase('pl');
  return others.some((other) => {
    const o = other.toLocaleLowerCase('pl');
    return distance(w, o) <= Math.max(1, Math.floor(Math.max(w.length, o.length) / 3)) || o.includes(w) || w.includes(o);
  });
}

/** Rule 3 as a Polish phrase for the first word that breaks it, or undefined. */
function wordChange(recorded: string, corrected: string): string | undefined {
  const words = (text: string) => [...text.matchAll(wordPattern)].map((m) => m[0]);
  const removed = extraWords(words(recorded), words(corrected));
  const added = extraWords(words(corrected), words(recorded));
  const stranger = added.find((w) => !respelt(w, removed));
  if (stranger !== undefined) return removed.length === 0 ? `Doszło słowo „${stranger}”` : `Słowo „${stranger}” nie jest poprawioną pisownią żadnego słowa z zapisanego opisu`;
  const lost = removed.find((w) => !respelt(w, added));
  return lost === undefined ? undefined : `Zniknęło słowo „${lost}”`;
}

/**
 * Why changing a source's description from `recorded` to `corrected` is
 * not a typo fix, as a Polish sentence; undefined when it is one. Both are
 * compared as given (the caller trims and puts them in NFC). The rules are
 * the module's, checked in that order so the sentence names the most
 * telling change. The rules are numbered in the module's docstring
 * (1. numbers, 2. months, 3. words, 4. at most `typoEditLimit(recorded)`
 * characters).
 */
export function typoProblem(recorded: string, corrected: string): string | undefined {
  const notTypo = 'To nie jest literówka, tylko inne źródło, a ogłoszonego źródła nie można zmienić.';
  const number = firstChange(numbersIn(recorded), numbersIn(corrected), { one: 'Liczba', changed: 'zmieniła się na', added: 'Doszła', removed: 'Zniknęła' });
  if (number) return `${number}: liczby w opisie (dni, lata, liczby wyników) muszą zostać dokładnie takie same. ${notTypo}`;
  const month = firstChange(monthsIn(recorded), monthsIn(corrected), { one: 'Miesiąc', changed: 'zmienił się na', added: 'Doszedł', removed: 'Zniknął' });
  if (month) return `${month}: miesiące w opisie muszą zostać takie same. ${notTypo}`;
  const word = wordChange(recorded, corrected);
  if (word) return `${word}: można poprawić pisownię słowa, ale nie dopisać, usunąć ani zamienić słowa na inne. ${notTypo}`;
  const changed = distance(recorded, corrected);
  const limit = typoEditLimit(recorded);
  if (changed > limit) {
    return `Poprawka zmienia ${plural(changed, 'znak', 'znaki', 'znaków')}, a poprawka literówki w tym opisie może zmienić najwyżej ${plural(limit, 'znak', 'znaki', 'znaków')} ` +
      `(3, a w dłuższym opisie 10% jego długości). ${notTypo}`;
  }
  return undefined;
}

export async function correctDescription(db: Database, entry: CatalogueEntry, input: CorrectionInput): Promise<CorrectionOutcome> {
  const description = input.description.trim().normalize('NFC');
  const reason = input.reason.trim();
  return db.transaction(async (tx): Promise<CorrectionOutcome> => {
    const { rows } = await tx.query<{ canonical: string; sha256: string }>('SELECT canonical, sha256 FROM lottery_announcements WHERE programme_id = $1 FOR UPDATE', [entry.id]);
    const row = rows[0];
    if (!row) return { kind: 'not-recorded' };
    const facts = announcedFactsSchema.parse(JSON.parse(row.canonical));
    const closes = new Date(facts.closes);
    if (input.now >= closes) return { kind: 'too-late', closes };
    const errors: { field: CorrectionField; message: string }[] = [];
    const index = input.source - 1;
    const before = facts.sources[index]?.description;
    if (before === undefined) errors.push({ field: 'source', message: 'Wybierz źródło, którego opis poprawiasz' });
    if (description.length < minimumLength) errors.push({ field: 'description', message: `Wpisz poprawiony opis źródła (co najmniej ${plural(minimumLength, 'znak', 'znaki', 'znaków')})` });
    else if (description === before) errors.push({ field: 'description', message: 'Poprawiony opis jest taki sam jak zapisany: nie ma czego poprawiać' });
    else if (before !== undefined) {
      const problem = typoProblem(before, description);
      if (problem) errors.push({ field: 'description', message: problem });
    }
    if (reason.length < minimumLength) errors.push({ field: 'reason', message: `Napisz, czego dotyczy poprawka (co najmniej ${plural(minimumLength, 'znak', 'znaki', 'znaków')}); powód będzie widoczny publicznie` });
    if (errors.length > 0 || before === undefined) return { kind: 'invalid', errors };

    const after = { ...facts, sources: facts.sources.map((s, i) => (i === index ? { ...s, description } : s)) };
    const sha256After = announcementSha256(after);
    await tx.query(
      `INSERT INTO lottery_announcement_corrections
         (programme_id, source_number, description_before, description_after, reason, staff_id, corrected_at, sha256_before, sha256_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [entry.id, input.source, before, description, reason, input.staffId, input.now, row.sha256, sha256After],
    );
    await tx.query('UPDATE lottery_announcements SET canonical = $2, sha256 = $3 WHERE programme_id = $1', [entry.id, canonicalText(after), sha256After]);
    await recordAudit(tx, {
      staffId: input.staffId,
      action: 'announcement-correction',
      programmeId: entry.id,
      target: sha256After,
      detail: `źródło ${input.source}: „${before}” → „${description}”; powód: ${reason}`,
      at: input.now,
    });
    const record = await readAnnouncement(tx, entry.id);
    return { kind: 'corrected', record: record! };
  });
}
