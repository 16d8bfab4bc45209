/**
 * Polish plural of a count: 1 znak, 2–4 znaki (but 12–14 znaków), 5 znaków.
 * Returns the number and the word, e.g. "3 miejsca".
 */
export function plural(count: number, one: string, few: string, many: string): string {
  const n = Math.abs(count);
  const word = n === 1 ? one : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;
  return `${count} ${word}`;
}
