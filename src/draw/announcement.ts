/**
 * What a lottery announced, as a commitment (issue 11 §2): the facts people
 * rely on when they sign up — the sources of randomness (descriptions and
 * kinds, in order), the draw date, the capacity, the mode and the enrolment
 * window — in one canonical text with a SHA-256 that anyone can recompute.
 * The server records it when enrolment opens (src/draw/announcement-record.ts);
 * the programme page and /losowania/<id>/ show the hash, the protocol carries
 * the record, and the verifier checks both against each other.
 *
 * THE CANONICAL FORM (format `wspolnie-ogloszenie-losowania/1`, or `/2` for a
 * lottery with seat quotas — issue 14 — which adds the member `quotas`):
 *   a JSON object with exactly these members
 *     format      "wspolnie-ogloszenie-losowania/1"
 *     programme   the programme's id (its file name, as in /programy/<id>/)
 *     mode        "lottery"
 *     capacity    the number of places, an integer
 *     opens       start of enrolment  } ISO 8601 in UTC with milliseconds,
 *     closes      end of enrolment    } exactly as ECMAScript's
 *     drawDate    the draw date, or null when none was announced } toISOString(): 2026-03-14T21:00:00.000Z
 *     sources     [{ "description": …, "kind": "numbers" | "text" }, …] in the announced order,
 *                 each description trimmed and in Unicode NFC
 *     quotas      (format /2 only) [{ "name": "district" | "age-band",
 *                 "values": { <value>: { "min": n, "max": n }, … } }, …] in the
 *                 announced category order (it decides the relaxation order,
 *                 docs/stratified-draw.md); every named value with both bounds,
 *                 a minimum left empty in the CMS written as 0, a maximum as the capacity
 *   serialised by RFC 8785, the JSON Canonicalization Scheme (members sorted
 *   by UTF-16 code units, no whitespace, ECMAScript string escaping; the
 *   `canonicalize` package, by the RFC's author); the hash is SHA-256 of the
 *   UTF-8 bytes of that text (no BOM, no final newline), lowercase hex. So
 *   `printf '%s' '<text>' | sha256sum` reproduces it.
 *
 * Pure and synchronous; runs in Node, in the browser (the CMS and the
 * verifier) and in the Astro build alike.
 */
import canonicalize from 'canonicalize';
import { z } from 'astro/zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { enrolmentModes, quotaCategories, quotaValues } from '../data/programmes.ts';
import { compareValues, groupNames, namedValues, quotaCategorySchema, type Quotas } from './quotas.ts';
import { formatDay, formatTime } from '../lib/dates.ts';

const announcementFormat = 'wspolnie-ogloszenie-losowania/1';
/** The format of an announcement with seat quotas (issue 14); one without quotas stays /1, so its hash is as before. */
const quotasFormat = 'wspolnie-ogloszenie-losowania/2';

const utcInstant = z.iso.datetime({ precision: 3, error: 'Chwila w formacie 2026-03-14T21:00:00.000Z (UTC).' });
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'Skrót SHA-256 to 64 znaki 0–9 i a–f.');

/** The announced facts, exactly the members of the canonical form. */
export const announcedFactsSchema = z
  .object({
    format: z.enum([announcementFormat, quotasFormat]),
    programme: z.string().min(1),
    mode: z.string().min(1),
    capacity: z.number().int().min(1),
    opens: utcInstant,
    closes: utcInstant,
    drawDate: utcInstant.nullable(),
    sources: z.array(z.object({ description: z.string().min(1), kind: z.enum(['numbers', 'text']) })),
    quotas: z.array(quotaCategorySchema).min(1).optional(),
  })
  .refine((f) => (f.format === quotasFormat) === (f.quotas !== undefined), {
    message: `Format ${quotasFormat} i tylko on zawiera kwoty miejsc (quotas).`,
    path: ['quotas'],
  });
export type AnnouncedFacts = z.infer<typeof announcedFactsSchema>;

/** One audited correction of a source's description (a typo), with the hashes it links. */
const correctionSchema = z.object({
  correctedAt: z.iso.datetime({ offset: true }),
  /** The source's number, from 1. */
  source: z.number().int().min(1),
  before: z.string().min(1),
  after: z.string().min(1),
  reason: z.string().min(1),
  sha256Before: hex64,
  sha256After: hex64,
});
export type Correction = z.infer<typeof correctionSchema>;

/** The record as published (in the protocol and at /losowania/<id>/ogloszenie.json). */
export const announcementRecordSchema = z.object({
  /** The facts in force: as recorded, with the corrections applied. */
  facts: announcedFactsSchema,
  /** SHA-256 of the canonical text of `facts`. */
  sha256: hex64,
  recordedAt: z.iso.datetime({ offset: true }),
  /** Oldest first; the first one's `sha256Before` is the hash recorded when enrolment opened. */
  corrections: z.array(correctionSchema),
});
export type AnnouncementRecord = z.infer<typeof announcementRecordSchema>;

