/**
 * Seat quotas of a lottery (issue 14), as editors announce them in the CMS:
 * up to two categories — fields the form asks whose answers are a closed
 * list (src/data/programmes.ts `quotaCategories`) — each value with the
 * fewest and the most places it gets. A value not named has minimum 0 and
 * maximum the capacity. The draw applies them with the procedure in
 * docs/stratified-draw.md; the rules here (enrolment.ts) refuse quotas that
 * no panel could meet, whatever the applicants.
 *
 * Why the per-category sums decide it: with no limit on a single cell
 * (district × age band), any seat counts per district and per age band that
 * add up to the same capacity can be arranged in a table with those row and
 * column sums (take the cells greedily, north-west corner rule), so quotas
 * can be met by some panel exactly when, in each category, the minima add up
 * to at most the capacity and the maxima (the capacity for values not named)
 * to at least it.
 *
 * The same sums are checked for a quotas file by src/draw/quotas.ts
 * (`quotaProblems`), on the file's shape and with sentences naming the
 * numbers. They are two by necessity: schemas may not import src/draw/
 * (tests/unit/folder-layers.test.ts), and the draw's modules import nothing
 * outside it, so that the browser verifier carries only them. The CMS
 * counter-examples (tests/integration/cms-rules.test.ts) and
 * src/draw/quotas.test.ts break both with the same kinds of quotas.
 */
import { z } from 'astro/zod';
import { districts } from '../data/districts.ts';
import { quotaCategories, quotaCategoryValues, quotaValues, type QuotaCategory } from '../data/programmes.ts';
import { labelled } from './common.ts';

const seats = z.number().int({ message: 'Liczba miejsc musi być liczbą całkowitą.' }).min(0, { message: 'Liczba miejsc nie może być ujemna.' });

/** One value of a category and the places it gets. */
export const quotaValue = z.object({
  /** A district ("I" … "XVIII") or an age band ("18-29"), as the form stores it. */
  value: labelled(z.enum(quotaValues.values), 'Wartość', 'Dzielnica albo przedział wieku — z tej samej kategorii co wyżej.'),
  /**
   * Fewest places; 0 when left empty. No zod default: Decap fills a new entry's
   * lists with one item when a field inside has a default, and an empty quota
   * item would then block saving any programme.
   */
  min: labelled(seats.optional(), 'Najmniej miejsc', 'Puste: 0.'),
  /** Most places; the capacity when left empty. */
  max: labelled(seats.optional(), 'Najwięcej miejsc', 'Puste: bez górnego limitu.'),
});

/**
 * Districts that count together, with the places they get as one (issue 14:
 * "the 18 dzielnice … or groups of them"). A code whose district is in the
 * group carries the group's name in the frozen pool.
 */
export const districtGroup = z.object({
  /** Shown on the results page and published in the pool; e.g. "Nowa Huta i okolice". */
  name: labelled(z.string(), 'Nazwa grupy', 'Np. „Nowa Huta (XIV–XVIII)”. Inna niż numer dzielnicy; widoczna w wynikach losowania.'),
  districts: labelled(z.array(z.enum(districts.values)), 'Dzielnice w grupie'),
  min: labelled(seats.optional(), 'Najmniej miejsc', 'Puste: 0.'),
  max: labelled(seats.optional(), 'Najwięcej miejsc', 'Puste: bez górnego limitu.'),
});

/** One category (a form field) and its values' quotas; a district category may instead (or also) name groups of districts. */
export const quotaCategory = z.object({
  field: labelled(z.enum(quotaCategories.values), 'Kategoria'),
  values: labelled(z.array(quotaValue).optional(), 'Wartości i ich miejsca', 'Dzielnica albo przedział wieku, dla którego ustalasz miejsca.'),
  groups: labelled(
    z.array(districtGroup).optional(),
    'Grupy dzielnic',
    'Tylko w kategorii „Dzielnica”: dzielnice liczone razem. Dzielnica z grupy nie może mieć osobnej kwoty; dzielnica spoza grup liczy się sama.',
  ),
});

export type QuotaCategoryEntry = z.output<typeof quotaCategory>;

/** A quota as the rules count it: a value of the form, or a group of districts standing for its members. */
interface CountedQuota {
  key: string;
  members: readonly string[];
  min?: number | undefined;
  max?: number | undefined;
}

/** A category's values and groups alike. */
const counted = (c: QuotaCategoryEntry): CountedQuota[] => [
  ...(c.values ?? []).map((v) => ({ key: v.value, members: [v.value], min: v.min, max: v.max })),
  ...(c.groups ?? []).map((g) => ({ key: g.name, members: g.districts, min: g.min, max: g.max })),
];

