/**
 * The iCalendar feeds (/kalendarz.ics and one per programme), built with
 * ical-generator from plain event data. No Astro here: the endpoints read the
 * content collections and hand over `CalendarEventInput`s.
 */
import ical, { ICalEventStatus, type ICalTemporalZonedDateTimeStub } from 'ical-generator';
import type { EventStatus } from '../data/events.ts';
import { sequenceOf, stampOf } from './revision.ts';
import { formatDay, formatSpan, TIME_ZONE } from '../lib/dates.ts';
import { isRepeatedLocalTime, wallClock } from '../lib/time-zone.ts';
import { vtimezone } from './vtimezone.ts';

// SEQUENCE and DTSTAMP come from the event's own revision counter and last save.
export { sequenceOf, stampOf } from './revision.ts';

/** One event as the calendar needs it; every text already in Polish. */
export interface CalendarEventInput {
  /** Content id; makes the UID. */
  id: string;
  title: string;
  start: Date;
  end: Date;
  /** "Warsztat", "Dyżur telefoniczny"… */
  kindLabel: string;
  status: EventStatus;
  statusReason?: string | undefined;
  /** `YYYY-MM-DD`, the day the change of status was decided. */
  statusDecidedOn?: string | undefined;
  /** The revision counter the CMS raises on every save (SEQUENCE); see calendar-revision.ts. */
  sequence?: number | undefined;
  /** The time of the last save (DTSTAMP, LAST-MODIFIED). */
  updated?: Date | undefined;
  /** Place text, "Telefonicznie: …" or the meeting link. */
  location?: string | undefined;
  /** Further plain text. */
  description?: string | undefined;
  /** Absolute address of the event's page. */
  url: string;
  programmeTitle?: string | undefined;
}

export interface CalendarOptions {
  /** Shown by calendar apps as the subscription's name. */
  name: string;
  description: string;
  /** The site's address; its host name makes the UIDs. */
  site: URL | string;
  /** Absolute address of this feed. */
  url: string;
}

const SUMMARY_PREFIX_CANCELLED = 'ODWOŁANE: ';
/** How often subscribers should re-read the feed, so a cancellation reaches them the same day. */
const REFRESH = 'PT6H';

/**
 * A start or end as ical-generator's Temporal.ZonedDateTime stub. Handed a
 * native Date, ical-generator writes the build machine's local clock next to
 * TZID (10:00 Warsaw becomes 09:00 on a UTC runner); the stub carries the
 * Warsaw wall clock worked out by Intl instead.
 */
function zoned(instant: Date, zone: string): ICalTemporalZonedDateTimeStub {
  const c = wallClock(instant, zone);
  const text = () => `${instant.toISOString()}[${zone}]`;
  const plain = {
    ...c,
    toPlainDate: () => ({ year: c.year, month: c.month, day: c.day, toJSON: text, toString: text }),
    toZonedDateTime: (other: string) => zoned(instant, ensureZone(other, zone)),
    toJSON: text,
    toString: text,
  };
  const self: ICalTemporalZonedDateTimeStub = {
    ...c,
    timeZoneId: zone,
    toInstant: () => ({
      epochMilliseconds: instant.getTime(),
      toZonedDateTimeISO: (other: string) => zoned(instant, other),
      toJSON: () => instant.toISOString(),
      toString: () => instant.toISOString(),
    }),
    toPlainDateTime: () => plain,
    withTimeZone: (other: string) => zoned(instant, other),
    toJSON: text,
    toString: text,
  };
  return self;
}

function ensureZone(asked: string, known: string): string {
  // A plain date-time could only be re-read in the zone it was made in.
  if (asked !== known) throw new Error(`Czas lokalny strefy ${known} nie może być odczytany w strefie ${asked}.`);
  return known;
}

