import { describe, expect, it } from 'vitest';
import { offsetChanges, vtimezone } from './vtimezone.ts';

describe('offset changes from the tz database', () => {
  it('finds the two 2020 changes in Poland to the second', () => {
    expect(offsetChanges('Europe/Warsaw', new Date('2020-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'))).toEqual([
      { at: new Date('2020-03-29T01:00:00Z'), from: 60, to: 120 },
      { at: new Date('2020-10-25T01:00:00Z'), from: 120, to: 60 },
    ]);
  });

  it('finds none in UTC', () => {
    expect(offsetChanges('UTC', new Date('2020-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'))).toEqual([]);
  });
});

describe('VTIMEZONE', () => {
  const lines = vtimezone('Europe/Warsaw', 2020, 2021).split('\r\n');

  it('names the zone and lists every change as an observance starting at local time before it', () => {
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VTIMEZONE', 'TZID:Europe/Warsaw', 'X-LIC-LOCATION:Europe/Warsaw']);
    expect(lines.at(-1)).toBe('END:VTIMEZONE');
    const starts = lines.filter((l) => l.startsWith('DTSTART:'));
    expect(starts).toEqual([
      'DTSTART:20191231T010000',
      'DTSTART:20200329T020000',
      'DTSTART:20201025T030000',
      'DTSTART:20210328T020000',
      'DTSTART:20211031T030000',
    ]);
  });

  it('marks summer time DAYLIGHT (CEST) and winter time STANDARD (CET)', () => {
    const text = lines.join('\n');
    expect(text).toContain('BEGIN:DAYLIGHT\nDTSTART:20200329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nEND:DAYLIGHT');
    expect(text).toContain('BEGIN:STANDARD\nDTSTART:20201025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD');
    expect(lines.filter((l) => l === 'BEGIN:DAYLIGHT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'BEGIN:STANDARD')).toHaveLength(3);
  });

  it('states a single standard observance for a zone without changes, and omits a made-up TZNAME', () => {
    // Etc/GMT-3 is UTC+03:00 (POSIX signs); its only "name" is "GMT+3".
    expect(vtimezone('Etc/GMT-3', 2020, 2020).split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE', 'TZID:Etc/GMT-3', 'X-LIC-LOCATION:Etc/GMT-3',
      'BEGIN:STANDARD', 'DTSTART:20191231T030000', 'TZOFFSETFROM:+0300', 'TZOFFSETTO:+0300', 'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });
});
