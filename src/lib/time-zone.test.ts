import { describe, expect, it } from 'vitest';
import { isDaylightTime, isRepeatedLocalTime, offsetMinutes, wallClock, zonedNoon } from './time-zone.ts';

describe('wall clock in a named zone', () => {
  it('gives Warsaw local time on both sides of the 2020 spring change', () => {
    expect(wallClock(new Date('2020-03-28T09:00:00Z'), 'Europe/Warsaw')).toEqual({ year: 2020, month: 3, day: 28, hour: 10, minute: 0, second: 0 });
    expect(wallClock(new Date('2020-04-04T08:00:00Z'), 'Europe/Warsaw')).toEqual({ year: 2020, month: 4, day: 4, hour: 10, minute: 0, second: 0 });
  });

  it('uses hours 0–23 (midnight is 0, not 24)', () => {
    expect(wallClock(new Date('2020-01-01T23:00:00Z'), 'Europe/Warsaw')).toMatchObject({ day: 2, hour: 0 });
  });

  it('reads offsets east and west of UTC, with minutes', () => {
    expect(offsetMinutes(new Date('2020-01-15T12:00:00Z'), 'Europe/Warsaw')).toBe(60);
    expect(offsetMinutes(new Date('2020-07-15T12:00:00Z'), 'Europe/Warsaw')).toBe(120);
    expect(offsetMinutes(new Date('2020-07-15T12:00:00Z'), 'UTC')).toBe(0);
    expect(offsetMinutes(new Date('2020-01-15T12:00:00Z'), 'America/St_Johns')).toBe(-210);
  });

  it('puts noon of a day at 11:00 UTC in winter and 10:00 UTC in summer', () => {
    expect(zonedNoon('2020-03-28', 'Europe/Warsaw').toISOString()).toBe('2020-03-28T11:00:00.000Z');
    expect(zonedNoon('2020-03-29', 'Europe/Warsaw').toISOString()).toBe('2020-03-29T10:00:00.000Z');
    expect(zonedNoon('2020-01-05', 'Pacific/Kiritimati').toISOString()).toBe('2020-01-04T22:00:00.000Z');
    expect(() => zonedNoon('5 stycznia', 'Europe/Warsaw')).toThrow();
  });
});

describe('the hour repeated when the clocks go back', () => {
  // 26 October 2025: 03:00 CEST (01:00Z) became 02:00 CET, so 02:00–02:59 happened at 00:00–00:59Z and again at 01:00–01:59Z.
  const warsaw = (iso: string) => isRepeatedLocalTime(new Date(iso), 'Europe/Warsaw');

  it('finds both instants of 02:00, 02:30 and 02:59 on 26 October 2025', () => {
    for (const iso of ['2025-10-26T02:00:00+02:00', '2025-10-26T02:30:00+02:00', '2025-10-26T02:59:59+02:00', '2025-10-26T02:00:00+01:00', '2025-10-26T02:30:00+01:00', '2025-10-26T02:59:59+01:00']) {
      expect(warsaw(iso), iso).toBe(true);
    }
  });

  it('leaves the hours around it, the spring change and ordinary days alone', () => {
    for (const iso of ['2025-10-26T01:59:59+02:00', '2025-10-26T03:00:00+01:00', '2025-10-26T03:30:00+01:00', '2025-10-25T02:30:00+02:00', '2025-03-30T01:59:00+01:00', '2025-03-30T03:00:00+02:00', '2025-07-01T02:30:00+02:00']) {
      expect(warsaw(iso), iso).toBe(false);
    }
    expect(isRepeatedLocalTime(new Date('2025-10-26T00:30:00Z'), 'UTC')).toBe(false);
  });

  it('knows the repeated hour of other zones and years (New York, 2 November 2025, 01:00–01:59)', () => {
    expect(isRepeatedLocalTime(new Date('2025-11-02T01:30:00-04:00'), 'America/New_York')).toBe(true);
    expect(isRepeatedLocalTime(new Date('2025-11-02T01:30:00-05:00'), 'America/New_York')).toBe(true);
    expect(isRepeatedLocalTime(new Date('2025-11-02T02:30:00-05:00'), 'America/New_York')).toBe(false);
    expect(warsaw('2026-10-25T02:15:00+01:00')).toBe(true);
  });

  it('tells summer time from standard time, south of the equator too', () => {
    expect(isDaylightTime(new Date('2025-10-26T02:30:00+02:00'), 'Europe/Warsaw')).toBe(true);
    expect(isDaylightTime(new Date('2025-10-26T02:30:00+01:00'), 'Europe/Warsaw')).toBe(false);
    expect(isDaylightTime(new Date('2025-01-15T12:00:00Z'), 'Australia/Sydney')).toBe(true);
    expect(isDaylightTime(new Date('2025-07-15T12:00:00Z'), 'Australia/Sydney')).toBe(false);
    expect(isDaylightTime(new Date('2025-07-15T12:00:00Z'), 'UTC')).toBe(false);
  });
});
