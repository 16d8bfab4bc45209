/**
 * The stratified draw (issue 14; docs/stratified-draw.md states it in full):
 * the RFC 3797 order of the whole frozen pool (rfc3797.ts, unchanged) walked
 * under quotas (quotas.ts), with an exact feasibility check (quota-flow.ts).
 *
 * 1. Panel size n = min(capacity, pool size). With the pool not larger than
 *    the capacity there is no draw (protocol.ts): everyone is accepted, and
 *    the relaxations below record which quotas the whole pool misses.
 * 2. Relaxation, fixed in advance, each step only while the quotas are still
 *    unreachable by the whole pool, every change recorded: R1 each minimum
 *    lowered to the number of pool codes holding the value; R2 the maxima of
 *    category 2, then of category 1, raised to the capacity; R3 the minima of
 *    category 2, then of category 1, lowered to 0. After R3 nothing binds.
 * 3. Walk the order: accept a code iff accepting keeps every maximum and the
 *    codes after it can still complete a panel of exactly n meeting every
 *    quota; else skip it, with a reason (`SkipReason`). Stop at n accepted.
 * 4. The waiting list: every code not accepted, in drawn order.
 *
 * Invariant of the walk: the state before each code is feasible (true after
 * step 2; if accepting is infeasible, skipping is feasible, because a panel
 * that completes the state without this code's cell growing does not need
 * the code). So one check per code suffices, done by keeping a witness panel
 * (a feasible flow) and searching one residual cycle (quota-flow.ts).
 *
 * Pure, no Node imports: the verifier runs it in the browser.
 */
import { DrawInputError } from './errors.ts';
import type { Quotas } from './quotas.ts';
import { Layout, type CategoryValues, type SkipReason } from './quota-walk.ts';

export type { CategoryValues, SkipReason } from './quota-walk.ts';

/** A skipped code: `position` is 1-based in the list walked (the drawn order, or the waiting list). */
export interface Skip {
  position: number;
  code: string;
  reason: SkipReason;
}

/** One recorded relaxation (step 2): which bound of which value went from what to what. */
export interface Relaxation {
  step: 'R1' | 'R2' | 'R3';
  category: string;
  value: string;
  bound: 'min' | 'max';
  from: number;
  to: number;
}

export interface StratifiedResult {
  /** `no-draw` when the pool is not larger than the capacity: everyone is accepted. */
  outcome: 'draw' | 'no-draw';
  /** min(capacity, pool size). */
  size: number;
  /** The quotas after relaxation, in the input's shape (only named values). */
  quotas: Quotas;
  relaxations: Relaxation[];
  /** In acceptance order (= drawn order). */
  accepted: string[];
  /** Every code not accepted, in drawn order. */
  waiting: string[];
  skips: Skip[];
}

/** Step 2: relaxes the layout's quotas until the whole pool can meet them; the changes, in order. */
function relax(layout: Layout, poolCounts: number[][]): Relaxation[] {
  const changes: Relaxation[] = [];
  const k = layout.quotas.categories.length;
  const lastFirst = [...Array(k).keys()].reverse();
  type Step = [Relaxation['step'], number[], Relaxation['bound'], (i: number, j: number) => number];
  const steps: Step[] = [
    ['R1', [...Array(k).keys()], 'min', (i, j) => poolCounts[i]![j]!],
    ...lastFirst.map((i): Step => ['R2', [i], 'max', () => layout.quotas.capacity]),
    ...lastFirst.map((i): Step => ['R3', [i], 'min', () => 0]),
  ];
  for (const [step, categories, bound, target] of steps) {
    if (layout.network.solve()) return changes;
    for (const i of categories) {
      layout.values[i]!.forEach((value, j) => {
        const old = layout.bounds[i]![j]!;
        const to = bound === 'min' ? Math.min(old.min, target(i, j)) : Math.max(old.max, target(i, j));
        if (to === old[bound]) return;
        changes.push({ step, category: layout.quotas.categories[i]!.name, value, bound, from: old[bound], to });
        layout.setBound(i, j, { ...old, [bound]: to });
      });
    }
  }
  if (!layout.network.solve()) throw new Error('quotas still infeasible after every relaxation');
  return changes;
}

