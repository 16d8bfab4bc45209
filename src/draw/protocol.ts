/**
 * The published protocol of a capped programme's places: one JSON document
 * that says everything needed to redo the draw, and nothing personal. Two
 * outcomes: `draw` (more confirmed than places: RFC 3797 ordered the pool)
 * and `no-draw` (the pool fits: everyone accepted, recorded as such).
 *
 * Building one is pure: the database side gathers the confirmed codes, the
 * source values staff entered and the instants, and stores the result.
 *
 * Format `/2` (issue 14) is a lottery with seat quotas: the pool carries each
 * code's category values (pool.ts), and `stratified` records the quotas as
 * announced, the relaxations, the quotas in force, the accepted codes in
 * acceptance order and every skipped code with its reason — the procedure of
 * stratified.ts applied to the same RFC 3797 order. `/1` stays as it was.
 */
import { z } from 'astro/zod';
import { announcementRecordSchema, type AnnouncementRecord } from './announcement.ts';
import { DrawInputError } from './errors.ts';
import { canonicalPool, poolCodePattern, poolSha256 } from './pool.ts';
import { quotasSchema, type Quotas } from './quotas.ts';
import { algorithmName, drawOrder, implementationVersion, keyString, parseNumbers } from './rfc3797.ts';
import { stratifiedDraw } from './stratified.ts';

export const protocolFormat = 'wspolnie-protokol-losowania/1';
/** A protocol of a lottery with seat quotas (issue 14). */
export const stratifiedFormat = 'wspolnie-protokol-losowania/2';

const instant = z.iso.datetime({ offset: true, error: 'Podaj chwilę w formacie ISO 8601, np. 2026-03-14T21:00:00Z.' });
const code = z.string().regex(poolCodePattern, 'To nie jest kod zgłoszenia.');

/** A random source as announced (its description) with the value it took (public after the fact). */
const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ description: z.string().trim().min(1), kind: z.literal('numbers'), values: z.array(z.string()).min(1) }),
  z.object({ description: z.string().trim().min(1), kind: z.literal('text'), text: z.string().min(1) }),
]);
export type DrawSource = z.infer<typeof sourceSchema>;

const skipReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['maximum', 'minimum', 'completion']), category: z.string(), value: z.string() }),
  z.object({ kind: z.literal('quotas') }),
]);

/** What the quotas did to this pool (stratified.ts), as published. */
const stratifiedSchema = z.object({
  /** As announced (the announcement's quotas with the capacity). */
  quotas: quotasSchema,
  relaxations: z.array(z.object({ step: z.enum(['R1', 'R2', 'R3']), category: z.string(), value: z.string(), bound: z.enum(['min', 'max']), from: z.number().int(), to: z.number().int() })),
  /** The quotas in force after the relaxations. */
  effective: quotasSchema,
  /** Who got places, in the order they were accepted walking the drawn order. */
  accepted: z.array(code),
  /** Each code passed over while places were left, with its 1-based position in the drawn order and why. */
  skips: z.array(z.object({ position: z.number().int().min(1), code, reason: skipReasonSchema })),
});
export type StratifiedRecord = z.infer<typeof stratifiedSchema>;

const common = {
  format: z.enum([protocolFormat, stratifiedFormat]),
  programme: z.object({ id: z.string().min(1), title: z.string().min(1) }),
  capacity: z.number().int().min(1),
  pool: z.object({
    frozenAt: instant,
    /** SHA-256 of the pool text (see pool.ts), lowercase hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Skrót SHA-256 to 64 znaki 0–9 i a–f.'),
    /** The frozen pool in canonical order; position n (from 1) is codes[n − 1]. */
    codes: z.array(code),
    /** Format /2: the quota categories, in the announced order. */
    categories: z.array(z.string().min(1)).min(1).max(2).optional(),
    /** Format /2: values[n] is codes[n]'s value in each category, in that order. */
    values: z.array(z.array(z.string().min(1))).optional(),
  }),
  /** Format /2 only. */
  stratified: stratifiedSchema.optional(),
  /** How many were accepted: min(capacity, pool size). */
  accepted: z.number().int().min(0),
  /**
   * What the lottery announced when enrolment opened, as recorded then (with
   * any audited corrections), so that the verifier can check the draw kept to
   * it (announcement.ts). Absent only in protocols written before issue 11.
   */
  announcement: announcementRecordSchema.optional(),
};

