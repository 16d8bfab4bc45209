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
