/**
 * An iCalendar feed read back by two independent parsers, node-ical and
 * ical.js, each reduced to the same plain shape, so a test can require that
 * both read what a subscribed calendar would show: the instant of each start
 * and end, the status, SEQUENCE and DTSTAMP.
 */
import ICAL from 'ical.js';
import nodeIcal, { type VEvent } from 'node-ical';

/** One VEVENT as a calendar app applies it; instants as ISO strings in UTC. */
export interface ReadEvent {
  uid: string;
  summary: string;
  status: string | undefined;
  start: string;
  end: string | undefined;
  sequence: number;
  dtstamp: string;
  lastModified: string | undefined;
  location: string | undefined;
}

export type CalendarParser = (ics: string) => Map<string, ReadEvent>;

/** node-ical (the parser the built-feed tests already use). */
export const readWithNodeIcal: CalendarParser = (ics) => {
  const parsed = Object.values(nodeIcal.sync.parseICS(ics));
  const vevents = parsed.filter((c): c is VEvent => Boolean(c && typeof c === 'object' && 'type' in c && c.type === 'VEVENT'));
  return new Map(
    vevents.map((e) => [
      e.uid,
      {
        uid: e.uid,
        summary: String(e.summary),
        status: e.status,
        start: e.start.toISOString(),
        end: e.end?.toISOString(),
        sequence: Number(e.sequence),
        dtstamp: e.dtstamp.toISOString(),
        lastModified: e.lastmodified?.toISOString(),
        location: e.location === undefined ? undefined : String(e.location),
      },
    ]),
  );
};

/**
 * ical.js (Mozilla's, used by Thunderbird). It resolves a TZID only through
 * its global TimezoneService, so the feed's own VTIMEZONEs are registered
 * first; a TZID it did not know would be read in the test machine's zone.
 */
export const readWithIcalJs: CalendarParser = (ics) => {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const read = new Map<string, ReadEvent>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const time = (name: string) => {
      const value = component.getFirstPropertyValue(name);
      return value instanceof ICAL.Time ? value.toJSDate().toISOString() : undefined;
    };
    const text = (name: string) => {
      const value = component.getFirstPropertyValue(name);
      return value === null || value === undefined ? undefined : String(value);
    };
    read.set(event.uid, {
      uid: event.uid,
      summary: event.summary,
      status: text('status'),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate?.toJSDate().toISOString(),
      sequence: event.sequence,
      dtstamp: time('dtstamp') ?? '',
      lastModified: time('last-modified'),
      location: event.location ?? undefined,
    });
  }
  return read;
};

export const calendarParsers: [name: string, parse: CalendarParser][] = [
  ['node-ical', readWithNodeIcal],
  ['ical.js', readWithIcalJs],
];
