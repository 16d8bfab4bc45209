/**
 * One state of the stratified draw's walk (stratified.ts): the categories'
 * values, the cells and their counts of codes accepted and ahead, the quota
 * network over them (quota-flow.ts), and the step the walk repeats — offer
 * the next code, accept it or say why not. Pure, no Node imports.
 */
import { DrawInputError } from './errors.ts';
import { QuotaNetwork, type Bound } from './quota-flow.ts';
import { compareValues, type Quotas } from './quotas.ts';

/**
 * Why a code was skipped (or passed over for a promotion). Categories and
 * values are tried in a fixed order: categories as the quotas list them,
 * values by Unicode code point.
 * - `maximum`: accepting it would put its value of `category` over the
 *   maximum (category 1 is named when both would be);
 * - `minimum`: otherwise, the first value whose minimum, were it 0, would let
 *   the code be accepted: accepting it would make that minimum unreachable;
 * - `completion`: otherwise, the first value whose maximum, were it the
 *   capacity, would let the code be accepted: with that value full the codes
 *   ahead could not complete the panel;
 * - `quotas`: no single quota explains it (several together).
 */
export type SkipReason =
  | { kind: 'maximum' | 'minimum' | 'completion'; category: string; value: string }
  | { kind: 'quotas' };

/** Each code's category values, in the quotas' category order. */
export type CategoryValues = ReadonlyMap<string, readonly string[]>;

/**
 * The categories' value lists, cells and counts for one set of codes. Rows are
 * category 1's values, columns category 2's; a missing category is one
 * unbounded value, so every case is the same two-category network.
 */
export class Layout {
  readonly values: string[][] = [];
  readonly bounds: Bound[][] = [];
  readonly cellOf = new Map<string, number>();
  readonly cellRow: number[] = [];
  readonly cellColumn: number[] = [];
  readonly network: QuotaNetwork;
  /** Per category (0, 1), per value: codes accepted so far. */
  readonly taken: number[][];
  readonly cellAccepted: number[] = [];
  readonly cellAhead: number[] = [];

  readonly quotas: Quotas;

  constructor(quotas: Quotas, size: number, values: CategoryValues, accepted: readonly string[], ahead: readonly string[]) {
    this.quotas = quotas;
    const k = quotas.categories.length;
    const codes = [...accepted, ...ahead];
    const codeValues = codes.map((code) => valuesOf(values, code, k));
    const index: Map<string, number>[] = [];
    for (let i = 0; i < 2; i++) {
      const category = quotas.categories[i];
      const seen = new Set(category ? Object.keys(category.values) : ['']);
      if (category) for (const v of codeValues) seen.add(v[i]!);
      this.values.push([...seen].sort(compareValues));
      // Own keys only: a value called "constructor" or "__proto__" is a value like any other, not Object.prototype's.
      this.bounds.push(this.values[i]!.map((v) => ({ ...(category && Object.hasOwn(category.values, v) ? category.values[v]! : { min: 0, max: quotas.capacity }) })));
      index.push(new Map(this.values[i]!.map((v, j) => [v, j])));
    }
    // Cell numbers by (row, column), -1 until a code of the cell is seen: cells are numbered in order of first appearance.
    const width = this.values[1]!.length;
    const cellIndex = new Int32Array(this.values[0]!.length * width).fill(-1);
    codes.forEach((code, n) => {
      const v = codeValues[n]!;
      const row = k > 0 ? index[0]!.get(v[0]!)! : 0;
      const column = k > 1 ? index[1]!.get(v[1]!)! : 0;
      let cell = cellIndex[row * width + column]!;
      if (cell === -1) {
        cell = this.cellRow.length;
        cellIndex[row * width + column] = cell;
        this.cellRow.push(row);
        this.cellColumn.push(column);
        this.cellAccepted.push(0);
        this.cellAhead.push(0);
      }
      this.cellOf.set(code, cell);
      if (n >= accepted.length) this.cellAhead[cell]! += 1;
      else this.cellAccepted[cell]! += 1;
    });
    this.taken = [this.values[0]!.map(() => 0), this.values[1]!.map(() => 0)];
    this.cellRow.forEach((row, cell) => {
      this.taken[0]![row]! += this.cellAccepted[cell]!;
      this.taken[1]![this.cellColumn[cell]!]! += this.cellAccepted[cell]!;
    });
    const cells = this.cellRow.map((row, cell) => ({ row, column: this.cellColumn[cell]!, accepted: this.cellAccepted[cell]!, ahead: this.cellAhead[cell]! }));
    this.network = new QuotaNetwork(size, this.bounds[0]!, this.bounds[1]!, cells);
  }

  /** The network edge of category i's value j. */
  valueEdge = (i: number, j: number): number => (i === 0 ? this.network.rowEdge(j) : this.network.columnEdge(j));

