/**
 * The CMS side of "a time without an offset is refused": what Decap reads
 * from a file edited by hand (its own front matter parser, from
 * decap-cms-core) and what its datetime widget writes (dayjs with the
 * format of src/cms/fields.ts), checked by `problemsOf` before saving.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_FORMAT, INSTANT_FORMAT } from './fields.ts';
import { problemsOf } from './validate.ts';
import { contentSchemas } from '../schemas/index.ts';
import { plainReference } from '../schemas/common.ts';
import { eventWithTimes } from '../../tests/support/content-files.ts';

dayjs.extend(customParseFormat);

// Decap's own parser (yaml 1.x with a timestamp tag only for ...Z), loaded from its sources: the module is not typed for us.
const decapFrontMatter = 'decap-cms-core/src/formats/frontmatter';
const { FrontmatterInfer } = (await import(decapFrontMatter)) as { FrontmatterInfer: { fromFile(content: string): Record<string, unknown> } };
const decapReads = (markdown: string) => {
  const { body: _body, ...data } = FrontmatterInfer.fromFile(markdown);
  return data;
};

const event = eventWithTimes;

const noOffset =
  'Brak przesunięcia strefy czasowej: „2026-12-05 10:00:00” nie mówi, według której strefy liczyć godzinę. W Polsce obowiązuje wtedy czas zimowy: wpisz 2026-12-05T10:00:00+01:00.';

describe('a file edited by hand, opened in the CMS', () => {
  it.each([
    ['unquoted', '2026-12-05 10:00:00'],
    ['quoted', '"2026-12-05 10:00:00"'],
  ])('refuses a time without an offset (%s), naming the field', (_name, start) => {
    expect(problemsOf('events', decapReads(event(start)))).toEqual([{ path: ['start'], field: 'Początek', message: noOffset }]);
  });

  it.each([
    ['unquoted', '2020-13-45'],
    ['quoted', '"2020-13-45"'],
  ])('refuses a day that does not exist (%s)', (_name, day) => {
    expect(problemsOf('events', decapReads(event('"2026-12-05T10:00:00+01:00"', day)))).toEqual([
      { path: ['statusDecidedOn'], field: 'Data decyzji', message: 'Taki dzień nie istnieje: 2020-13-45. Sprawdź miesiąc (01–12) i dzień miesiąca.' },
    ]);
  });

  it('refuses a day that does not exist inside an instant, and names nested fields', () => {
    const programme = `---
title: P
summary: S
year: 2026
status: enrolment
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: 2026-02-30
enrolment:
  opens: 2026-03-01T00:00:00
  closes: 2026-13-01T00:00:00+01:00
  mode: open
---
`;
    expect(problemsOf('programmes', decapReads(programme))).toEqual([
      { path: ['period', 'start'], field: 'Okres realizacji › Początek', message: 'Taki dzień nie istnieje: 2026-02-30. Sprawdź miesiąc (01–12) i dzień miesiąca.' },
      {
        path: ['enrolment', 'opens'],
        field: 'Zapisy › Początek naboru',
        message: 'Brak przesunięcia strefy czasowej: „2026-03-01T00:00:00” nie mówi, według której strefy liczyć godzinę. W Polsce obowiązuje wtedy czas zimowy: wpisz 2026-03-01T00:00:00+01:00.',
      },
      { path: ['enrolment', 'closes'], field: 'Zapisy › Koniec naboru', message: 'Taki dzień nie istnieje: 2026-13-01. Sprawdź miesiąc (01–12) i dzień miesiąca.' },
    ]);
  });

  it('accepts times with an offset or in UTC, quoted or not (an unquoted UTC time is the one Decap reads as a date)', () => {
    for (const start of ['2026-12-05T10:00:00+01:00', '"2026-12-05T10:00:00+01:00"', '2026-12-05T09:00:00Z']) {
      const data = decapReads(event(start));
      expect(problemsOf('events', data), start).toEqual([]);
      expect(contentSchemas(plainReference).events.parse(data).start.toISOString()).toBe('2026-12-05T09:00:00.000Z');
    }
  });

  it('says which clock applies, or that the hour happens twice or never, when the clocks change', () => {
    const at = (start: string) => problemsOf('events', decapReads(event(`"${start}"`).replace('2026-12-05T12:00:00+01:00', '2026-12-31T12:00:00+01:00')))[0]?.message;
    expect(at('2026-07-05T10:00:00')).toContain('W Polsce obowiązuje wtedy czas letni: wpisz 2026-07-05T10:00:00+02:00.');
    expect(at('2026-10-25T02:30:00')).toContain('wpisz 2026-10-25T02:30:00+02:00 (pierwsza, czas letni) albo 2026-10-25T02:30:00+01:00 (druga, czas zimowy)');
    expect(at('2026-03-29T02:30:00')).toContain('Takiej godziny w Polsce tego dnia nie ma');
  });
});

describe('what the datetime widget writes', () => {
  // The widget formats the picked local time with dayjs in the browser's zone (decap-cms-widget-datetime, handleChange).
  const previousZone = process.env['TZ'];
  beforeAll(() => {
    process.env['TZ'] = 'Europe/Warsaw';
  });
  afterAll(() => {
    if (previousZone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = previousZone;
  });

  it.each([
    ['winter', '2026-12-05T10:00', '2026-12-05T10:00:00+01:00', '2026-12-05T09:00:00.000Z'],
    ['summer', '2026-07-05T10:00', '2026-07-05T10:00:00+02:00', '2026-07-05T08:00:00.000Z'],
  ])('passes, with its offset (%s)', (_season, picked, written, utc) => {
    const value = dayjs(picked, 'YYYY-MM-DDTHH:mm').format(INSTANT_FORMAT);
    expect(value).toBe(written);
    const day = dayjs('2026-11-20', 'YYYY-MM-DD').format(DAY_FORMAT);
    const data = decapReads(event(value, day));
    expect(problemsOf('events', data)).toEqual([]);
    expect(contentSchemas(plainReference).events.parse(data).start.toISOString()).toBe(utc);
  });
});
