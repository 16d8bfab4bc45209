import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, warsawMidnight } from './calendar-days.ts';

describe('calendar days', () => {
  it('moves across months, years and a leap day, and counts back', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-02', '2026-03-04')).toBe(30);
    expect(daysBetween('2026-03-04', '2026-02-02')).toBe(-30);
    // 29 March 2026 has 23 hours in Warsaw; whole days are still whole.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('refuses a text that is no day', () => {
    expect(() => addDays('2026-13-45', 1)).toThrow(RangeError);
    expect(() => warsawMidnight('wczoraj')).toThrow(RangeError);
  });

  it("gives Warsaw's midnight in winter and in summer time, and on the days the clocks change", () => {
    expect(warsawMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(warsawMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(warsawMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(warsawMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(warsawMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(warsawMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});
