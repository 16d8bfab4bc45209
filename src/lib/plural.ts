/** Which Polish plural form a count takes: 1 znak, 2–4 znaki (but 12–14 znaków), 5 znaków. */
export function pluralForm(count: number): 'one' | 'few' | 'many' {
  const n = Math.abs(count);
  if (n === 1) return 'one';
  return n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'few' : 'many';
}

/** Just the word in the form a count takes, e.g. "pozycjach" (where the number stands apart in the sentence). */
export function pluralWord(count: number, one: string, few: string, many: string): string {
  return { one, few, many }[pluralForm(count)];
}

/** The number and the word in its plural form, e.g. "3 miejsca". */
export function plural(count: number, one: string, few: string, many: string): string {
  return `${count} ${{ one, few, many }[pluralForm(count)]}`;
}

/** "4 potwierdzone zgłoszenia", "5 potwierdzonych zgłoszeń": the adjective follows the noun's form. */
export const confirmedApplications = (count: number) =>
  `${count} ${{ one: 'potwierdzone zgłoszenie', few: 'potwierdzone zgłoszenia', many: 'potwierdzonych zgłoszeń' }[pluralForm(count)]}`;

/** "na 1 miejsce", "na 3 miejsca", "na 60 miejsc" (the accusative after "na" has the nominative's forms). */
export const places = (count: number) => plural(count, 'miejsce', 'miejsca', 'miejsc');

/** "w ciągu 1 godziny", "w ciągu 24 godzin", "w ciągu 48 godzin" (the genitive after "w ciągu"). */
export const withinHours = (hours: number) => `w ciągu ${plural(hours, 'godziny', 'godzin', 'godzin')}`;

/** "przez 1 godzinę", "przez 24 godziny", "przez 48 godzin" (the accusative after "przez"). */
export const forHours = (hours: number) => `przez ${plural(hours, 'godzinę', 'godziny', 'godzin')}`;

/**
 * What a programme's schedule says when some of its events are cancelled:
 * "to wydarzenie", "wszystkie wydarzenia (3)", "2 z 5 wydarzeń", "1 z 22
 * wydarzeń" (after "z" the genitive: one event "z 1 wydarzenia", every
 * other count "wydarzeń"), read after "Odwołano ". `cancelled` ≥ 1.
 */
export function cancelledEvents(cancelled: number, total: number): string {
  if (cancelled === total) return cancelled === 1 ? 'to wydarzenie' : `wszystkie wydarzenia (${cancelled})`;
  return `${cancelled} z ${plural(total, 'wydarzenia', 'wydarzeń', 'wydarzeń')}`;
}

/** "popraw 1 błąd", "2 błędy", "5 błędów" — the accusative of the count of mistakes in a form. */
export const mistakes = (count: number) => plural(count, 'błąd', 'błędy', 'błędów');
