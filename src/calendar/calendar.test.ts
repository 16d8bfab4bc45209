import ical, { type CalendarComponent, type VEvent } from 'node-ical';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarParsers } from '../../tests/support/calendar-parsers.ts';
import { buildCalendar, sequenceOf, stampOf, type CalendarEventInput } from './calendar.ts';

const site = 'https://wspolnie.example.pl';
const page = (id: string) => `${site}/wydarzenia/${id}/`;

// The three 2020 workshops straddle the switch to summer time on 29 March.
const beforeDst: CalendarEventInput = {
  id: 'warsztat-1',
  title: 'Warsztat I. Diagnoza potrzeb mieszkańców, generowanie pomysłów',
  start: new Date('2020-03-28T10:00:00+01:00'),
  end: new Date('2020-03-28T14:00:00+01:00'),
  kindLabel: 'Warsztat',
  status: 'cancelled',
  statusReason: 'W związku z sytuacją kryzysową wynikającą z zagrożenia rozprzestrzeniania się choroby COVID-19.',
  statusDecidedOn: '2020-03-12',
  location: 'Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, sala Portretowa',
  url: page('warsztat-1'),
  programmeTitle: 'Wspólne Projekty Miejskie 2020',
};
const afterDst: CalendarEventInput = {
  id: 'warsztat-2',
  title: 'Warsztat II. Źródła finansowania, współpraca z urzędem',
  start: new Date('2020-04-04T10:00:00+02:00'),
  end: new Date('2020-04-04T14:00:00+02:00'),
  kindLabel: 'Warsztat',
  status: 'planned',
  location: 'Kraków',
  url: page('warsztat-2'),
};
const moved: CalendarEventInput = {
  id: 'dyzur-przeniesiony',
  title: 'Dyżur konsultacyjny',
  start: new Date('2025-11-14T08:00:00+01:00'),
  end: new Date('2025-11-14T10:00:00+01:00'),
  kindLabel: 'Dyżur stacjonarny',
  status: 'moved',
  statusReason: 'Remont sali.',
  statusDecidedOn: '2025-11-03',
  location: 'ul. Bosacka 13, pokój 4',
  url: page('dyzur-przeniesiony'),
};
const online: CalendarEventInput = {
  id: 'spotkanie-online',
  title: 'Spotkanie informacyjne',
  start: new Date('2025-10-25T23:30:00+02:00'),
  end: new Date('2025-10-26T03:30:00+01:00'),
  kindLabel: 'Spotkanie online',
  status: 'online',
  statusReason: 'Duże zainteresowanie.',
  statusDecidedOn: '2025-10-01',
  location: 'https://meet.example.pl/spotkanie',
  url: page('spotkanie-online'),
};

const options = {
  name: 'Wspólnie — wydarzenia, Kraków',
  description: 'Warsztaty, dyżury; spotkania',
  site,
  url: `${site}/kalendarz.ics`,
};

function parse(ics: string) {
  const parsed = ical.sync.parseICS(ics);
  const components = Object.values(parsed).filter((c): c is CalendarComponent => Boolean(c && typeof c === 'object' && 'type' in c));
  const events = new Map(components.filter((c): c is VEvent => c.type === 'VEVENT').map((e) => [e.uid, e]));
  return { parsed, components, events };
}

const ics = buildCalendar([afterDst, beforeDst, moved, online], options);
const { components, events } = parse(ics);
const event = (id: string) => {
  const found = events.get(`${id}@wspolnie.example.pl`);
  if (!found) throw new Error(`no VEVENT for ${id}`);
  return found;
};

