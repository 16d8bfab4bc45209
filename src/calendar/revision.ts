/**
 * The revision of an event as subscribed calendars see it: SEQUENCE and
 * DTSTAMP (RFC 5545 §3.8.7.4, §3.8.7.2). A calendar app replaces its copy of
 * an event only when the new SEQUENCE is higher, so every change it shows
 * (status, time, place, title, link) must raise it — including a change back,
 * such as restoring a cancelled event. Nothing in an event's content only ever
 * grows, so the event carries its own counter, `sequence`, and the time of its
 * last save, `updated`: the CMS raises both on every save (`nextRevision`, run
 * by src/cms/browser/calendar-revision.ts), and the feed publishes them
 * (src/calendar/calendar.ts). Plain data in and out; no Astro, no Decap, so the
 * browser bundle and the tests run the very same code.
 */
import { machineInstant } from '../lib/dates.ts';

/** Day zero of the earlier, decision-day-based SEQUENCE and of the fallback DTSTAMP. */
const EPOCH = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;

/** What the feed needs to know about an event's revision. */
export interface RevisionFields {
  /** The counter the CMS raises on every save; absent in entries saved before it existed. */
  sequence?: number | undefined;
  /** When the entry was last saved; absent likewise. */
  updated?: Date | undefined;
  /** `YYYY-MM-DD`, the day a change of status was decided. */
  statusDecidedOn?: string | undefined;
}

/**
 * The SEQUENCE feeds published before events had a counter: 0 for an event
 * never changed, else the days from 2000-01-01 to the decision (so about
 * 7,400 for a decision in 2020). An entry without `sequence` still gets this
 * value, and its first save continues from it, so no calendar that already
 * holds the old number sees a lower one.
 *
 * @throws Error (Polish) when `statusDecidedOn` is not a `YYYY-MM-DD` day.
 */
export function legacySequence(statusDecidedOn: string | undefined): number {
  if (!statusDecidedOn) return 0;
  const decided = Date.parse(`${statusDecidedOn}T00:00:00Z`);
  if (Number.isNaN(decided)) throw new Error(`Niepoprawna data decyzji: ${statusDecidedOn}`);
  return Math.max(1, Math.round((decided - EPOCH) / DAY));
}

/** SEQUENCE of an event: its `sequence`, or for an entry that predates it the value published before. */
export function sequenceOf(event: RevisionFields): number {
  return event.sequence ?? legacySequence(event.statusDecidedOn);
}

/**
 * DTSTAMP of an event: the time of its last save, to the second. An entry that
 * predates `updated` keeps what feeds published before: noon UTC of the
 * decision day (that day in Warsaw too), or of 2000-01-01 for an event never
 * changed. Never the build time: that would tell apps a change happened on
 * every build.
 */
export function stampOf(event: RevisionFields): Date {
  if (event.updated) return wholeSeconds(event.updated);
  return new Date(EPOCH + legacySequence(event.statusDecidedOn) * DAY + DAY / 2);
}

/** The revision the CMS writes into an event: `sequence` and `updated` as front matter holds them. */
export interface Revision {
  sequence: number;
  /** ISO 8601 with the Warsaw offset, e.g. `2026-03-02T14:05:09+01:00`. */
  updated: string;
}

export interface RevisionContext {
  /** The entry is being created (or duplicated): its first revision is 0. */
  isNew: boolean;
  /** The time of the save. */
  now: Date;
  /**
   * What this browser already wrote for this entry. After a save Decap keeps
   * the form as it was loaded, not as written, so a second save from the same
   * form would otherwise repeat the number the first one wrote.
   */
  lastWritten?: Revision | undefined;
}

/**
 * The revision to write on a save of an event (`data` is the front matter as
 * the CMS holds it: strings, numbers, maybe Dates, maybe "" for a cleared
 * field). SEQUENCE is one above the highest the entry or this browser has
 * seen (for an entry saved before it had a `sequence`, see `currentSequence`);
 * `updated` is now, or a second after the last one if a clock is behind,
 * so DTSTAMP never goes back either. Never throws: a malformed field is the
 * schema check's to report.
 */
export function nextRevision(data: Record<string, unknown>, context: RevisionContext): Revision {
  const now = wholeSeconds(context.now).getTime();
  if (context.isNew) return { sequence: 0, updated: machineInstant(new Date(now)) };
  const seen = Math.max(currentSequence(data, now), context.lastWritten?.sequence ?? 0);
  const lastUpdated = Math.max(instantOf(data['updated']), instantOf(context.lastWritten?.updated));
  return { sequence: seen + 1, updated: machineInstant(new Date(Math.max(now, lastUpdated + 1000))) };
}

/**
 * The highest SEQUENCE the feed can have published for this entry. With a
 * `sequence`, that. Without one, the feed published the decision-day number,
 * but `data` is the form as edited, and restoring an event clears the
 * decision day before this runs; so the number of today's day stands in for
 * it: a decision recorded up to today cannot have given more.
 */
function currentSequence(data: Record<string, unknown>, now: number): number {
  const own = typeof data['sequence'] === 'string' && data['sequence'].trim() !== '' ? Number(data['sequence']) : data['sequence'];
  if (typeof own === 'number' && Number.isInteger(own) && own >= 0) return own;
  const decided = data['statusDecidedOn'];
  let edited = 0;
  try {
    edited = legacySequence(decided instanceof Date ? decided.toISOString().slice(0, 10) : typeof decided === 'string' ? decided : undefined);
  } catch {
    // A malformed day is the schema check's to report.
  }
  return Math.max(edited, Math.floor((now - EPOCH) / DAY));
}

/** Milliseconds of a Date or an ISO string; -Infinity for anything else. */
function instantOf(value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' && value !== '' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function wholeSeconds(value: Date): Date {
  return new Date(Math.floor(value.getTime() / 1000) * 1000);
}
