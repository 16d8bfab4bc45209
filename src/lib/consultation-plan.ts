/**
 * The annual consultation plan set beside what was held (issue 16): each
 * planned item with what became of it, and the consultations held in the
 * plan's year that no item of it names.
 *
 * A consultation is "held" in the year its period starts, in the quarter of
 * that start day. An item names the consultation that carried it out
 * (`consultation` in the plan's content); an item without one is still to
 * come while its quarter lasts and "not held" once the quarter is over on
 * `today` (a Warsaw day, from the build's clock — src/site/boundaries.ts
 * rebuilds the live site when a quarter with such an item ends, through
 * `planQuarterChanges`).
 *
 * Pure: no clock, no I/O.
 */
import type { ConsultationStatus } from '../data/consultations.ts';
import type { PlanMethod } from '../data/consultation-requests.ts';
import { addDays, warsawMidnight } from './calendar-days.ts';

export type Quarter = 1 | 2 | 3 | 4;

/** What this needs of a consultation in the register. */
export interface HeldConsultation {
  id: string;
  title: string;
  status: ConsultationStatus;
  period: { start: string; end?: string | undefined };
}

/** What this needs of a plan. */
export interface PlanFacts {
  year: number;
  items: readonly { topic: string; unit: string; quarter: number; method: PlanMethod; consultation?: { id: string } | undefined }[];
}

/** What became of a planned item, or why a held consultation is listed. */
export type Outcome =
  /** Held in the planned quarter of the planned year. */
  | { kind: 'as-planned' }
  /** Held in the planned year, in another quarter. */
  | { kind: 'other-quarter'; quarter: Quarter }
  /** Held in another year. */
  | { kind: 'other-year'; year: number; quarter: Quarter }
  /** Not held, and its quarter has not ended yet. */
  | { kind: 'pending' }
  /** Not held, and its quarter is over. */
  | { kind: 'not-held' }
  /** Held in the year, named by no item of this plan. */
  | { kind: 'unplanned' }
  /** Held in the year, named by an item of another year's plan. */
  | { kind: 'planned-in-other-year'; year: number };

export interface PlannedRow {
  item: PlanFacts['items'][number];
  /** The consultation that carried it out, when it is in the register. */
  held: HeldConsultation | undefined;
  outcome: Outcome;
}

export interface UnplannedRow {
  held: HeldConsultation;
  outcome: Extract<Outcome, { kind: 'unplanned' | 'planned-in-other-year' }>;
}

export interface PlanComparison {
  planned: PlannedRow[];
  unplanned: UnplannedRow[];
  /** How many of each outcome, over both lists. */
  counts: Record<Outcome['kind'], number>;
}

/** The quarter (1–4) of a day `YYYY-MM-DD`. */
export const quarterOf = (day: string): Quarter => (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter;

/** The last day (YYYY-MM-DD) of a quarter of a year. */
export function quarterLastDay(year: number, quarter: number): string {
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * The plan beside the register. `consultations` is the whole register;
 * `otherPlans` the other years' plans (for "planned in another year");
 * `today` the Warsaw day of the build. Items keep their order within a
 * quarter and are sorted by quarter; unplanned consultations by start day.
 */
export function comparePlan(plan: PlanFacts, consultations: readonly HeldConsultation[], today: string, otherPlans: readonly PlanFacts[] = []): PlanComparison {
  const byId = new Map(consultations.map((c) => [c.id, c]));
  const planned: PlannedRow[] = [...plan.items]
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.quarter - b.item.quarter || a.order - b.order)
    .map(({ item }) => {
      const held = item.consultation ? byId.get(item.consultation.id) : undefined;
      return { item, held, outcome: outcomeOf(plan.year, item.quarter, held, today) };
    });
  const named = new Set(plan.items.flatMap((item) => (item.consultation ? [item.consultation.id] : [])));
  const elsewhere = new Map(otherPlans.filter((p) => p.year !== plan.year).flatMap((p) => p.items.flatMap((item) => (item.consultation ? [[item.consultation.id, p.year] as const] : []))));
  const unplanned: UnplannedRow[] = consultations
    .filter((c) => Number(c.period.start.slice(0, 4)) === plan.year && !named.has(c.id))
    .sort((a, b) => a.period.start.localeCompare(b.period.start) || a.id.localeCompare(b.id))
    .map((held) => {
      const year = elsewhere.get(held.id);
      return { held, outcome: year === undefined ? { kind: 'unplanned' } : { kind: 'planned-in-other-year', year } };
    });
  const counts = { 'as-planned': 0, 'other-quarter': 0, 'other-year': 0, pending: 0, 'not-held': 0, unplanned: 0, 'planned-in-other-year': 0 };
  for (const row of [...planned, ...unplanned]) counts[row.outcome.kind]++;
  return { planned, unplanned, counts };
}

function outcomeOf(year: number, quarter: number, held: HeldConsultation | undefined, today: string): Outcome {
  if (!held) return today > quarterLastDay(year, quarter) ? { kind: 'not-held' } : { kind: 'pending' };
  const heldYear = Number(held.period.start.slice(0, 4));
  const heldQuarter = quarterOf(held.period.start);
  if (heldYear !== year) return { kind: 'other-year', year: heldYear, quarter: heldQuarter };
  return heldQuarter === quarter ? { kind: 'as-planned' } : { kind: 'other-quarter', quarter: heldQuarter };
}

/**
 * The moments at which the plan's page changes by the clock alone: the
 * midnight after the last day of each quarter that has an item not yet held,
 * while that midnight is after `builtAt` (the rebuild then turns "pending"
 * into "not held", and the moment drops out). Given in the shape of the
 * events file's daily changes (src/notices/events-file.ts): a change listed
 * only while ahead of the build fires once.
 */
export function planQuarterChanges(plan: PlanFacts, builtAt: Date): { from: string; what: string }[] {
  const quarters = [...new Set(plan.items.filter((item) => !item.consultation).map((item) => item.quarter))].sort();
  return quarters
    .map((quarter) => ({ at: warsawMidnight(addDays(quarterLastDay(plan.year, quarter), 1)), quarter }))
    .filter(({ at }) => at > builtAt)
    .map(({ at, quarter }) => ({ from: at.toISOString(), what: `koniec ${quarter}. kwartału planu konsultacji ${plan.year}` }));
}

/** Roman numerals of the quarters, as "II kw." */
const roman = ['I', 'II', 'III', 'IV'] as const;
const quarterShort = (quarter: number) => `${roman[quarter - 1]} kw.`;

/** What became of a planned item or why a held consultation is listed, in Polish ("Odbyły się w innym kwartale: III kw. zamiast I kw."). */
export function outcomeText(outcome: Outcome, plannedQuarter?: number): string {
  switch (outcome.kind) {
    case 'as-planned':
      return 'Przeprowadzone zgodnie z planem';
    case 'other-quarter':
      return `Przeprowadzone w innym kwartale: ${quarterShort(outcome.quarter)}${plannedQuarter ? ` zamiast ${quarterShort(plannedQuarter)}` : ''}`;
    case 'other-year':
      return `Przeprowadzone w innym roku: ${quarterShort(outcome.quarter)} ${outcome.year} r.`;
    case 'pending':
      return 'Jeszcze nie przeprowadzone (kwartał trwa lub dopiero nadejdzie)';
    case 'not-held':
      return 'Nieprzeprowadzone: kwartał minął';
    case 'unplanned':
      return 'Przeprowadzone poza planem';
    case 'planned-in-other-year':
      return `Z planu na ${outcome.year} r.`;
  }
}