function statusNote(event: CalendarEventInput): string | undefined {
  if (event.status === 'planned') return undefined;
  const decided = event.statusDecidedOn ? ` (decyzja z ${formatDay(event.statusDecidedOn)})` : '';
  const reason = event.statusReason ? ` Powód: ${event.statusReason}` : '';
  switch (event.status) {
    case 'cancelled':
      return `WYDARZENIE ODWOŁANE${decided}.${reason}`;
    case 'moved':
      return `ZMIANA: wydarzenie przeniesione${decided}. Podany termin i miejsce są aktualne.${reason}`;
    case 'online':
      return `ZMIANA: wydarzenie przeniesione do internetu${decided}.${event.location ? ` Link: ${event.location}.` : ''}${reason}`;
  }
}

/**
 * Whether a start or end falls in the hour repeated when the clocks go back.
 * Written as Warsaw local time with TZID, 02:30 on that night could be either
 * of two instants, and calendar apps pick differently (RFC 5545 §3.3.5 leaves
 * it open), so such an event is written in UTC instead: one reading only.
 */
function inRepeatedHour(event: Pick<CalendarEventInput, 'start' | 'end'>): boolean {
  return isRepeatedLocalTime(event.start, TIME_ZONE) || isRepeatedLocalTime(event.end, TIME_ZONE);
}

function descriptionOf(event: CalendarEventInput): string {
  const note = statusNote(event);
  return [
    ...(note ? [note, ''] : []),
    // The app shows the UTC time in its own zone; this says it the way the event page does.
    ...(inRepeatedHour(event) ? [`Termin (czas polski): ${formatSpan(event.start, event.end)}`] : []),
    `Rodzaj: ${event.kindLabel}`,
    ...(event.programmeTitle ? [`Program: ${event.programmeTitle}`] : []),
    ...(event.description ? ['', event.description.trim()] : []),
    '',
    `Szczegóły: ${event.url}`,
  ].join('\n');
}

/**
 * TEXT escaping (RFC 5545 §3.3.11) for the calendar's NAME and X-WR-CALDESC,
 * which ical-generator writes verbatim (it escapes only event properties).
 */
function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Calendar-level properties must precede the first component; ical-generator has no slot for these. */
function withHeaderProperties(ics: string, lines: string[]): string {
  const firstComponent = ics.search(/\r\nBEGIN:V(?:TIMEZONE|EVENT)\r\n/);
  const at = firstComponent === -1 ? ics.lastIndexOf('\r\nEND:VCALENDAR') : firstComponent;
  return `${ics.slice(0, at)}\r\n${lines.join('\r\n')}${ics.slice(at)}`;
}

/** The whole feed as an iCalendar string (CRLF lines, folded at 75 octets). */
export function buildCalendar(events: readonly CalendarEventInput[], options: CalendarOptions): string {
  const host = new URL(options.site).hostname;
  const sorted = [...events].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
  const years = sorted.flatMap((e) => [wallClock(e.start, TIME_ZONE).year, wallClock(e.end, TIME_ZONE).year]);
  const calendar = ical({
    name: escapeText(options.name),
    description: escapeText(options.description),
    prodId: { company: 'Wspólnie', product: 'kalendarz', language: 'PL' },
    url: options.url,
    // The name stays null on purpose: a named calendar zone makes
    // ical-generator write DTSTAMP as floating local time (no "Z"), which
    // RFC 5545 forbids. Each event carries the zone instead; the generator
    // still runs for it, and X-WR-TIMEZONE is added below.
    timezone: { name: null, generator: (zone) => vtimezone(zone, Math.min(...years), Math.max(...years)) },
  });
  for (const event of sorted) {
    const utc = inRepeatedHour(event);
    calendar.createEvent({
      id: `${event.id}@${host}`,
      sequence: sequenceOf(event),
      stamp: stampOf(event),
      lastModified: event.updated ? stampOf(event) : null,
      timezone: utc ? null : TIME_ZONE,
      start: utc ? event.start : zoned(event.start, TIME_ZONE),
      end: utc ? event.end : zoned(event.end, TIME_ZONE),
      summary: event.status === 'cancelled' ? `${SUMMARY_PREFIX_CANCELLED}${event.title}` : event.title,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      description: descriptionOf(event),
      location: event.location ?? null,
      url: event.url,
    });
  }
  return withHeaderProperties(calendar.toString(), [
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
  ]);
}
