/**
 * Polish date formatting. Every instant is shown in Europe/Warsaw whatever the
 * build machine's zone, so a CI runner in UTC renders the same page as a
 * laptop in Kraków.
 */
import { isDaylightTime, isRepeatedLocalTime, offsetMinutes } from './time-zone.ts';

export const TIME_ZONE = 'Europe/Warsaw';

const dayFormat = new Intl.DateTimeFormat('pl-PL', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const weekdayFormat = new Intl.DateTimeFormat('pl-PL', { timeZone: TIME_ZONE, weekday: 'long' });
const timeFormat = new Intl.DateTimeFormat('pl-PL', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const monthFormat = new Intl.DateTimeFormat('pl-PL', { timeZone: TIME_ZONE, month: 'long', year: 'numeric' });
const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** A `YYYY-MM-DD` calendar day as a Date at Warsaw noon, so formatting cannot slip a day. */
function fromCalendarDay(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

function asDate(value: Date | string): Date {
  return typeof value === 'string' ? fromCalendarDay(value) : value;
}

/** "28 marca 2020" */
export function formatDay(value: Date | string): string {
  return dayFormat.format(asDate(value));
}

/** "sobota" */
function formatWeekday(value: Date | string): string {
  return weekdayFormat.format(asDate(value));
}

/**
 * Which of Warsaw's two clocks an instant is on: "czas letni, UTC+2" or
 * "czas zimowy, UTC+1" (minutes shown only when the offset has them).
 */
export function clockNote(value: Date): string {
  const offset = offsetMinutes(value, TIME_ZONE);
  const abs = Math.abs(offset);
  const minutes = abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : '';
  return `${isDaylightTime(value, TIME_ZONE) ? 'czas letni' : 'czas zimowy'}, UTC${offset < 0 ? '−' : '+'}${Math.floor(abs / 60)}${minutes}`;
}

/**
 * "10:00" in Warsaw time. A time in the hour repeated when the clocks go back
 * (02:00–02:59 on the last Sunday of October) happens twice, so it says
 * which one: "02:30 (czas letni, UTC+2)" or "02:30 (czas zimowy, UTC+1)".
 */
export function formatTime(value: Date): string {
  const time = timeFormat.format(value);
  return isRepeatedLocalTime(value, TIME_ZONE) ? `${time} (${clockNote(value)})` : time;
}

/** "28 marca 2020, godz. 10:00" in Warsaw time (the repeated autumn hour says which, as formatTime does). */
export function formatDayTime(value: Date): string {
  return `${formatDay(value)}, godz. ${formatTime(value)}`;
}

/** "marzec 2020" (nominative month, for headings of a month). */
export function formatMonth(value: Date | string): string {
  return monthFormat.format(asDate(value));
}

/** The Warsaw calendar day of an instant, as `YYYY-MM-DD`. */
export function warsawDay(value: Date): string {
  return isoDayFormat.format(value);
}

/**
 * "sobota, 28 marca 2020, 10:00–14:00", or with both days when the span
 * crosses midnight in Warsaw. A time in the repeated autumn hour carries its
 * clock (see `formatTime`), and the dash then gets spaces around it.
 */
export function formatSpan(start: Date, end: Date): string {
  const head = `${formatWeekday(start)}, ${formatDay(start)}, ${formatTime(start)}`;
  const noted = isRepeatedLocalTime(start, TIME_ZONE) || isRepeatedLocalTime(end, TIME_ZONE);
  if (warsawDay(start) === warsawDay(end)) return `${head}${noted ? ' – ' : '–'}${formatTime(end)}`;
  return `${head} – ${formatWeekday(end)}, ${formatDay(end)}, ${formatTime(end)}`;
}

/** The value for a `<time datetime>` attribute: the instant with its Warsaw offset. */
export function machineInstant(value: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(value).map((p) => [p.type, p.value]),
  );
  const offset = parts['timeZoneName'] === 'GMT' ? '+00:00' : String(parts['timeZoneName']).replace('GMT', '');
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}${offset}`;
}

/** A period of days in words: "od 1 stycznia do 31 grudnia 2014", or the source's own label. */
export function formatPeriod(period: { start: string; end?: string | undefined; label?: string | undefined }): string {
  if (period.label) return period.label;
  if (!period.end || period.end === period.start) return formatDay(period.start);
  return `${formatDay(period.start)} – ${formatDay(period.end)}`;
}
