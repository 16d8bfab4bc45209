/**
 * Typed reads of the annual consultation plans (issue 16): one entry per
 * year, compared with the register (src/lib/consultation-plan.ts) on the
 * build's day. Two entries for one year are refused here, at build time,
 * with a Polish message naming both files: the page address is the year.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { warsawDay } from '../lib/dates.ts';
import { comparePlan, planQuarterChanges, type PlanComparison } from '../lib/consultation-plan.ts';
import { builtAt } from './content.ts';

export type Plan = CollectionEntry<'plans'>;

/** Every plan, the latest year first. Throws (failing the build, in Polish) when two entries plan the same year. */
export async function sortedPlans(): Promise<Plan[]> {
  const plans = (await getCollection('plans')).sort((a, b) => b.data.year - a.data.year || a.id.localeCompare(b.id));
  const twice = plans.find((plan, i) => i > 0 && plans[i - 1]!.data.year === plan.data.year);
  if (twice) {
    const first = plans.find((p) => p.data.year === twice.data.year)!;
    throw new Error(`Dwa plany konsultacji na rok ${twice.data.year}: src/content/plany-konsultacji/${first.id}.md i ${twice.id}.md. Zostaw jeden wpis na rok.`);
  }
  return plans;
}

/** A plan set beside the consultations register on the Warsaw day of `now`. */
export async function planComparison(plan: Plan, now = builtAt): Promise<PlanComparison> {
  const [consultations, plans] = await Promise.all([getCollection('consultations'), getCollection('plans')]);
  const held = consultations.map((c) => ({ id: c.id, title: c.data.title, status: c.data.status, period: c.data.period }));
  return comparePlan(plan.data, held, warsawDay(now), plans.map((p) => p.data));
}

/** The moments the plan pages change by the clock alone (a quarter with an item not held ending after `now`), for the events file's `daily` list. */
export async function planTimeChanges(now = builtAt): Promise<{ from: string; what: string }[]> {
  return (await getCollection('plans')).flatMap((plan) => planQuarterChanges(plan.data, now));
}
