import { describe, expect, it } from 'vitest';
import { offsetMinutes, wallClock, zonedNoon } from './time-zone.ts';

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