  setBound(i: number, j: number, bound: Bound): void {
    this.bounds[i]![j] = bound;
    this.network.setBounds(this.valueEdge(i, j), bound.min, bound.max);
  }

  /** The cell's values as (category, value index) pairs, over the real categories. */
  #valuesOfCell(cell: number): [number, number][] {
    this.#cellValues[cell] ??= this.quotas.categories.map((_, i) => [i, i === 0 ? this.cellRow[cell]! : this.cellColumn[cell]!]);
    return this.#cellValues[cell];
  }

  /** The value of the code's cell that is already at its maximum, if any (direct maximum). */
  fullValue(cell: number): [number, number] | undefined {
    return this.#valuesOfCell(cell).find(([i, j]) => this.taken[i]![j]! + 1 > this.bounds[i]![j]!.max);
  }

  /*
   * Two shortcuts, both exact. Every step of a walk shrinks the set of
   * feasible panels (accepting raises a cell's lower bound, skipping lowers
   * its upper bound; the quotas do not change during a walk), and so does
   * every relaxed variant of it. Hence once accepting a cell is infeasible it
   * stays infeasible until the walk ends (nothing of that cell is accepted in
   * between), and once relaxing a quota fails to explain a cell's skip it
   * fails for every later skip of that cell: each cell keeps a flag and a
   * pointer into the list of quotas tried, which only moves forward.
   */
  readonly #cellValues: [number, number][][] = [];
  readonly #closed = new Set<number>();
  readonly #tried = new Map<number, number>();
  #candidates: ['minimum' | 'completion', number, number][] | undefined;

  /**
   * Takes the next code of the list walked, of `cell`: accepts it (undefined)
   * if the quotas allow, else passes it over and says why. The state must be
   * feasible (the network solved) before the call; it stays feasible.
   */
  offer(cell: number): SkipReason | undefined {
    const edge = this.network.cellEdge(cell);
    const full = this.fullValue(cell);
    if (!full && !this.#closed.has(cell) && (this.network.count(cell) > this.cellAccepted[cell]! || this.network.raise(edge))) {
      this.cellAccepted[cell]! += 1;
      this.cellAhead[cell]! -= 1;
      for (const [i, j] of this.#valuesOfCell(cell)) this.taken[i]![j]! += 1;
      this.network.setBounds(edge, this.cellAccepted[cell]!, this.cellAccepted[cell]! + this.cellAhead[cell]!);
      return undefined;
    }
    if (!full) this.#closed.add(cell);
    const reason = full ? this.#reason('maximum', full) : this.#explain(cell, edge);
    this.cellAhead[cell]! -= 1;
    this.network.setBounds(edge, this.cellAccepted[cell]!, this.cellAccepted[cell]! + this.cellAhead[cell]!);
    return reason;
  }

  #reason(kind: 'maximum' | 'minimum' | 'completion', [i, j]: [number, number]): SkipReason {
    return { kind, category: this.quotas.categories[i]!.name, value: this.values[i]![j]! };
  }

  /** Quotas in the order `#explain` tries them: every minimum above 0, then every maximum below the capacity, each by category, then value. */
  #attributionOrder(): ['minimum' | 'completion', number, number][] {
    const all = this.quotas.categories.flatMap((_, i) => this.values[i]!.map((_, j) => [i, j] as const));
    return [
      ...all.filter(([i, j]) => this.bounds[i]![j]!.min > 0).map(([i, j]): ['minimum', number, number] => ['minimum', i, j]),
      ...all.filter(([i, j]) => this.bounds[i]![j]!.max < this.quotas.capacity).map(([i, j]): ['completion', number, number] => ['completion', i, j]),
    ];
  }

  /** The attribution of `SkipReason`: the first quota, in order, whose relaxation alone would let the cell be accepted. */
  #explain(cell: number, edge: number): SkipReason {
    this.#candidates ??= this.#attributionOrder();
    let next = this.#tried.get(cell) ?? 0;
    for (; next < this.#candidates.length; next++) {
      const [kind, i, j] = this.#candidates[next]!;
      const { min, max } = this.bounds[i]![j]!;
      if (this.network.canRaise(edge, this.valueEdge(i, j), kind === 'minimum' ? 0 : min, kind === 'minimum' ? max : this.quotas.capacity)) break;
    }
    this.#tried.set(cell, next);
    const found = this.#candidates[next];
    return found ? this.#reason(found[0], [found[1], found[2]]) : { kind: 'quotas' };
  }
}

function valuesOf(values: CategoryValues, code: string, k: number): readonly string[] {
  const v = values.get(code);
  if (!v || v.length !== k) throw new DrawInputError(`Kod ${code} nie ma wartości ${k === 1 ? 'jedynej kategorii' : `wszystkich ${k} kategorii`} kwot.`);
  return v;
}

