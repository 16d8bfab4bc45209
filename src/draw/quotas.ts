/**
 * The quotas a stratified lottery announces (issue 14): the capacity and up
 * to two categories (e.g. district and age band), each naming some of its
 * values with a minimum and a maximum number of seats. A value not named has
 * minimum 0 and maximum `capacity`. The file format of `npm run draw --
 * stratified --quotas` and of the announcement:
 *
 *   {"capacity": 60, "categories": [{"name": "district", "values": {"I": {"min": 2, "max": 5}, …}}, …]}
 *
 * A category may also group the form's answers (issue 14: "the 18 dzielnice
 * … or groups of them"): `"groups": {"Nowa Huta": ["XIV", "XV", …]}`. A
 * code whose answer is in a group then carries the group's name as its
 * value, and the quotas name the group; an answer in no group stays its own
 * value. The groups are announced, so anyone can see which districts count
 * together; the pool publishes only the group's name.
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
  emptyGroup: 'Grupa wartości musi obejmować co najmniej jedną wartość.',
  memberTwice: (category: string, member: string) => `W kategorii „${category}” wartość „${member}” należy do więcej niż jednej grupy.`,
  unknownMember: (category: string, group: string, member: string) => `Grupa „${group}” w kategorii „${category}” obejmuje „${member}”, a formularz nie ma takiej wartości.`,
  groupNameTaken: (category: string, group: string) => `Grupa „${group}” w kategorii „${category}” nazywa się tak jak jedna z wartości formularza albo wartość w którejś grupie: nadaj jej inną nazwę.`,
  memberRepeated: (category: string, group: string, member: string) => `Grupa „${group}” w kategorii „${category}” wymienia wartość „${member}” więcej niż raz.`,
  valueInGroup: (category: string, value: string, group: string) => `W kategorii „${category}” wartość „${value}” należy do grupy „${group}”: kwotę ustaw dla grupy, nie dla wartości.`,
  notJson: 'Plik kwot nie jest poprawnym JSON-em.',
  missingBound: 'Każda wymieniona wartość potrzebuje obu liczb: "min" i "max" (wartość bez ograniczeń po prostu pomiń).',
  unknownField: (fields: string) => `Plik kwot zawiera nieznane pole: ${fields}. Dozwolone są tylko "capacity" i "categories", w kategorii "name", "values" i "groups", a przy wartości "min" i "max".`,
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
  /** Group name → the form's answers it stands for; absent when the category has no groups. */
  groups: z.record(z.string(), z.array(z.string()).min(1, { error: quotaMessages.emptyGroup })).optional(),
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

/** A category's group names in the same order; empty without groups. */
export const groupNames = (category: Pick<QuotaCategory, 'groups'>): string[] => Object.keys(category.groups ?? {}).sort(compareValues);

/**
 * The value a code carries for a form answer: the name of the group holding
 * the answer, or the answer itself when no group holds it (or the category
 * has no groups).
 */
export function valueOfAnswer(category: Pick<QuotaCategory, 'groups'>, answer: string): string {
  for (const name of groupNames(category)) if (category.groups![name]!.includes(answer)) return name;
  return answer;
}

/** The problems of a category's groups alone; `domain` the form's answers, when known. */
function groupProblems(category: QuotaCategory, domain: readonly string[] | undefined): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const members = new Set(groupNames(category).flatMap((g) => category.groups![g]!));
  for (const group of groupNames(category)) {
    // A group named like a value, its own or another group's member, could not be told apart from it in the pool.
    if (domain?.includes(group) || members.has(group)) problems.push(quotaMessages.groupNameTaken(category.name, group));
    for (const member of category.groups![group]!) {
      if (owner.get(member) === group) problems.push(quotaMessages.memberRepeated(category.name, group, member));
      else if (owner.has(member)) problems.push(quotaMessages.memberTwice(category.name, member));
      owner.set(member, group);
      if (domain && !domain.includes(member)) problems.push(quotaMessages.unknownMember(category.name, group, member));
    }
  }
  for (const value of namedValues(category)) {
    const group = owner.get(value);
    if (group !== undefined && !Object.hasOwn(category.groups!, value)) problems.push(quotaMessages.valueInGroup(category.name, value, group));
  }
  return problems;
}

/** The values a code can carry in a category: its groups, and the form's answers no group holds. */
const valuesCarried = (category: QuotaCategory, domain: readonly string[]): string[] => {
  const grouped = new Set(groupNames(category).flatMap((g) => category.groups![g]!));
  return [...groupNames(category), ...domain.filter((value) => !grouped.has(value))];
};

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
    if ([...named, ...groupNames(category)].some((value) => value === '' || value.trim() !== value || /[\t\r\n]/.test(value))) problems.push(quotaMessages.valueName);
    const domain = allowed[category.name] && valuesCarried(category, allowed[category.name]!);
    problems.push(...groupProblems(category, allowed[category.name]));
    for (const value of named) {
      const { min, max } = category.values[value]!;
      if (min > max) problems.push(quotaMessages.minAboveMax(category.name, value, min, max));
    }
    const minima = named.reduce((sum, value) => sum + category.values[value]!.min, 0);
    if (minima > quotas.capacity) problems.push(quotaMessages.minimaOverCapacity(category.name, minima, quotas.capacity));
    if (domain === undefined) continue;
    for (const value of named) {
      // A value some group holds has had its sentence (valueInGroup).
      if (domain.includes(value) || valueOfAnswer(category, value) !== value) continue;
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
  const hasProto = (record: unknown) => typeof record === 'object' && record !== null && Object.hasOwn(record, '__proto__');
  if (Array.isArray(categories) && categories.some((c) => hasProto(c?.values) || hasProto(c?.groups))) {
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
