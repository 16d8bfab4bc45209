/**
 * The moments at which a built page goes stale by the clock alone.
 *
 * A static page decides some things at build time (`builtAt`,
 * src/collections/content.ts): whether an enrolment window is before/open/closed
 * (src/catalogue/window.ts `windowState`), whether an event is upcoming
 * or "Odbyło się" (its end), where a lottery stands (enrolment close, the
 * announced draw date). Every such decision compares `builtAt` with an instant
 * that the build also writes into the two public files, /dane/zapisy.json and
 * /dane/wydarzenia.json. This module lists those instants, so that the
 * self-hosted server (src/site/clock.ts) and the Netlify scheduled function
 * (functions/przebudowa-zegar.ts) can rebuild once one has passed.
 *
 * Pure: no I/O, no clock of its own.
 */
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { EventsFile } from '../notices/events-file.ts';
import { warsawDay } from '../lib/dates.ts';
import { addDays, warsawMidnight } from '../lib/calendar-days.ts';

/** One instant at which some page changes, with what changes, for logs and the panel. */
export interface Boundary {
  at: Date;
  /** e.g. "koniec naboru: Wspólne Projekty Miejskie 2020" (Polish, for logs). */
  what: string;
}

/**
 * Every boundary the two public files imply, sorted by time (ties keep file
 * order). An event's end moves it from the upcoming lists to the past ones
 * and adds "Odbyło się"; its start changes no page, so it is not one.
 */
export function boundariesOf(catalogue: Catalogue, events: EventsFile): Boundary[] {
  const found: Boundary[] = [];
  for (const entry of catalogue.entries) {
    const e = entry.enrolment;
    found.push({ at: e.opens, what: `początek naboru: ${entry.title}` });
    found.push({ at: e.closes, what: `koniec naboru: ${entry.title}` });
    if (e.drawDate) found.push({ at: e.drawDate, what: `termin losowania: ${entry.title}` });
  }
  for (const event of events.events) {
    found.push({ at: event.end, what: `koniec wydarzenia: ${event.title}` });
  }
  for (const change of events.daily ?? []) found.push(nextDailyBoundary(change, events.generatedAt));
  return found.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first boundary strictly after `instant`, if any. */
export function nextBoundary(boundaries: readonly Boundary[], instant: Date): Boundary | undefined {
  return boundaries.find((b) => b.at.getTime() > instant.getTime());
}

/**
 * The latest boundary in (`builtAt`, `now`]: a build made at `builtAt` is
 * stale at `now` exactly when this exists.
 */
export function passedSince(boundaries: readonly Boundary[], builtAt: Date, now: Date): Boundary | undefined {
  return boundaries.filter((b) => b.at.getTime() > builtAt.getTime() && b.at.getTime() <= now.getTime()).at(-1);
}

const dayMs = 86_400_000;

/**
 * The boundary of a page that changes every Warsaw midnight from `from`
 * (e.g. "Raport opóźniony o N dni", src/remarks/overdue.ts): `from` itself
 * while it is after the build, else the first midnight after the build. One
 * boundary is enough: the rebuild it causes writes a new `generatedAt`, and
 * the next midnight becomes the boundary of that build.
 */
function nextDailyBoundary(change: { from: Date | string; what: string }, generatedAt: Date | string): Boundary {
  const from = new Date(change.from);
  const builtAt = new Date(generatedAt);
  if (from > builtAt) return { at: from, what: change.what };
  // Whole days from `from`, counted on the Warsaw calendar: a day of 23 or 25 hours moves the midnight by an hour.
  let at = from;
  for (let days = Math.floor((builtAt.getTime() - from.getTime()) / dayMs); at <= builtAt; days++) at = warsawMidnight(addDays(warsawDay(from), days + 1));
  return { at, what: change.what };
}