/** What an enrolment block says, in the shape the content schema and the catalogue give it. */
export interface AnnouncedEnrolment {
  mode: string;
  capacity?: number | undefined;
  opens: Date;
  closes: Date;
  drawDate?: Date | undefined;
  drawSources: readonly { description: string; kind: 'numbers' | 'text' }[];
  /** Seat quotas as the content schema gives them (src/schemas/quotas.ts); none or empty for a plain lottery. */
  quotas?: readonly AnnouncedQuotaCategory[] | undefined;
}

type AnnouncedBounds = { min?: number | undefined; max?: number | undefined };
/** One quota category as the content schema gives it: values, and for districts groups of them. */
export interface AnnouncedQuotaCategory {
  field: string;
  values?: readonly ({ value: string } & AnnouncedBounds)[] | undefined;
  groups?: readonly ({ name: string; districts: readonly string[] } & AnnouncedBounds)[] | undefined;
}

/** What content says now, in the facts' shape; unlike a record, the capacity may be missing. */
export type ContentFacts = Omit<AnnouncedFacts, 'capacity'> & { capacity: number | null };

/** The facts of a programme's enrolment block; throws when it has no capacity (not a lottery that can be announced). */
export function announcedFacts(programme: string, enrolment: AnnouncedEnrolment): AnnouncedFacts {
  const facts = contentFacts(programme, enrolment);
  if (facts.capacity === null) throw new Error(`${programme}: a lottery without a capacity cannot be announced`);
  return { ...facts, capacity: facts.capacity };
}

/** The facts as an enrolment block says them, for comparing with a record. */
export function contentFacts(programme: string, enrolment: AnnouncedEnrolment): ContentFacts {
  return {
    format: announcementFormat,
    programme,
    mode: enrolment.mode,
    capacity: enrolment.capacity ?? null,
    opens: enrolment.opens.toISOString(),
    closes: enrolment.closes.toISOString(),
    drawDate: enrolment.drawDate ? enrolment.drawDate.toISOString() : null,
    sources: enrolment.drawSources.map((s) => ({ description: s.description.trim().normalize('NFC'), kind: s.kind })),
    ...quotaFacts(enrolment),
  };
}

/** The quotas member and format /2, or nothing for a lottery without quotas; a missing maximum is the capacity. */
function quotaFacts(enrolment: AnnouncedEnrolment): Pick<AnnouncedFacts, 'format' | 'quotas'> | Record<string, never> {
  if (!enrolment.quotas?.length) return {};
  const capacity = enrolment.capacity ?? 0;
  return {
    format: quotasFormat,
    quotas: enrolment.quotas.map((c) => {
      const bounds = (b: AnnouncedBounds) => ({ min: b.min ?? 0, max: b.max ?? capacity });
      const values = Object.fromEntries([...(c.values ?? []).map((v) => [v.value, bounds(v)]), ...(c.groups ?? []).map((g) => [g.name, bounds(g)])]);
      // A category without groups has no "groups" member, so announcements made before groups keep their hash.
      // Members in code-point order, as values are: the order an editor clicked them in changes nothing (nor the hash).
      const groups = c.groups?.length ? { groups: Object.fromEntries(c.groups.map((g) => [g.name, [...g.districts].sort(compareValues)])) } : {};
      return { name: c.field, values, ...groups };
    }),
  };
}

/** The quotas the draw applies (src/draw/stratified.ts), from recorded facts; undefined for a plain lottery. */
export const quotasOfFacts = (facts: AnnouncedFacts): Quotas | undefined => (facts.quotas ? { capacity: facts.capacity, categories: facts.quotas } : undefined);

/** The canonical text (RFC 8785) of the facts. */
export function canonicalText(facts: AnnouncedFacts): string {
  const text = canonicalize(announcedFactsSchema.parse(facts));
  if (text === undefined) throw new Error('announcement facts did not serialise');
  return text;
}

/** SHA-256 of the canonical text's UTF-8 bytes, lowercase hex. */
const textSha256 = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));
export const announcementSha256 = (facts: AnnouncedFacts): string => textSha256(canonicalText(facts));

/** The facts back as the dates and numbers the enrolment code uses. */
export function enrolmentOfFacts(facts: AnnouncedFacts) {
  return {
    mode: facts.mode,
    capacity: facts.capacity,
    opens: new Date(facts.opens),
    closes: new Date(facts.closes),
    drawDate: facts.drawDate === null ? undefined : new Date(facts.drawDate),
    drawSources: facts.sources.map((s) => ({ ...s })),
    quotas: (facts.quotas ?? []).map((c) => ({
      field: c.name,
      values: namedValues(c).filter((value) => !Object.hasOwn(c.groups ?? {}, value)).map((value) => ({ value, min: c.values[value]!.min, max: c.values[value]!.max })),
      ...(c.groups ? { groups: groupNames(c).map((name) => ({ name, districts: [...c.groups![name]!], min: c.values[name]?.min ?? 0, max: c.values[name]?.max ?? facts.capacity })) } : {}),
    })),
  };
}