/** The effective quotas: the input's named values with their relaxed bounds. */
function effectiveQuotas(layout: Layout): Quotas {
  return {
    capacity: layout.quotas.capacity,
    categories: layout.quotas.categories.map((category, i) => ({
      name: category.name,
      values: Object.fromEntries(Object.keys(category.values).map((value) => [value, { ...layout.bounds[i]![layout.values[i]!.indexOf(value)]! }])),
    })),
  };
}

/**
 * The stratified draw of a pool. `order` is the whole frozen pool in RFC 3797
 * drawn order (`drawOrder(pool, key)`), or in pool order when the pool is not
 * larger than the capacity (no draw: everyone is accepted); `values` gives
 * every code's values, one per category of `quotas` (checked by quotas.ts).
 * Throws DrawInputError when a code lacks its values.
 */
export function stratifiedDraw(order: readonly string[], values: CategoryValues, quotas: Quotas): StratifiedResult {
  const size = Math.min(quotas.capacity, order.length);
  const layout = new Layout(quotas, size, values, [], order);
  const poolCounts = [0, 1].map((i) => layout.values[i]!.map(() => 0));
  layout.cellAhead.forEach((count, cell) => {
    poolCounts[0]![layout.cellRow[cell]!]! += count;
    poolCounts[1]![layout.cellColumn[cell]!]! += count;
  });
  const relaxations = relax(layout, poolCounts);
  const accepted: string[] = [];
  const waiting: string[] = [];
  const skips: Skip[] = [];
  order.forEach((code, position) => {
    if (accepted.length === size) return void waiting.push(code);
    const reason = layout.offer(layout.cellOf.get(code)!);
    if (reason === undefined) return void accepted.push(code);
    waiting.push(code);
    skips.push({ position: position + 1, code, reason });
  });
  return { outcome: order.length > quotas.capacity ? 'draw' : 'no-draw', size, quotas: effectiveQuotas(layout), relaxations, accepted, waiting, skips };
}

/** The outcome of filling one freed place from the waiting list. */
export interface Promotion {
  /** The code promoted, if any. */
  code: string | undefined;
  /**
   * `quotas`: the first waiting code accepted by the walk's rule; `maxima`:
   * the quotas can no longer be met by the remaining codes, so the first code
   * that keeps every maximum; `none`: no waiting code keeps every maximum,
   * and the place stays empty.
   */
  rule: 'quotas' | 'maxima' | 'none';
  /** Codes passed over before it, with their reasons (positions in the waiting list). */
  skips: Skip[];
}

/**
 * Step 3: after a withdrawal, the code that takes the freed place. `accepted`
 * holds the codes that keep their places, `waiting` the waiting list in
 * order (without anyone who withdrew), `quotas` the draw's effective quotas
 * and `size` its panel size (StratifiedResult). The walk of the draw runs on
 * the waiting list, as if it were the rest of the order, until one code is
 * accepted. Throws DrawInputError when no place is free.
 */
export function promote(accepted: readonly string[], waiting: readonly string[], values: CategoryValues, quotas: Quotas, size: number): Promotion {
  if (accepted.length >= size) throw new DrawInputError('Nie ma wolnego miejsca: wszystkie miejsca są zajęte.');
  const layout = new Layout(quotas, size, values, accepted, waiting);
  const skips: Skip[] = [];
  if (layout.network.solve()) {
    for (const [position, code] of waiting.entries()) {
      const reason = layout.offer(layout.cellOf.get(code)!);
      if (reason === undefined) return { code, rule: 'quotas', skips };
      skips.push({ position: position + 1, code, reason });
    }
    throw new Error('a feasible state promoted nobody');
  }
  for (const [position, code] of waiting.entries()) {
    const full = layout.fullValue(layout.cellOf.get(code)!);
    if (!full) return { code, rule: 'maxima', skips };
    skips.push({ position: position + 1, code, reason: { kind: 'maximum', category: quotas.categories[full[0]]!.name, value: layout.values[full[0]]![full[1]]! } });
  }
  return { code: undefined, rule: 'none', skips };
}
