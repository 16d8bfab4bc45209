/**
 * Whole calendar days written `YYYY-MM-DD` (Warsaw days, as content stores
 * them): moving by a number of days, counting the days between two, and the
 * instant a Warsaw day begins. Pure: no clock.
 */
import { TIME_ZONE } from './dates.ts';
import { offsetMinutes } from './time-zone.ts';

const dayMs = 86_400_000;

/** `day` (YYYY-MM-DD) moved by `days` calendar days (negative moves back). Throws a RangeError for a text that is no day. */
export function addDays(day: string, days: number): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time)) throw new RangeError(`Niepoprawna data: ${day}`);
  return new Date(time + days * dayMs).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD): 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** The instant Warsaw day `day` begins, its 00:00 (Poland changes clocks at 2:00 and 3:00, never at midnight). */
export function warsawMidnight(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`Niepoprawna data: ${day}`);
  // An hour before UTC midnight is 23:00–01:00 in Warsaw around that midnight: the offset in force then.
  return new Date(utcMidnight - offsetMinutes(new Date(utcMidnight - 3_600_000), TIME_ZONE) * 60_000);
}
