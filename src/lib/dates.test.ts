import { describe, expect, it } from 'vitest';
import { formatDay, formatPeriod, formatSpan, formatTime, machineInstant, warsawDay } from './dates.ts';

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
