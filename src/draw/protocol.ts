/**
 * The published protocol of a capped programme's places: one JSON document
 * that says everything needed to redo the draw, and nothing personal. Two
 * outcomes: `draw` (more confirmed than places: RFC 3797 ordered the pool)
 * and `no-draw` (the pool fits: everyone accepted, recorded as such).
 *
 * Building one is pure: the database side gathers the confirmed codes, the
 * source values staff entered and the instants, and stores the result.
 */
import { z } from 'astro/zod';
import { announcementRecordSchema, type AnnouncementRecord } from './announcement.ts';
import { DrawInputError } from './errors.ts';
import { canonicalPool, poolCodePattern, poolSha256 } from './pool.ts';
import { algorithmName, drawOrder, implementationVersion, keyString, parseNumbers } from './rfc3797.ts';

export const protocolFormat = 'wspolnie-protokol-losowania/1';

const instant = z.iso.datetime({ offset: true, error: 'Podaj chwilę w formacie ISO 8601, np. 2026-03-14T21:00:00Z.' });
const code = z.string().regex(poolCodePattern, 'To nie jest kod zgłoszenia.');

/** A random source as announced (its description) with the value it took (public after the fact). */
const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ description: z.string().trim().min(1), kind: z.literal('numbers'), values: z.array(z.string()).min(1) }),
  z.object({ description: z.string().trim().min(1), kind: z.literal('text'), text: z.string().min(1) }),
]);
export type DrawSource = z.infer<typeof sourceSchema>;

const common = {
  format: z.literal(protocolFormat),
  programme: z.object({ id: z.string().min(1), title: z.string().min(1) }),
  capacity: z.number().int().min(1),
  pool: z.object({
    frozenAt: instant,
    /** SHA-256 of the pool text (see pool.ts), lowercase hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Skrót SHA-256 to 64 znaki 0–9 i a–f.'),
    /** The frozen pool in canonical order; position n (from 1) is codes[n − 1]. */
    codes: z.array(code),
  }),
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

export const protocolSchema = z.discriminatedUnion('outcome', [drawProtocolSchema, noDrawProtocolSchema]);
export type DrawProtocol = z.infer<typeof drawProtocolSchema>;
export type NoDrawProtocol = z.infer<typeof noDrawProtocolSchema>;
export type Protocol = z.infer<typeof protocolSchema>;

/** A pool once frozen: what is published when enrolment closes, before any source is known. */
export interface FrozenPool {
  codes: string[];
  sha256: string;
  frozenAt: string;
}

export function freezePool(confirmedCodes: Iterable<string>, frozenAt: Date): FrozenPool {
  const codes = canonicalPool(confirmedCodes);
  return { codes, sha256: poolSha256(codes), frozenAt: frozenAt.toISOString() };
}

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
}

/**
 * The protocol for a frozen pool: a draw when the pool is larger than the
 * capacity, otherwise the no-draw record. The pool is checked against its
 * own published hash first, so a pool changed after freezing cannot be drawn.
 */
export function buildProtocol(input: ProtocolInput): Protocol {
  const { programme, capacity, pool, sources, at } = input;
  if (!Number.isInteger(capacity) || capacity < 1) throw new DrawInputError('Liczba miejsc musi być dodatnią liczbą całkowitą.');
  if (poolSha256(pool.codes) !== pool.sha256 || canonicalPool(pool.codes).join('\n') !== pool.codes.join('\n')) {
    throw new DrawInputError('Pula różni się od zamrożonej i opublikowanej: losowanie wstrzymane.');
  }
  if (at.getTime() < Date.parse(pool.frozenAt)) throw new DrawInputError('Losowanie nie może odbyć się przed zamrożeniem puli.');
  const base: Pick<Protocol, 'format' | 'programme' | 'capacity' | 'pool' | 'announcement'> = {
    format: protocolFormat,
    programme: { ...programme },
    capacity,
    pool: { ...pool, codes: [...pool.codes] },
    ...(input.announcement ? { announcement: announcementRecordSchema.parse(input.announcement) } : {}),
  };
  if (!drawNeeded(pool.codes.length, capacity)) {
    return { ...base, outcome: 'no-draw', accepted: pool.codes.length, announcedSources: [...(input.announced ?? sources.map((s) => s.description))], decidedAt: at.toISOString() };
  }
  const key = keyString(sources);
  return {
    ...base,
    outcome: 'draw',
    accepted: capacity,
    algorithm: { name: algorithmName, implementation: implementationVersion },
    sources: sources.map((s) => sourceSchema.parse(s)),
    keyString: key,
    drawnAt: at.toISOString(),
    order: drawOrder(pool.codes, key),
  };
}

/** Who got a place and who waits, in order. With no draw the waiting list is empty. */
export function placesOf(protocol: Protocol): { accepted: string[]; waiting: string[] } {
  const ordered = protocol.outcome === 'draw' ? protocol.order : protocol.pool.codes;
  return { accepted: ordered.slice(0, protocol.accepted), waiting: ordered.slice(protocol.accepted) };
}

/** The protocol as published: stable key order, two-space indentation, a final newline. */
export function serializeProtocol(protocol: Protocol): string {
  return `${JSON.stringify(protocolSchema.parse(protocol), null, 2)}\n`;
}
