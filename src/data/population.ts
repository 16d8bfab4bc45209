/**
 * Kraków's adult population by age band, for stratified lotteries whose
 * age-band seats are proportional to the city (issue 14), and the
 * apportionment of seats to it.
 *
 * PLACEHOLDER FIGURES. Published counts by age for Kraków (GUS, Bank Danych
 * Lokalnych, "Ludność według płci i wieku", unit Kraków — miasto na prawach
 * powiatu; or the city's "Raport o stanie miasta") could not be retrieved
 * when this module was written. The weights below are round illustrative
 * numbers, NOT statistics: they only give the tests and the bench an uneven,
 * realistic-looking split. Replace them with the published counts (and the
 * year and table they come from) before any real lottery uses them. The one
 * published figure at hand is Kraków's total population on 31 December 2021,
 * 782,137 (GUS, as quoted by the city's "Kraków w liczbach",
 * strategia.krakow.pl); the bands are not derived from it.
 */
import { enumeration } from './enumeration.ts';

/** Age bands an enrolment form may ask (adults). */
export const ageBands = enumeration([
  { value: '18-34', label: '18–34 lata' },
  { value: '35-49', label: '35–49 lat' },
  { value: '50-64', label: '50–64 lata' },
  { value: '65+', label: '65 lat i więcej' },
]);
export type AgeBand = (typeof ageBands.values)[number];

/** Whether `adultsByAgeBand` holds published statistics (false: placeholders, see above). */
export const populationIsPublished = false;

/** Illustrative weights per age band (PLACEHOLDERS, not statistics; see the module comment). */
export const adultsByAgeBand: Readonly<Record<AgeBand, number>> = {
  '18-34': 30,
  '35-49': 25,
  '50-64': 20,
  '65+': 25,
};

/**
 * Seats proportional to `weights` summing exactly to `seats`, by the largest
 * remainder method (Hamilton): each gets the whole part of its quota, then
 * the seats left go one each to the largest remainders; ties go to the
 * earlier key. Weights are non-negative with a positive sum.
 */
export function apportion<K extends string>(weights: Readonly<Record<K, number>>, seats: number): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const total = keys.reduce((sum, key) => sum + weights[key], 0);
  const quotas = keys.map((key) => (weights[key] * seats) / total);
  const result = Object.fromEntries(keys.map((key, i) => [key, Math.floor(quotas[i]!)])) as Record<K, number>;
  let left = seats - keys.reduce((sum, key) => sum + result[key], 0);
  const byRemainder = keys.map((key, i) => ({ key, rest: quotas[i]! - Math.floor(quotas[i]!), i })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { key } of byRemainder) {
    if (left-- <= 0) break;
    result[key] += 1;
  }
  return result;
}