const drawProtocolSchema = z.object({
  ...common,
  outcome: z.literal('draw'),
  algorithm: z.object({ name: z.literal(algorithmName), implementation: z.string().min(1) }),
  sources: z.array(sourceSchema).min(1),
  keyString: z.string().min(1),
  drawnAt: instant,
  /** The whole pool in drawn order: the first `accepted` got places, the rest wait in this order. */
  order: z.array(code),
});

const noDrawProtocolSchema = z.object({
  ...common,
  outcome: z.literal('no-draw'),
  /** The sources that had been announced, unused since no draw was needed. */
  announcedSources: z.array(z.string()).optional(),
  decidedAt: instant,
});

export const protocolSchema = z.discriminatedUnion('outcome', [drawProtocolSchema, noDrawProtocolSchema]).refine(
  (p) => (p.format === stratifiedFormat) === (p.stratified !== undefined && p.pool.values !== undefined && p.pool.categories !== undefined),
  { message: `Format ${stratifiedFormat}, i tylko on, ma kwoty (stratified) oraz wartości kategorii w puli (pool.values, pool.categories).`, path: ['format'] },
);
export type DrawProtocol = z.infer<typeof drawProtocolSchema>;
export type NoDrawProtocol = z.infer<typeof noDrawProtocolSchema>;
export type Protocol = z.infer<typeof protocolSchema>;

/** A pool once frozen: what is published when enrolment closes, before any source is known. */
export interface FrozenPool {
  codes: string[];
  sha256: string;
  frozenAt: string;
  /** With seat quotas: the categories, and each code's values in their order (values[n] for codes[n]). */
  categories?: string[];
  values?: string[][];
}

/**
 * The pool of these codes in canonical order with its hash; with `quotas`,
 * each code's category values come from `valuesOf` (in the quotas' category
 * order) and go into the hash too. Throws DrawInputError for a code without them.
 */
export function freezePool(confirmedCodes: Iterable<string>, frozenAt: Date, quotas?: { categories: readonly { name: string }[]; valuesOf: (code: string) => readonly string[] | undefined }): FrozenPool {
  const codes = canonicalPool(confirmedCodes);
  if (!quotas || quotas.categories.length === 0) return { codes, sha256: poolSha256(codes), frozenAt: frozenAt.toISOString() };
  const values = codes.map((code) => {
    const own = quotas.valuesOf(code);
    if (!own || own.length !== quotas.categories.length || own.some((v) => v.trim() === '')) {
      throw new DrawInputError(`Kod ${code} nie ma wartości każdej kategorii kwot (${quotas.categories.map((c) => c.name).join(', ')}): pula nie może zostać zamrożona.`);
    }
    return [...own];
  });
  return { codes, sha256: poolSha256(codes, values), frozenAt: frozenAt.toISOString(), categories: quotas.categories.map((c) => c.name), values };
}

/** A pool's category values by code (format /2); undefined for a pool without them. */
export const valuesByCode = (pool: { codes: readonly string[]; values?: readonly (readonly string[])[] | undefined }): Map<string, readonly string[]> | undefined =>
  pool.values ? new Map(pool.codes.map((c, i) => [c, pool.values![i] ?? []])) : undefined;

/** Whether places must be drawn: only when more people confirmed than there are places. */
export const drawNeeded = (poolSize: number, capacity: number): boolean => poolSize > capacity;

/** A source from what staff typed: the announced description and the value now public. */
export function sourceFromInput(description: string, kind: DrawSource['kind'], value: string): DrawSource {
  if (description.trim() === '') throw new DrawInputError('Brak opisu źródła.');
  if (kind === 'numbers') return { description: description.trim(), kind, values: parseNumbers(value) };
  return { description: description.trim(), kind, text: value.trim() };
}

export interface ProtocolInput {
  programme: { id: string; title: string };
  capacity: number;
  pool: FrozenPool;
  /** The announced sources with their values; not needed (and not used) when the pool fits. */
  sources: readonly DrawSource[];
  /** Descriptions of the announced sources, recorded when no draw is needed (their values never come); defaults to the sources'. */
  announced?: readonly string[];
  /** When the draw was run (or found unnecessary). */
  at: Date;
  /** The announcement recorded when enrolment opened (src/draw/announcement-record.ts); carried as it is. */
  announcement?: AnnouncementRecord | undefined;
  /** The announced seat quotas (announcement.ts quotasOfFacts): the pool must carry their categories' values. */
  quotas?: Quotas | undefined;
}

