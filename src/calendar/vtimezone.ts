/**
 * VTIMEZONE components (RFC 5545 §3.6.5) built from the runtime's tz database.
 *
 * ical-generator has no tz data of its own and expects a generator function;
 * the packages its README suggests (@touch4it/ical-timezones,
 * timezones-ical-library) are not dependencies of this project. Intl already
 * knows every offset change, so the component lists the actual changes in the
 * years the feed covers, each as its own observance with an explicit DTSTART.
 * That is more lines than an RRULE summary, but it is exactly what the tz
 * database says, including any future change to Poland's rules.
 */
import { offsetMinutes } from '../lib/time-zone.ts';

/** A change of a zone's offset. */
export interface OffsetChange {
  /** The first instant of the new offset. */
  at: Date;
  /** Minutes east of UTC before and after. */
  from: number;
  to: number;
}

const DAY = 86_400_000;

/**
 * Every offset change in [from, to). Offsets are sampled daily, then each
 * change is narrowed to the second; real zones never change twice in a day.
 */
export function offsetChanges(zone: string, from: Date, to: Date): OffsetChange[] {
  const changes: OffsetChange[] = [];
  const offsetAt = (ms: number) => offsetMinutes(new Date(ms), zone);
  for (let t = from.getTime(); t < to.getTime(); t += DAY) {
    const next = Math.min(t + DAY, to.getTime());
    const before = offsetAt(t);
    const after = offsetAt(next);
    if (before === after) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    changes.push({ at: new Date(hi), from: before, to: after });
  }
  return changes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Local date-time of an instant under a given offset, in iCalendar's basic format. */
function localStamp(instant: Date, offset: number): string {
  return new Date(instant.getTime() + offset * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/** "CET"/"CEST" where the locale data has a real abbreviation; none rather than "GMT+1". */
function abbreviation(zone: string, instant: Date): string | undefined {
  let format = abbreviations.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' });
    abbreviations.set(zone, format);
  }
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  return name && !/^(GMT|UTC)/.test(name) ? name : undefined;
}

/**
 * A VTIMEZONE for `zone` valid from 1 January of `fromYear` to the end of
 * `toYear` (UTC bounds, widened by a day each side so local times at the edges
 * are covered). The first observance states the offset in force at the start.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const from = new Date(Date.UTC(fromYear, 0, 1) - DAY);
  const to = new Date(Date.UTC(toYear + 1, 0, 1) + DAY);
  const initial = offsetMinutes(from, zone);
  const changes = offsetChanges(zone, from, to);
  const standardOffset = Math.min(initial, ...changes.map((c) => c.to));
  const observances = [{ at: from, from: initial, to: initial }, ...changes].map((c) => {
    const kind = c.to > standardOffset ? 'DAYLIGHT' : 'STANDARD';
    const name = abbreviation(zone, c.at);
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(c.at, c.from)}`,
      `TZOFFSETFROM:${formatOffset(c.from)}`,
      `TZOFFSETTO:${formatOffset(c.to)}`,
      ...(name ? [`TZNAME:${name}`] : []),
      `END:${kind}`,
    ];
  });
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`, ...observances.flat(), 'END:VTIMEZONE'].join('\r\n');
}
