/**
 * A built copy of the site with one lottery that announces seat quotas
 * (issue 14), for the Chromium story in tests/browser/system/lottery-quotas.spec.ts:
 * 60 places, a minimum of 2 for each of Kraków's 18 districts, and age-band
 * quotas roughly in proportion to the city's adult population (no place for
 * under-18s). Its enrolment is open from a day before the run started to
 * three hours after, the draw a day and a bit after the close; the app
 * serving the copy reads the programme from the built /dane/zapisy.json, so
 * the form, the catalogue and the announcement come from content as in
 * production. Also: 300 applicants spread unevenly over districts and age
 * bands (a fixed pseudo-random sequence), and a quota check over a panel.
 * src/content is never touched.
 */
import { districts } from '../../src/data/districts.ts';
import { ageBands } from '../../src/data/programmes.ts';
import type { Quotas } from '../../src/draw/quotas.ts';
import { builtFixtureSite, type FixtureSite } from './fixture-site.ts';
import { runStartedAt } from './test-services.ts';

const hour = 3_600_000;
const opensAt = () => new Date(runStartedAt() - 24 * hour);
/** When enrolment closes: three hours after the run started (a slow build still leaves time to sign up). */
export const closesAt = (): Date => new Date(runStartedAt() + 3 * hour);
/** The announced draw date: 30 hours after the close (the pool freezes 24 hours after it). */
export const drawDateOf = (): Date => new Date(closesAt().getTime() + 30 * hour);

export const quotaProgramme = {
  id: 'panel-obywatelski-z-kwotami',
  title: 'Panel obywatelski z kwotami miejsc',
  page: '/programy/panel-obywatelski-z-kwotami/',
  capacity: 60,
};

/**
 * Age-band quotas of 60 places, min–max: sensible fixed ranges, roughly in
 * proportion to a city's adults by age (not official figures: the test needs
 * quotas that bind, not census accuracy); under-18s get no place.
 */
export const ageQuotas: Record<string, { min: number; max: number }> = {
  'under-18': { min: 0, max: 0 },
  '18-29': { min: 9, max: 13 },
  '30-44': { min: 14, max: 19 },
  '45-59': { min: 10, max: 14 },
  '60-74': { min: 12, max: 16 },
  '75-plus': { min: 5, max: 9 },
};
/** Each district: at least 2 places, at most 6. */
export const districtQuota = { min: 2, max: 6 };

/** The quotas as the draw reads them (src/draw/quotas.ts), categories in the announced order. */
export const announcedQuotas: Quotas = {
  capacity: quotaProgramme.capacity,
  categories: [
    { name: 'district', values: Object.fromEntries(districts.values.map((d) => [d, { ...districtQuota }])) },
    { name: 'age-band', values: { ...ageQuotas } },
  ],
};

const yamlQuotas = `  quotas:
    - field: district
      values:
${districts.values.map((d) => `        - { value: "${d}", min: ${districtQuota.min}, max: ${districtQuota.max} }`).join('\n')}
    - field: age-band
      values:
${Object.entries(ageQuotas).map(([band, q]) => `        - { value: "${band}", min: ${q.min}, max: ${q.max} }`).join('\n')}`;

const programmeMarkdown = () => `---
title: ${quotaProgramme.title}
summary: Sześćdziesiąt osób wylosowanych tak, by każda dzielnica i każda grupa wieku miały swoje miejsca; przygotowane na potrzeby testów.
year: ${new Date(runStartedAt()).getFullYear()}
status: enrolment
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: ${opensAt().toISOString().slice(0, 10)}
enrolment:
  opens: "${opensAt().toISOString()}"
  closes: "${closesAt().toISOString()}"
  mode: lottery
  capacity: ${quotaProgramme.capacity}
  fields: [name, district, age-band]
  drawSources:
    - description: Wyniki losowania Lotto z dnia losowania (6 liczb)
      kind: numbers
    - description: Liczba z rundy drand ogłoszonej w dniu losowania
      kind: numbers
  drawDate: "${drawDateOf().toISOString()}"
${yamlQuotas}
---

Panel obywatelski: trzy spotkania, sześćdziesiąt miejsc, losowanie z kwotami.
`;

/** The project with the quota lottery added, built once per test run (builtFixtureSite); the caller's own copy. */
export function buildQuotasSite(): Promise<FixtureSite> {
  return builtFixtureSite({ [`src/content/programy/${quotaProgramme.id}.md`]: programmeMarkdown() }, 'wspolnie-kwoty-');
}

export interface Applicant {
  email: string;
  name: string;
  district: string;
  ageBand: string;
}

/**
 * `count` applicants, uneven on purpose: district i (1-based) is chosen with
 * weight proportional to (i mod 6 + 2)², except district XVIII which gets
 * exactly one applicant (so its minimum of 2 cannot be met and relaxation R1
 * applies); age bands weighted towards 30–44 with few over 75 and a handful
 * under 18. Deterministic (a fixed linear congruential sequence).
 */
export function applicants(count: number): Applicant[] {
  let state = 20_260_314;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = (weights: readonly number[]) => {
    let r = next() * weights.reduce((a, b) => a + b, 0);
    const i = weights.findIndex((w) => (r -= w) < 0);
    return i === -1 ? weights.length - 1 : i;
  };
  const districtWeights = districts.values.map((_, i) => (i === 17 ? 0 : ((i % 6) + 2) ** 2));
  const bandWeights = [3, 30, 40, 20, 14, 5]; // under-18, 18-29, 30-44, 45-59, 60-74, 75-plus
  return Array.from({ length: count }, (_, i) => ({
    email: `mieszkaniec-${String(i + 1).padStart(3, '0')}@example.pl`,
    name: `Mieszkanka Nr ${i + 1} Żółć`,
    district: i === count - 1 ? 'XVIII' : districts.values[pick(districtWeights)]!,
    ageBand: ageBands.values[pick(bandWeights)]!,
  }));
}

/**
 * Every way `panel` (each code's [district, age band]) breaks `quotas`, in
 * words; empty when it meets them all and has exactly `size` codes.
 */
export function quotaBreaches(panel: readonly (readonly string[])[], quotas: Quotas, size: number): string[] {
  const found: string[] = [];
  if (panel.length !== size) found.push(`${panel.length} places instead of ${size}`);
  quotas.categories.forEach((category, i) => {
    for (const [value, { min, max }] of Object.entries(category.values)) {
      const n = panel.filter((values) => values[i] === value).length;
      if (n < min || n > max) found.push(`${category.name} ${value}: ${n} not in ${min}–${max}`);
    }
  });
  return found;
}