/** One announced fact that content no longer says: which, as recorded and as it is now (both as people read them). */
export interface Difference {
  /** Polish, as the CMS labels it: "Liczba miejsc", "Źródło losowości 2 — opis". */
  field: string;
  recorded: string;
  current: string;
}

export interface DifferenceWording {
  /** "14 marca 2026, godz. 22:00" for an ISO instant. */
  instant(iso: string): string;
  mode(value: string): string;
  kind(value: string): string;
  /** A quota category ("district") and value ("XIV") as people read them. */
  category(name: string): string;
  value(value: string): string;
}

/** As the site writes them: Warsaw time in Polish, the modes and kinds by their CMS labels. */
const polishWording: DifferenceWording = {
  instant: (iso) => `${formatDay(new Date(iso))}, godz. ${formatTime(new Date(iso))}`,
  mode: (v) => (enrolmentModes.values as readonly string[]).includes(v) ? enrolmentModes.label(v as (typeof enrolmentModes.values)[number]) : v,
  kind: (v) => ({ numbers: 'liczby', text: 'tekst' })[v] ?? v,
  category: (v) => ((quotaCategories.values as readonly string[]).includes(v) ? quotaCategories.label(v as (typeof quotaCategories.values)[number]) : v),
  value: (v) => ((quotaValues.values as readonly string[]).includes(v) ? quotaValues.label(v as (typeof quotaValues.values)[number]) : v),
};

/**
 * Every announced fact the current content changes, in the order the form
 * shows them; empty when they agree. `current` undefined: the enrolment block
 * is gone.
 */
export function differences(recorded: AnnouncedFacts, current: ContentFacts | undefined, wording: DifferenceWording = polishWording): Difference[] {
  if (!current) return [{ field: 'Zapisy', recorded: 'ogłoszony nabór z losowaniem', current: 'brak bloku „Zapisy”' }];
  const found: Difference[] = [];
  const add = (field: string, a: string, b: string) => {
    if (a !== b) found.push({ field, recorded: a, current: b });
  };
  const when = (iso: string | null) => (iso === null ? 'brak' : wording.instant(iso));
  add('Początek naboru', when(recorded.opens), when(current.opens));
  add('Koniec naboru', when(recorded.closes), when(current.closes));
  add('Sposób przydziału miejsc', wording.mode(recorded.mode), wording.mode(current.mode));
  add('Liczba miejsc', String(recorded.capacity), current.capacity === null ? 'brak' : String(current.capacity));
  add('Data losowania', when(recorded.drawDate), when(current.drawDate));
  add('Źródła losowości — liczba źródeł', String(recorded.sources.length), String(current.sources.length));
  add('Kwoty miejsc', quotasInWords(recorded.quotas, wording), quotasInWords(current.quotas, wording));
  recorded.sources.forEach((source, i) => {
    const now = current.sources[i];
    if (!now) return;
    add(`Źródło losowości ${i + 1} — opis`, `„${source.description}”`, `„${now.description}”`);
    add(`Źródło losowości ${i + 1} — rodzaj wartości`, wording.kind(source.kind), wording.kind(now.kind));
  });
  return found;
}

/** "Dzielnica: Dzielnica I Stare Miasto 2–5, Wschód 1–3 (grupa: Dzielnica XV Mistrzejowice, …); Przedział wieku: 18–29 lat 10–20", or "brak". */
function quotasInWords(quotas: AnnouncedFacts['quotas'], wording: DifferenceWording): string {
  if (!quotas) return 'brak';
  const bound = (c: NonNullable<typeof quotas>[number], v: string) => {
    const members = c.groups?.[v];
    return `${wording.value(v)}${members ? ` (grupa: ${members.map(wording.value).join(', ')})` : ''} ${c.values[v]!.min}–${c.values[v]!.max}`;
  };
  return quotas.map((c) => `${wording.category(c.name)}: ${namedValues(c).map((v) => bound(c, v)).join(', ')}`).join('; ');
}

/** "Liczba miejsc: ogłoszono 60, a teraz jest 40." */
export const describeDifference = (d: Difference): string => `${d.field}: ogłoszono ${d.recorded}, a teraz jest ${d.current}.`;

/** The facts before a correction: the corrected source's description set back. */
export function factsBefore(facts: AnnouncedFacts, correction: Correction): AnnouncedFacts {
  return { ...facts, sources: facts.sources.map((s, i) => (i === correction.source - 1 ? { ...s, description: correction.before } : s)) };
}
