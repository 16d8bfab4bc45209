/**
 * Wall-clock arithmetic in a named IANA zone, read from the runtime's own tz
 * database through Intl. Nothing here looks at the build machine's zone (a CI
 * runner in UTC must produce the same feeds as a laptop in Kraków), and no tz
 * package is needed.
 */

/** The fields of a local date and time, month 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function parts(instant: Date, zone: string): Map<string, string> {
  return new Map(formatterFor(zone).formatToParts(instant).map((p) => [p.type, p.value]));
}

/** The local date and time of an instant in a zone. */
export function wallClock(instant: Date, zone: string): WallClock {
  const p = parts(instant, zone);
  const field = (name: string) => Number(p.get(name));
  return { year: field('year'), month: field('month'), day: field('day'), hour: field('hour'), minute: field('minute'), second: field('second') };
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutes(instant: Date, zone: string): number {
  const name = parts(instant, zone).get('timeZoneName') ?? 'GMT';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`Nieoczekiwany zapis przesunięcia strefy ${zone}: ${name}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * Noon of a `YYYY-MM-DD` day in a zone, as an instant. Noon because no zone
 * changes its clocks then, so the answer is never ambiguous.
 */
export function zonedNoon(day: string, zone: string): Date {
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(noonUtc)) throw new Error(`Niepoprawna data: ${day}`);
  // The offset at UTC noon is a first guess; far-off zones can sit across a
  // change from it, so take the offset again at the guessed instant.
  const guess = noonUtc - offsetMinutes(new Date(noonUtc), zone) * 60_000;
  return new Date(noonUtc - offsetMinutes(new Date(guess), zone) * 60_000);
}

const HOUR = 3_600_000;

/**
 * Whether the local time of `instant` in `zone` happens twice, i.e. falls in
 * the hour a zone repeats when it sets its clocks back (Europe/Warsaw: 02:00–
 * 02:59 on the last Sunday of October, once at +02:00 and again at +01:00).
 * Such a local time alone does not say which instant is meant (RFC 5545
 * §3.3.5 leaves the choice to the reader), so whoever prints or writes it
 * must add the offset.
 *
 * Method: the twin of `instant` would be the instant with the same wall clock
 * under the other offset in force nearby (six hours either side covers every
 * real change); it exists when the zone really has that other offset there.
 */
export function isRepeatedLocalTime(instant: Date, zone: string): boolean {
  const own = offsetMinutes(instant, zone);
  for (const probe of [instant.getTime() - 6 * HOUR, instant.getTime() + 6 * HOUR]) {
    const other = offsetMinutes(new Date(probe), zone);
    if (other === own) continue;
    const twin = new Date(instant.getTime() + (own - other) * 60_000);
    if (offsetMinutes(twin, zone) === other) return true;
  }
  return false;
}

/**
 * Whether `instant` is in daylight-saving ("summer") time in `zone`: its
 * offset is above the lowest offset the zone uses that year (sampled at
 * 1 January and 1 July, which straddle every seasonal change).
 */
export function isDaylightTime(instant: Date, zone: string): boolean {
  const year = new Date(instant).getUTCFullYear();
  const standard = Math.min(offsetMinutes(new Date(Date.UTC(year, 0, 1)), zone), offsetMinutes(new Date(Date.UTC(year, 6, 1)), zone));
  return offsetMinutes(instant, zone) > standard;
}
