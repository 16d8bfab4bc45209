/**
 * The quotas a stratified lottery announces (issue 14): the capacity and up
 * to two categories (e.g. district and age band), each naming some of its
 * values with a minimum and a maximum number of seats. A value not named has
 * minimum 0 and maximum `capacity`. The file format of `npm run draw --
 * stratified --quotas` and of the announcement:
 *
 *   {"capacity": 60, "categories": [{"name": "district", "values": {"I": {"min": 2, "max": 5}, …}}, …]}
 *
 * `readQuotas` refuses, with a Polish sentence (`quotaMessages`, which the
 * CMS and the build reuse), quotas that cannot fit the capacity whatever the
 * pool: a minimum above its maximum, minima of one category summing over the
 * capacity, and — only when the category's allowed values are known and all
 * of them are named, since an unnamed value may take up to `capacity` seats —
 * maxima summing under it; and a named value that is not among the allowed
 * values (a minimum there has no way to apply). What depends on the pool is
 * the draw's relaxation (stratified.ts), not an error. The CMS and the build
 * check the same sums on the CMS's list shape in src/schemas/quotas.ts (two
 * copies by necessity: see there).
 */
import { z } from 'astro/zod';
import { DrawInputError } from './errors.ts';

/** The most categories a lottery may stratify by (issue 14). */
export const maxCategories = 2;

/** Every sentence the checks show, for the CMS and the build to reuse. */
export const quotaMessages = {
  capacity: 'Liczba miejsc musi być dodatnią liczbą całkowitą.',
  seats: 'Minimum i maksimum to liczby całkowite nie mniejsze niż 0.',
  tooManyCategories: `Kwoty mogą dotyczyć najwyżej ${maxCategories} kategorii (np. dzielnicy i grupy wiekowej).`,
  categoryName: 'Każda kategoria kwot musi mieć nazwę.',
  valueName: 'Wartość kategorii nie może być pusta, zaczynać się ani kończyć spacją, ani zawierać tabulatora.',
  duplicateCategory: (name: string) => `Kategoria „${name}” występuje w kwotach więcej niż raz.`,
  minAboveMax: (category: string, value: string, min: number, max: number) =>
    `W kategorii „${category}” wartość „${value}” ma minimum ${min} większe niż maksimum ${max}.`,
  minimaOverCapacity: (category: string, sum: number, capacity: number) =>
    `Minima kategorii „${category}” sumują się do ${sum}, a miejsc jest tylko ${capacity}: obniż minima albo zwiększ liczbę miejsc.`,
  maximaUnderCapacity: (category: string, sum: number, capacity: number) =>
    `Maksima kategorii „${category}” obejmują wszystkie jej wartości i sumują się do ${sum}, a miejsc jest ${capacity}: tylu miejsc nie da się zapełnić. Podnieś maksima albo zmniejsz liczbę miejsc.`,
  noWayToApply: (category: string, value: string) =>
    `W kategorii „${category}” wartość „${value}” ma minimum, ale nikt nie może jej wybrać w formularzu zgłoszenia: nie da się jej spełnić.`,
  unknownValue: (category: string, value: string) => `W kategorii „${category}” nie ma wartości „${value}”, której dotyczą kwoty.`,
  notJson: 'Plik kwot nie jest poprawnym JSON-em.',
  missingBound: 'Każda wymieniona wartość potrzebuje obu liczb: "min" i "max" (wartość bez ograniczeń po prostu pomiń).',
  unknownField: (fields: string) => `Plik kwot zawiera nieznane pole: ${fields}. Dozwolone są tylko "capacity" i "categories", w kategorii "name" i "values", a przy wartości "min" i "max".`,
  reservedValue: 'Wartość kategorii nie może nazywać się „__proto__”: ta nazwa jest zastrzeżona w JSON-ie. Nazwij ją inaczej.',
  shape: (path: string) => `Plik kwot ma nieprawidłową postać${path ? ` (w polu ${path})` : ''}: oczekiwano {"capacity": 60, "categories": [{"name": "…", "values": {"…": {"min": 0, "max": 5}}}]}.`,
} as const;

// A bound left out is named as missing, not as a number of the wrong kind.
const seats = z
  .number({ error: (issue) => (issue.input === undefined ? quotaMessages.missingBound : quotaMessages.seats) })
  .int({ error: quotaMessages.seats })
  .min(0, { error: quotaMessages.seats });

