import { afterEach, describe, expect, it } from 'vitest';
import { calendarParsers } from '../../tests/support/calendar-parsers.ts';
import { revisionProblems } from '../calendar/check.ts';
import { buildPlanCalendar, type PlanFeedInput } from './plan-calendar.ts';

const site = 'https://wspolnie.example.pl';
const options = { site, url: `${site}/konsultacje/plan/2026.ics`, page: `${site}/konsultacje/plan/2026/` };
const plan: PlanFeedInput = {
  year: 2026,
  items: [
    { topic: 'Zieleń osiedlowa, łąki kwietne i źródełka', unit: 'Zarząd Zieleni Miejskiej', quarter: 4, method: 'citizens-panel' },
    { topic: 'Nocna komunikacja', unit: 'Zarząd Transportu Publicznego', quarter: 1, method: 'survey' },
    { topic: 'Nocna komunikacja', unit: 'Zarząd Transportu Publicznego', quarter: 1, method: 'meeting' },
  ],
};
const zone = process.env['TZ'];
afterEach(() => {
  if (zone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zone;
});

describe('the plan as an iCalendar feed', () => {
  it.each(calendarParsers)('is read by %s as all-day entries spanning each quarter, UIDs unique', (_name, parse) => {
    const events = [...parse(buildPlanCalendar(plan, options)).values()];
    expect(events.map((e) => e.uid)).toEqual([`plan-2026-q1-nocna-komunikacja@wspolnie.example.pl`, `plan-2026-q1-nocna-komunikacja-2@wspolnie.example.pl`, `plan-2026-q4-zielen-osiedlowa-laki-kwietne-i-zrodelka@wspolnie.example.pl`]);
    expect(events.map((e) => e.summary)).toEqual(['Planowane konsultacje: Nocna komunikacja', 'Planowane konsultacje: Nocna komunikacja', 'Planowane konsultacje: Zieleń osiedlowa, łąki kwietne i źródełka']);
    expect(events.every((e) => e.dtstamp === '2026-01-01T00:00:00.000Z' && e.sequence === 0)).toBe(true);
  });

  it('writes the quarter as dates, the end exclusive, with the unit and method in the description', () => {
    const ics = buildPlanCalendar(plan, options);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20270101\r\n');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260101\r\nDTEND;VALUE=DATE:20260401\r\n');
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Termin w planie: IV kwartał 2026 r.\\nJednostka odpowiedzialna: Zarząd Zieleni Miejskiej\\nForma: Panel obywatelski');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics.split('\r\n').slice(0, 12)).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT6H');
  });

  it('is the same bytes whatever the build machine zone, and on every build', () => {
    const built = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((tz) => {
      process.env['TZ'] = tz;
      return buildPlanCalendar(plan, options);
    });
    expect(new Set(built).size).toBe(1);
  });

  it("passes the build's revision check (src/calendar/check.ts) whatever an editor changes: what a calendar shows is in the UID", () => {
    const before = buildPlanCalendar(plan, options);
    const moved = { ...plan, items: plan.items.map((item, i) => (i === 0 ? { ...item, quarter: 3, unit: 'Wydział Kształtowania Środowiska' } : item)) };
    const renamed = { ...plan, items: plan.items.map((item, i) => (i === 1 ? { ...item, topic: 'Nocne autobusy' } : item)) };
    for (const after of [moved, renamed]) expect(revisionProblems(before, buildPlanCalendar(after, options), (id) => id)).toEqual([]);
    // The moved item is a new entry, the old one gone.
    expect(buildPlanCalendar(moved, options)).toContain('UID:plan-2026-q3-zielen-osiedlowa-laki-kwietne-i-zrodelka@');
    expect(buildPlanCalendar(moved, options)).not.toContain('UID:plan-2026-q4-');
  });

  it('is a valid calendar with no entries', () => {
    const ics = buildPlanCalendar({ year: 2027, items: [] }, options);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR')).toBe(true);
    for (const [, parse] of calendarParsers) expect(parse(ics).size).toBe(0);
  });
});
