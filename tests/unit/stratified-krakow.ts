/**
 * The Kraków-shaped stratified lottery of issue 14, shared by its test
 * (tests/unit/stratified-krakow.test.ts) and the bench (bench/draw.ts): 60
 * places, 300 applicants spread unevenly over the 18 districts and 4 age
 * bands, at least 2 seats per district and age-band seats proportional to
 * the city's adults (src/data/population.ts — placeholder weights until the
 * published figures are filled in). The same applicants on every run.
 */
import { districts } from '../../src/data/districts.ts';
import { adultsByAgeBand, ageBands, apportion } from '../../src/data/population.ts';
import { canonicalPool } from '../../src/draw/pool.ts';
import { checkQuotas, type Quotas } from '../../src/draw/quotas.ts';
import { sampleCodes } from '../support/draw-protocols.ts';
import { seededRandom } from '../support/seeded-random.ts';

export { seededRandom };

export const krakowCapacity = 60;
export const krakowApplicants = 300;

/** Applicants per district: 3 each, the rest by uneven weights 1–7 (Stare Miasto few, Nowa Huta many, and so on). */
const perDistrict = apportion(Object.fromEntries(districts.values.map((d, i) => [d, 1 + ((i * 5) % 7)])), krakowApplicants - 3 * districts.values.length);
/** Applicants per age band: younger people apply more (120, 90, 60, 30). */
const perBand = apportion({ '18-34': 40, '35-49': 30, '50-64': 20, '65+': 10 }, krakowApplicants);

/** The frozen pool (canonical order) and each code's [district, age band]. */
export function krakowPool(): { pool: string[]; values: Map<string, [string, string]> } {
  const random = seededRandom(2026);
  const pool = canonicalPool(sampleCodes(krakowApplicants, 14));
  const districtsOf = districts.values.flatMap((d) => Array<string>(perDistrict[d]! + 3).fill(d));
  const bands = ageBands.values.flatMap((b) => Array<string>(perBand[b]).fill(b));
  for (let i = bands.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [bands[i], bands[j]] = [bands[j]!, bands[i]!];
  }
  return { pool, values: new Map(pool.map((code, i) => [code, [districtsOf[i]!, bands[i]!]])) };
}

/** Age-band seats proportional to the city's adults, exactly (min = max). */
export const krakowAgeSeats = apportion(adultsByAgeBand, krakowCapacity);

/** The announced quotas, checked as the CMS would (every district and band named). */
export const krakowQuotas: Quotas = checkQuotas(
  {
    capacity: krakowCapacity,
    categories: [
      { name: 'dzielnica', values: Object.fromEntries(districts.values.map((d) => [d, { min: 2, max: krakowCapacity }])) },
      { name: 'wiek', values: Object.fromEntries(ageBands.values.map((b) => [b, { min: krakowAgeSeats[b], max: krakowAgeSeats[b] }])) },
    ],
  },
  { dzielnica: districts.values, wiek: ageBands.values },
);