/** One value's seats: at least `min`, at most `max`. */
export const boundSchema = z.strictObject({ min: seats, max: seats });

export const quotaCategorySchema = z.strictObject({
  name: z.string().trim().min(1, { error: quotaMessages.categoryName }),
  values: z.record(z.string(), boundSchema),
});

export const quotasSchema = z.strictObject({
  capacity: z.number({ error: quotaMessages.capacity }).int({ error: quotaMessages.capacity }).min(1, { error: quotaMessages.capacity }),
  categories: z.array(quotaCategorySchema).max(maxCategories, { error: quotaMessages.tooManyCategories }),
});

export type Quotas = z.infer<typeof quotasSchema>;
export type QuotaCategory = z.infer<typeof quotaCategorySchema>;

/** Values in the order every rule walks them: by Unicode code point, like pool codes (pool.ts), whatever order a file names them in. */
export const compareValues = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A category's named values in that order. */
export const namedValues = (category: QuotaCategory): string[] => Object.keys(category.values).sort(compareValues);

/**
 * Everything wrong with quotas that are well-formed, as Polish sentences;
 * empty when they can fit the capacity. `allowed` gives, by category name,
 * the values the enrolment form offers (e.g. the 18 districts); a category
 * without it is checked only for what needs no such list.
 */
export function quotaProblems(quotas: Quotas, allowed: Readonly<Record<string, readonly string[]>> = {}): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const category of quotas.categories) {
    if (seen.has(category.name)) problems.push(quotaMessages.duplicateCategory(category.name));
    seen.add(category.name);
    const named = namedValues(category);
    // A value is matched to the pool file's tab-separated fields and the form's options as it is written.
    if (named.some((value) => value === '' || value.trim() !== value || /[\t\r\n]/.test(value))) problems.push(quotaMessages.valueName);
    for (const value of named) {
      const { min, max } = category.values[value]!;
      if (min > max) problems.push(quotaMessages.minAboveMax(category.name, value, min, max));
    }
    const minima = named.reduce((sum, value) => sum + category.values[value]!.min, 0);
    if (minima > quotas.capacity) problems.push(quotaMessages.minimaOverCapacity(category.name, minima, quotas.capacity));
    const domain = allowed[category.name];
    if (domain === undefined) continue;
    for (const value of named) {
      if (domain.includes(value)) continue;
      problems.push(category.values[value]!.min > 0 ? quotaMessages.noWayToApply(category.name, value) : quotaMessages.unknownValue(category.name, value));
    }
    if (domain.every((value) => Object.hasOwn(category.values, value))) {
      const maxima = domain.reduce((sum, value) => sum + category.values[value]!.max, 0);
      if (maxima < quotas.capacity) problems.push(quotaMessages.maximaUnderCapacity(category.name, maxima, quotas.capacity));
    }
  }
  return problems;
}

/** The first problem of a zod failure, as the Polish sentence to show. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return quotaMessages.unknownField(issue.keys.map((k) => `"${[...issue.path, k].join('.')}"`).join(', '));
  const own = Object.values(quotaMessages).includes(issue.message as never);
  return own ? issue.message : quotaMessages.shape(issue.path.join('.'));
}

/**
 * Quotas from a value (parsed JSON), checked: the schema, then
 * `quotaProblems`. Throws DrawInputError with the first Polish sentence.
 */
export function checkQuotas(input: unknown, allowed?: Readonly<Record<string, readonly string[]>>): Quotas {
  // A value named "__proto__" would vanish in a record (JSON.parse keeps it as an own key, an object literal cannot): refused by name.
  const categories = (input as { categories?: unknown } | null)?.categories;
  if (Array.isArray(categories) && categories.some((c) => typeof c?.values === 'object' && c.values !== null && Object.hasOwn(c.values, '__proto__'))) {
    throw new DrawInputError(quotaMessages.reservedValue);
  }
  const parsed = quotasSchema.safeParse(input);
  if (!parsed.success) throw new DrawInputError(firstIssue(parsed.error));
  const problems = quotaProblems(parsed.data, allowed);
  if (problems.length > 0) throw new DrawInputError(problems[0]!);
  return parsed.data;
}

/** Quotas from the text of a quotas file (JSON); throws DrawInputError in Polish. */
export function readQuotas(text: string, allowed?: Readonly<Record<string, readonly string[]>>): Quotas {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DrawInputError(quotaMessages.notJson);
  }
  return checkQuotas(value, allowed);
}
