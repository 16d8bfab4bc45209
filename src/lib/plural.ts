/** Which Polish plural form a count takes: 1 znak, 2–4 znaki (but 12–14 znaków), 5 znaków. */
export function pluralForm(count: number): 'one' | 'few' | 'many' {
  const n = Math.abs(count);
  if (n === 1) return 'one';
  return n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'few' : 'many';
}

/** The number and the word in its plural form, e.g. "3 miejsca". */
export function plural(count: number, one: string, few: string, many: string): string {
  return `${count} ${{ one, few, many }[pluralForm(count)]}`;
}
