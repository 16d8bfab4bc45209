/**
 * Polish date formatting. Every instant is shown in Europe/Warsaw whatever the
 * build machine's zone, so a CI runner in UTC renders the same page as a
 * laptop in Kraków.
 */
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
export function formatWeekday(value: Date | string): string {
  return weekdayFormat.format(asDate(value));
}

/** "10:00" in Warsaw time. */
export function formatTime(value: Date): string {
  return timeFormat.format(value);
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
 * crosses midnight in Warsaw.
 */
export function formatSpan(start: Date, end: Date): string {
  const head = `${formatWeekday(start)}, ${formatDay(start)}, ${formatTime(start)}`;
  if (warsawDay(start) === warsawDay(end)) return `${head}–${formatTime(end)}`;
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