/** The quotas of a programme: at most two categories. */
export const quotas = labelled(
  z.array(quotaCategory).max(2, { message: 'Kwoty mogą dotyczyć najwyżej dwóch kategorii.' }).default([]),
  'Kwoty miejsc (losowanie warstwowe)',
  'Tylko przy losowaniu. Najwyżej dwie kategorie (np. dzielnica i przedział wieku); dla każdej wartości najmniej i najwięcej miejsc. Ogłaszane z naborem: po jego otwarciu nie można ich zmienić.',
);

/** A value's fewest places: its min, or 0 when left empty. */
export const minOf = (v: { min?: number | undefined }): number => v.min ?? 0;

/** The capacity a value may take: its max, or the whole capacity when it has none. */
const maxOf = (v: { max?: number | undefined }, capacity: number) => v.max ?? capacity;

/** True when every category names at least one value or group. */
export const categoriesNameSomething = (categories: readonly QuotaCategoryEntry[]): boolean => categories.every((c) => counted(c).length > 0);

/**
 * True when every named value belongs to its category and no value is
 * counted twice — named twice, in two groups, twice in one group, or named
 * while in a group. Groups outside the district category are left to
 * `groupsOnlyForDistricts`.
 */
export function valuesMatchCategories(categories: readonly QuotaCategoryEntry[]): boolean {
  return categories.every((c) => {
    const allowed = new Set<string>(quotaCategoryValues[c.field]);
    const members = counted(c.field === 'district' ? c : { ...c, groups: [] }).flatMap((q) => q.members);
    return members.every((v) => allowed.has(v)) && new Set(members).size === members.length;
  });
}

/** True when only the district category has groups. */
export const groupsOnlyForDistricts = (categories: readonly QuotaCategoryEntry[]): boolean => categories.every((c) => c.field === 'district' || !c.groups?.length);

/** Every value code and label residents see (districts, age bands), lower-cased: names a group may not take. */
const takenNames = new Set(quotaValues.options.flatMap((o) => [o.value, o.label]).map((n) => n.toLocaleLowerCase('pl')));

/**
 * True when every group has a name that can be told apart: not empty, no
 * spaces around it, no tab or line break, and — ignoring letter case — unlike
 * every district's and age band's code and label (a group called "Dzielnica
 * I Stare Miasto" would read as district I in the results) and unlike the
 * other groups' names.
 */
export function groupsNamed(categories: readonly QuotaCategoryEntry[]): boolean {
  return categories.every((c) => {
    const names = (c.groups ?? []).map((g) => g.name);
    const folded = names.map((n) => n.toLocaleLowerCase('pl'));
    const fine = (n: string) => n !== '' && n.trim() === n && !/[\t\r\n]/.test(n) && n !== '__proto__' && !takenNames.has(n.toLocaleLowerCase('pl'));
    return names.every(fine) && new Set(folded).size === folded.length;
  });
}

/** True when every group holds at least one district. */
export const groupsHaveDistricts = (categories: readonly QuotaCategoryEntry[]): boolean => categories.every((c) => (c.groups ?? []).every((g) => g.districts.length > 0));

/** True when no value's or group's minimum is above its maximum. */
export const minimaNotOverMaxima = (categories: readonly QuotaCategoryEntry[]): boolean =>
  categories.every((c) => counted(c).every((v) => v.max === undefined || minOf(v) <= v.max));

/** True when, in each category, the minima of its values and groups add up to at most the capacity. */
export const minimaFit = (categories: readonly QuotaCategoryEntry[], capacity: number): boolean =>
  categories.every((c) => counted(c).reduce((sum, v) => sum + minOf(v), 0) <= capacity);

/**
 * True when, in each category, the maxima can fill the capacity: a value not
 * named may take any number of places, so only a category naming every value
 * its field offers (itself or in a group) can fall short.
 */
export function maximaReach(categories: readonly QuotaCategoryEntry[], capacity: number): boolean {
  return categories.every((c) => {
    const named = new Set<string>(counted(c).flatMap((q) => q.members));
    if (!quotaCategoryValues[c.field].every((value) => named.has(value))) return true;
    return counted(c).reduce((sum, v) => sum + maxOf(v, capacity), 0) >= capacity;
  });
}

/** True when no two categories are the same field. */
export const distinctCategories = (categories: readonly QuotaCategoryEntry[]): boolean => new Set(categories.map((c) => c.field)).size === categories.length;

/** The categories whose field the form does not ask (its answers are what the quotas count). */
export const unaskedCategories = (categories: readonly QuotaCategoryEntry[], fields: readonly string[]): QuotaCategory[] =>
  categories.map((c) => c.field).filter((field) => !fields.includes(field));
