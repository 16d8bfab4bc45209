import { describe, expect, it } from 'vitest';
import { clockNote, formatDay, formatDayTime, formatPeriod, formatSpan, formatTime, machineInstant, warsawDay } from './dates.ts';

describe('Warsaw dates in Polish', () => {
  it('shows the same wall-clock time on both sides of the March 2020 DST change', () => {
    // 29 March 2020 moved Poland from +01:00 to +02:00; the workshops sit on both sides.
    const before = new Date('2020-03-28T10:00:00+01:00');
    const after = new Date('2020-04-04T10:00:00+02:00');
    expect(formatTime(before)).toBe('10:00');
    expect(formatTime(after)).toBe('10:00');
    expect(before.toISOString()).toBe('2020-03-28T09:00:00.000Z');
    expect(after.toISOString()).toBe('2020-04-04T08:00:00.000Z');
  });

  it('shows the autumn change too (25 October 2025)', () => {
    expect(formatTime(new Date('2025-10-25T22:30:00Z'))).toBe('00:30');
    expect(formatTime(new Date('2025-10-26T22:30:00Z'))).toBe('23:30');
    expect(machineInstant(new Date('2025-11-14T07:00:00Z'))).toBe('2025-11-14T08:00:00+01:00');
    expect(machineInstant(new Date('2020-04-21T15:00:00Z'))).toBe('2020-04-21T17:00:00+02:00');
  });

  it('formats days with genitive month names', () => {
    expect(formatDay('2020-03-28')).toBe('28 marca 2020');
    expect(formatDay(new Date('2025-11-21T15:00:00Z'))).toBe('21 listopada 2025');
  });

  it('keeps the Warsaw day for late-evening instants that are already tomorrow in UTC+0 terms', () => {
    expect(warsawDay(new Date('2020-04-21T22:30:00Z'))).toBe('2020-04-22');
    expect(warsawDay(new Date('2020-04-21T21:59:00Z'))).toBe('2020-04-21');
  });

  it('formats a span within a day with weekday and times', () => {
    expect(formatSpan(new Date('2020-04-21T17:00:00+02:00'), new Date('2020-04-21T20:00:00+02:00'))).toBe(
      'wtorek, 21 kwietnia 2020, 17:00–20:00',
    );
  });

  it('formats periods and prefers the source label', () => {
    expect(formatPeriod({ start: '2014-01-01', end: '2014-12-31' })).toBe('1 stycznia 2014 – 31 grudnia 2014');
    expect(formatPeriod({ start: '2014-03-01', end: '2014-04-30', label: 'marzec–kwiecień 2014' })).toBe('marzec–kwiecień 2014');
  });
});

describe('the hour repeated when the clocks go back', () => {
  // 26 October 2025: 02:30 happened at +02:00 (summer time) and an hour later again at +01:00.
  const summer = new Date('2025-10-26T02:30:00+02:00');
  const winter = new Date('2025-10-26T02:30:00+01:00');

  it('says which of the two 02:30s a time is', () => {
    expect(formatTime(summer)).toBe('02:30 (czas letni, UTC+2)');
    expect(formatTime(winter)).toBe('02:30 (czas zimowy, UTC+1)');
    expect(machineInstant(summer)).toBe('2025-10-26T02:30:00+02:00');
    expect(machineInstant(winter)).toBe('2025-10-26T02:30:00+01:00');
  });

  it('leaves every other time plain', () => {
    expect(formatTime(new Date('2025-10-26T01:30:00+02:00'))).toBe('01:30');
    expect(formatTime(new Date('2025-10-26T03:00:00+01:00'))).toBe('03:00');
    expect(formatTime(new Date('2025-10-25T02:30:00+02:00'))).toBe('02:30');
  });

  it('names the clock of any instant', () => {
    expect(clockNote(new Date('2025-07-01T12:00:00Z'))).toBe('czas letni, UTC+2');
    expect(clockNote(new Date('2025-12-01T12:00:00Z'))).toBe('czas zimowy, UTC+1');
  });

  it('marks each end of a span that falls in the repeated hour', () => {
    expect(formatSpan(summer, winter)).toBe('niedziela, 26 października 2025, 02:30 (czas letni, UTC+2) – 02:30 (czas zimowy, UTC+1)');
    expect(formatSpan(new Date('2025-10-26T01:30:00+02:00'), winter)).toBe('niedziela, 26 października 2025, 01:30 – 02:30 (czas zimowy, UTC+1)');
    expect(formatSpan(new Date('2025-10-25T23:30:00+02:00'), summer)).toBe('sobota, 25 października 2025, 23:30 – niedziela, 26 października 2025, 02:30 (czas letni, UTC+2)');
  });
});

describe('formatDayTime', () => {
  it('writes the day and the Warsaw time, saying which 02:30 in the repeated autumn hour', () => {
    expect(formatDayTime(new Date('2020-03-28T09:00:00Z'))).toBe('28 marca 2020, godz. 10:00');
    expect(formatDayTime(new Date('2026-10-25T00:30:00Z'))).toBe('25 października 2026, godz. 02:30 (czas letni, UTC+2)');
  });
});