describe('times in Europe/Warsaw', () => {
  it('reads back the right instants on both sides of the March 2020 change', () => {
    expect(event('warsztat-1').start.toISOString()).toBe('2020-03-28T09:00:00.000Z');
    expect(event('warsztat-1').end?.toISOString()).toBe('2020-03-28T13:00:00.000Z');
    expect(event('warsztat-2').start.toISOString()).toBe('2020-04-04T08:00:00.000Z');
    expect(event('warsztat-2').end?.toISOString()).toBe('2020-04-04T12:00:00.000Z');
  });

  it('reads back an event that spans the October change', () => {
    expect(event('spotkanie-online').start.toISOString()).toBe('2025-10-25T21:30:00.000Z');
    expect(event('spotkanie-online').end?.toISOString()).toBe('2025-10-26T02:30:00.000Z');
    expect(ics).toContain('DTSTART;TZID=Europe/Warsaw:20251025T233000\r\nDTEND;TZID=Europe/Warsaw:20251026T033000\r\n');
  });

  it('writes Warsaw wall-clock times with TZID', () => {
    for (const e of events.values()) {
      expect(e.start.tz).toBe('Europe/Warsaw');
      expect(e.end?.tz).toBe('Europe/Warsaw');
    }
    expect(ics).toContain('DTSTART;TZID=Europe/Warsaw:20200328T100000\r\n');
    expect(ics).toContain('DTSTART;TZID=Europe/Warsaw:20200404T100000\r\n');
  });

  it('includes a VTIMEZONE for Europe/Warsaw with both 2020 changes', () => {
    const zones = components.filter((c) => c.type === 'VTIMEZONE');
    expect(zones.map((z) => (z as { tzid?: string }).tzid)).toEqual(['Europe/Warsaw']);
    expect(ics).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20200329T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
    expect(ics).toMatch(/BEGIN:STANDARD\r\nDTSTART:20201025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
    expect(ics).toMatch(/BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
  });

  it('states X-WR-TIMEZONE among the calendar properties, before any component', () => {
    const at = ics.indexOf('X-WR-TIMEZONE:Europe/Warsaw\r\n');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(ics.indexOf('BEGIN:VTIMEZONE'));
  });

  describe('whatever the build machine zone', () => {
    const original = process.env['TZ'];
    afterEach(() => {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    });

    it('produces the same bytes in UTC, New York and Tokyo', () => {
      const outputs = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((zone) => {
        process.env['TZ'] = zone;
        // Guard: the zone change must reach Date, or this test proves nothing.
        expect(new Date('2020-01-01T00:00:00Z').getTimezoneOffset()).toBe({ UTC: 0, 'America/New_York': 300, 'Asia/Tokyo': -540 }[zone]);
        return buildCalendar([afterDst, beforeDst, moved, online], options);
      });
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    });
  });
});

describe('changed events', () => {
  it('keeps a cancelled event, marked CANCELLED, with a higher SEQUENCE than a planned one', () => {
    const cancelled = event('warsztat-1');
    expect(cancelled.status).toBe('CANCELLED');
    expect(Number(cancelled.sequence)).toBeGreaterThan(0);
    expect(Number(event('warsztat-2').sequence)).toBe(0);
    expect(ics).toContain('SEQUENCE:0\r\n');
  });

  it('prefixes a cancelled summary and explains the decision in the description', () => {
    const cancelled = event('warsztat-1');
    expect(cancelled.summary).toBe(`ODWOŁANE: ${beforeDst.title}`);
    expect(cancelled.description).toContain(beforeDst.statusReason);
    expect(cancelled.description).toContain('12 marca 2020');
    expect(cancelled.description).toContain('Program: Wspólne Projekty Miejskie 2020');
    expect(cancelled.description).toContain(`Szczegóły: ${page('warsztat-1')}`);
  });

  it('confirms moved and online events with the new data and a note', () => {
    expect(event('dyzur-przeniesiony').status).toBe('CONFIRMED');
    expect(event('dyzur-przeniesiony').summary).toBe('Dyżur konsultacyjny');
    expect(event('dyzur-przeniesiony').location).toBe('ul. Bosacka 13, pokój 4');
    expect(event('dyzur-przeniesiony').description).toMatch(/^ZMIANA: wydarzenie przeniesione \(decyzja z 3 listopada 2025\)\..*Remont sali\./);
    expect(event('spotkanie-online').status).toBe('CONFIRMED');
    expect(event('spotkanie-online').location).toBe('https://meet.example.pl/spotkanie');
    expect(event('spotkanie-online').description).toContain('przeniesione do internetu');
    expect(event('spotkanie-online').description).toContain('Duże zainteresowanie.');
  });

  it('derives SEQUENCE from the decision day, so a later decision outranks an earlier one', () => {
    expect(sequenceOf({})).toBe(0);
    expect(sequenceOf({ statusDecidedOn: '2000-01-02' })).toBe(1);
    expect(sequenceOf({ statusDecidedOn: '2020-03-12' })).toBe(7376);
    expect(sequenceOf({ statusDecidedOn: '2020-03-13' })).toBeGreaterThan(sequenceOf({ statusDecidedOn: '2020-03-12' }));
    expect(() => sequenceOf({ statusDecidedOn: '12.03.2020' })).toThrow();
  });

  it('stamps an entry with the day of its last decision, in UTC, never with the build time', () => {
    expect(stampOf({ statusDecidedOn: '2020-03-12' }).toISOString()).toBe('2020-03-12T12:00:00.000Z');
    expect(stampOf({}).toISOString()).toBe('2000-01-01T12:00:00.000Z');
    expect(event('warsztat-1').dtstamp.toISOString()).toBe('2020-03-12T12:00:00.000Z');
    expect(ics.match(/^DTSTAMP:.*$/gm)).toEqual(expect.arrayContaining(['DTSTAMP:20200312T120000Z', 'DTSTAMP:20000101T120000Z']));
    expect(ics.match(/^DTSTAMP:.*$/gm)?.every((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line))).toBe(true);
  });
});

describe('revisions', () => {
  it('publishes the counter the CMS raises as SEQUENCE, and the last save as DTSTAMP and LAST-MODIFIED', () => {
    // A restored event: no decision day any more, yet a higher revision than when it was cancelled.
    const restored = { ...afterDst, id: 'przywrocony', sequence: 7378, updated: new Date('2026-03-02T14:05:09.750+01:00') };
    const text = buildCalendar([restored, afterDst], options);
    for (const [name, read] of calendarParsers) {
      const found = read(text).get('przywrocony@wspolnie.example.pl');
      expect(found, name).toMatchObject({ sequence: 7378, dtstamp: '2026-03-02T13:05:09.000Z', lastModified: '2026-03-02T13:05:09.000Z', status: 'CONFIRMED' });
      // An entry saved before the counter existed keeps what feeds published for it, and claims no LAST-MODIFIED.
      expect(read(text).get('warsztat-2@wspolnie.example.pl'), name).toMatchObject({ sequence: 0, dtstamp: '2000-01-01T12:00:00.000Z', lastModified: undefined });
    }
    expect(sequenceOf({ sequence: 3, statusDecidedOn: '2020-03-12' })).toBe(3);
    expect(stampOf({ updated: new Date('2026-03-02T13:05:09.999Z'), statusDecidedOn: '2020-03-12' }).toISOString()).toBe('2026-03-02T13:05:09.000Z');
  });
});

describe('the hour repeated when the clocks go back (26 October 2025, 02:00–02:59 twice)', () => {
  // 02:30 summer time is 00:30 UTC; 02:30 winter time, an hour later, 01:30 UTC.
  const firstPass: CalendarEventInput = {
    ...afterDst,
    id: 'dyzur-nocny-letni',
    title: 'Nocny dyżur (pierwsza 2:30)',
    start: new Date('2025-10-26T02:30:00+02:00'),
    end: new Date('2025-10-26T02:50:00+02:00'),
  };
  const secondPass: CalendarEventInput = {
    ...afterDst,
    id: 'dyzur-nocny-zimowy',
    title: 'Nocny dyżur (druga 2:30)',
    start: new Date('2025-10-26T02:30:00+01:00'),
    end: new Date('2025-10-26T03:30:00+01:00'),
  };
  const across: CalendarEventInput = {
    ...afterDst,
    id: 'dyzur-przez-zmiane',
    title: 'Dyżur przez zmianę czasu',
    start: new Date('2025-10-26T01:30:00+02:00'),
    end: new Date('2025-10-26T02:15:00+01:00'),
  };
  const text = buildCalendar([firstPass, secondPass, across, afterDst], options);
  const uid = (id: string) => `${id}@wspolnie.example.pl`;

  it.each(calendarParsers)('%s reads each of the two 2:30s as its own instant', (_name, read) => {
    const found = read(text);
    expect(found.get(uid('dyzur-nocny-letni'))).toMatchObject({ start: '2025-10-26T00:30:00.000Z', end: '2025-10-26T00:50:00.000Z' });
    expect(found.get(uid('dyzur-nocny-zimowy'))).toMatchObject({ start: '2025-10-26T01:30:00.000Z', end: '2025-10-26T02:30:00.000Z' });
    expect(found.get(uid('dyzur-przez-zmiane'))).toMatchObject({ start: '2025-10-25T23:30:00.000Z', end: '2025-10-26T01:15:00.000Z' });
    expect(found.get(uid('warsztat-2'))).toMatchObject({ start: '2020-04-04T08:00:00.000Z', end: '2020-04-04T12:00:00.000Z' });
  });

  it('writes such an event in UTC, leaving no local time to guess, and every other event in Warsaw time', () => {
    expect(text).toContain('UID:dyzur-nocny-letni@wspolnie.example.pl\r\n');
    expect(text).toMatch(/UID:dyzur-nocny-letni@[^]*?DTSTART:20251026T003000Z\r\nDTEND:20251026T005000Z\r\n/);
    expect(text).toMatch(/UID:dyzur-nocny-zimowy@[^]*?DTSTART:20251026T013000Z\r\nDTEND:20251026T023000Z\r\n/);
    // Only one end in the repeated hour is enough: both ends are written in UTC.
    expect(text).toMatch(/UID:dyzur-przez-zmiane@[^]*?DTSTART:20251025T233000Z\r\nDTEND:20251026T011500Z\r\n/);
    expect(text).not.toMatch(/TZID=Europe\/Warsaw:20251026T02/);
    expect(text).toContain('DTSTART;TZID=Europe/Warsaw:20200404T100000\r\n');
  });

  it('says in the description which clock the times are on, as the event page does', () => {
    const description = (id: string) => parse(text).events.get(uid(id))?.description;
    expect(description('dyzur-nocny-letni')).toContain('Termin (czas polski): niedziela, 26 października 2025, 02:30 (czas letni, UTC+2) – 02:50 (czas letni, UTC+2)');
    expect(description('dyzur-nocny-zimowy')).toContain('02:30 (czas zimowy, UTC+1) – 03:30');
    expect(description('warsztat-2')).not.toContain('Termin');
  });
});

describe('ical.js agrees with node-ical', () => {
  it('on every event of the mixed feed, both sides of both 2020 and 2025 changes', () => {
    const [byNodeIcal, byIcalJs] = calendarParsers.map(([, read]) => read(ics));
    expect(byNodeIcal?.size).toBe(4);
    expect(byIcalJs).toEqual(byNodeIcal);
  });
});

describe('text', () => {
  it('gives each event a stable UID from its id and the site host, and its page URL', () => {
    expect([...events.keys()].sort()).toEqual(
      ['dyzur-przeniesiony', 'spotkanie-online', 'warsztat-1', 'warsztat-2'].map((id) => `${id}@wspolnie.example.pl`),
    );
    expect(event('warsztat-2').url).toMatchObject({ val: page('warsztat-2') });
  });

  it('keeps Polish letters', () => {
    const letters = 'Zażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ';
    const { events: parsed } = parse(buildCalendar([{ ...afterDst, title: letters, location: 'Łagiewniki, ul. Świętej Faustyny' }], options));
    const only = [...parsed.values()][0];
    expect(only?.summary).toBe(letters);
    expect(only?.location).toBe('Łagiewniki, ul. Świętej Faustyny');
    expect(ics).toContain('X-WR-CALNAME:Wspólnie — wydarzenia\\, Kraków\r\n');
  });

  it('folds long lines at 75 octets without splitting a letter, and they read back whole', () => {
    const title = `${'Bardzo długi tytuł warsztatu o źródłach finansowania, ąęłńóśźż; '.repeat(5)}koniec`;
    const description = `Opis: ${'zażółć gęślą jaźń '.repeat(30)}`;
    const text = buildCalendar([{ ...afterDst, title, description }], options);
    const lines = text.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    const only = [...parse(text).events.values()][0];
    expect(only?.summary).toBe(title);
    expect(only?.description).toContain(description.trim());
  });

  it('uses CRLF line ends only', () => {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  });

  it('writes a valid calendar with no events', () => {
    const empty = buildCalendar([], options);
    expect(empty).toContain('X-WR-TIMEZONE:Europe/Warsaw\r\n');
    expect(empty.endsWith('END:VCALENDAR')).toBe(true);
    expect(parse(empty).events.size).toBe(0);
  });
});