/**
 * The protocol for a frozen pool: a draw when the pool is larger than the
 * capacity, otherwise the no-draw record. The pool is checked against its
 * own published hash first, so a pool changed after freezing cannot be drawn.
 */
export function buildProtocol(input: ProtocolInput): Protocol {
  const { programme, capacity, pool, sources, at } = input;
  if (!Number.isInteger(capacity) || capacity < 1) throw new DrawInputError('Liczba miejsc musi być dodatnią liczbą całkowitą.');
  if (poolSha256(pool.codes, pool.values) !== pool.sha256 || canonicalPool(pool.codes).join('\n') !== pool.codes.join('\n')) {
    throw new DrawInputError('Pula różni się od zamrożonej i opublikowanej: losowanie wstrzymane.');
  }
  if (at.getTime() < Date.parse(pool.frozenAt)) throw new DrawInputError('Losowanie nie może odbyć się przed zamrożeniem puli.');
  const quotas = input.quotas?.categories.length ? input.quotas : undefined;
  const values = valuesByCode(pool);
  if (quotas && (!values || pool.categories?.join('\t') !== quotas.categories.map((c) => c.name).join('\t'))) {
    throw new DrawInputError('Pula nie zawiera wartości kategorii, których dotyczą ogłoszone kwoty: losowanie wstrzymane.');
  }
  if (quotas && quotas.capacity !== capacity) throw new DrawInputError('Kwoty ogłoszono dla innej liczby miejsc niż ta, o którą toczy się losowanie.');
  const base: Pick<Protocol, 'format' | 'programme' | 'capacity' | 'pool' | 'announcement'> = {
    format: quotas ? stratifiedFormat : protocolFormat,
    programme: { ...programme },
    capacity,
    // Copies: a protocol is published as built, and nothing done to it may reach the frozen pool it came from.
    pool: quotas
      ? { frozenAt: pool.frozenAt, sha256: pool.sha256, codes: [...pool.codes], categories: [...(pool.categories ?? [])], values: (pool.values ?? []).map((v) => [...v]) }
      : { frozenAt: pool.frozenAt, sha256: pool.sha256, codes: [...pool.codes] },
    ...(input.announcement ? { announcement: announcementRecordSchema.parse(input.announcement) } : {}),
  };
  const stratified = (order: readonly string[]): Pick<Protocol, 'stratified'> => {
    if (!quotas || !values) return {};
    const result = stratifiedDraw(order, values, quotas);
    return { stratified: { quotas: structuredClone(quotas), relaxations: result.relaxations, effective: result.quotas, accepted: result.accepted, skips: result.skips } };
  };
  if (!drawNeeded(pool.codes.length, capacity)) {
    return { ...base, ...stratified(pool.codes), outcome: 'no-draw', accepted: pool.codes.length, announcedSources: [...(input.announced ?? sources.map((s) => s.description))], decidedAt: at.toISOString() };
  }
  const key = keyString(sources);
  const order = drawOrder(pool.codes, key);
  return {
    ...base,
    ...stratified(order),
    outcome: 'draw',
    accepted: capacity,
    algorithm: { name: algorithmName, implementation: implementationVersion },
    sources: sources.map((s) => sourceSchema.parse(s)),
    keyString: key,
    drawnAt: at.toISOString(),
    order,
  };
}

/**
 * Who got a place and who waits, in order. With no draw the waiting list is
 * empty. With quotas (format /2) the accepted are the walk's, in acceptance
 * order, and the waiting list is every other code in drawn order.
 */
export function placesOf(protocol: Protocol): { accepted: string[]; waiting: string[] } {
  const ordered = protocol.outcome === 'draw' ? protocol.order : protocol.pool.codes;
  if (protocol.stratified) {
    const placed = new Set(protocol.stratified.accepted);
    return { accepted: [...protocol.stratified.accepted], waiting: ordered.filter((c) => !placed.has(c)) };
  }
  return { accepted: ordered.slice(0, protocol.accepted), waiting: ordered.slice(protocol.accepted) };
}

/** The protocol as published: stable key order, two-space indentation, a final newline. */
export function serializeProtocol(protocol: Protocol): string {
  return `${JSON.stringify(protocolSchema.parse(protocol), null, 2)}\n`;
}
