/**
 * The exact feasibility check of the stratified draw (stratified.ts): can a
 * panel of exactly `size` codes still be completed, meeting every minimum
 * and maximum, from the codes already accepted and the codes still ahead?
 *
 * With two categories this is a circulation with lower and upper bounds
 * (Ahuja, Magnanti, Orlin, "Network Flows", 1993, §6.7, "Flows with lower
 * bounds"): source s → value r of category 1 [min r, max r] → cell (r, c)
 * [accepted, accepted + ahead] → value c of category 2 [min c, max c] →
 * sink t, closed by t → s [size, size]. A feasible integral circulation is a
 * count x per cell with accepted ≤ x ≤ accepted + ahead whose sums meet every
 * quota and the size; any such count is a panel, since codes of one cell are
 * interchangeable for the quotas. With one category, or none, the missing
 * category is a single value without bounds (min 0, max size): the same code.
 *
 * Finding one (`solve`): start from the lower bounds and move the imbalance
 * of every node along shortest residual paths (the reduction of §6.7 to a
 * maximum flow from a super source to a super sink, with the super nodes kept
 * implicit); feasible iff every imbalance reaches zero. All integers.
 *
 * Keeping one (`raise`, `canRaise`): given a feasible circulation f, one with
 * f(e) ≥ f(e) + 1 on an edge e exists iff the residual network of f holds a
 * cycle through e forward (the difference of two feasible circulations
 * decomposes into residual cycles, AMO §3.5 and Theorem 3.8), found by one
 * breadth-first search from e's head to its tail. This is what lets the walk
 * check each code in time proportional to the network, not a new flow.
 *
 * No randomness, no heuristics, no Node imports: the browser verifier runs it.
 */

/** A quota on one value: at least `min` and at most `max` seats. Non-negative integers. */
export interface Bound {
  min: number;
  max: number;
}

/** A cell (one value of each category): codes already accepted and codes still ahead in the order. */
export interface QuotaCell {
  /** Index into the first category's bounds. */
  row: number;
  /** Index into the second category's bounds. */
  column: number;
  accepted: number;
  ahead: number;
}

/**
 * The circulation of one state of the walk. Edges: 0 is t → s, then one per
 * row (s → row), one per column (column → t), one per cell (row → column).
 */
export class QuotaNetwork {
  readonly #from: Int32Array;
  readonly #to: Int32Array;
  readonly #low: Float64Array;
  readonly #high: Float64Array;
  readonly #flow: Float64Array;
  /** Edges touching each node, as edge ids. */
  readonly #adjacent: number[][];
  readonly #rows: number;
  readonly #firstCell: number;

  /** Builds the network of `cells`; call `solve()` before the rest. */
  constructor(size: number, rows: readonly Bound[], columns: readonly Bound[], cells: readonly QuotaCell[]) {
    this.#rows = rows.length;
    this.#firstCell = 1 + rows.length + columns.length;
    const edges = this.#firstCell + cells.length;
    this.#from = new Int32Array(edges);
    this.#to = new Int32Array(edges);
    this.#low = new Float64Array(edges);
    this.#high = new Float64Array(edges);
    this.#flow = new Float64Array(edges);
    const nodes = 2 + rows.length + columns.length;
    this.#adjacent = Array.from({ length: nodes }, () => []);
    // Nodes: 0 = s, 1 = t, 2 … = rows, then columns.
    this.#edge(0, 1, 0, size, size);
    rows.forEach((b, r) => this.#edge(1 + r, 0, 2 + r, b.min, b.max));
    columns.forEach((b, c) => this.#edge(1 + rows.length + c, 2 + rows.length + c, 1, b.min, b.max));
    cells.forEach((cell, i) => this.#edge(this.#firstCell + i, 2 + cell.row, 2 + rows.length + cell.column, cell.accepted, cell.accepted + cell.ahead));
  }

  #edge(id: number, from: number, to: number, low: number, high: number): void {
    this.#from[id] = from;
    this.#to[id] = to;
    this.#low[id] = low;
    this.#high[id] = high;
    this.#adjacent[from]!.push(id);
    this.#adjacent[to]!.push(id);
  }

  /** Edge id of a row's, column's or cell's bound. */
  rowEdge = (row: number): number => 1 + row;
  columnEdge = (column: number): number => 1 + this.#rows + column;
  cellEdge = (cell: number): number => this.#firstCell + cell;

  /** The cell's current count in the feasible circulation found last (a witness panel). */
  count = (cell: number): number => this.#flow[this.#firstCell + cell]!;

  /** Sets an edge's bounds without checking anything; `solve()` again unless they still hold for the flow. */
  setBounds(edge: number, low: number, high: number): void {
    this.#low[edge] = low;
    this.#high[edge] = high;
  }

  /** Finds a feasible circulation from scratch; false when none exists (the flow is then meaningless). */
  solve(): boolean {
    const nodes = this.#adjacent.length;
    const imbalance = new Float64Array(nodes);
    for (let e = 0; e < this.#flow.length; e++) {
      if (this.#low[e]! > this.#high[e]!) return false;
      this.#flow[e] = this.#low[e]!;
      const [from, to] = [this.#from[e]!, this.#to[e]!];
      imbalance[to] = imbalance[to]! + this.#low[e]!;
      imbalance[from] = imbalance[from]! - this.#low[e]!;
    }
    for (;;) {
      const sources: number[] = [];
      for (let v = 0; v < nodes; v++) if (imbalance[v]! > 0) sources.push(v);
      if (sources.length === 0) return true;
      const end = this.#search(sources, -1, -1, imbalance);
      if (end === -1) return false;
      const parent = this.#parent;
      let amount = -imbalance[end]!;
      let v = end;
      while (parent[v]! !== -1) {
        const e = parent[v]!;
        amount = Math.min(amount, this.#from[e] === v ? this.#flow[e]! - this.#low[e]! : this.#high[e]! - this.#flow[e]!);
        v = this.#from[e] === v ? this.#to[e]! : this.#from[e]!;
      }
      amount = Math.min(amount, imbalance[v]!);
      imbalance[v] = imbalance[v]! - amount;
      imbalance[end] = imbalance[end]! + amount;
      this.#augment(end, parent, amount);
    }
  }

  /**
   * Whether a feasible circulation with one more unit on `edge` exists, the
   * other bounds as they are; when `commit`, the flow becomes that one.
   * `edge`'s own flow must be below its upper bound for the answer to be yes.
   */
  raise(edge: number, commit = true): boolean {
    if (this.#flow[edge]! >= this.#high[edge]!) return false;
    const end = this.#search([this.#to[edge]!], this.#from[edge]!, edge);
    if (end === -1) return false;
    if (commit) {
      this.#augment(end, this.#parent, 1);
      this.#flow[edge] = this.#flow[edge]! + 1;
    }
    return true;
  }

  /**
   * `raise(edge)` asked with another edge's bounds changed for the question
   * only (a quota relaxed to explain a skip): the flow stays feasible under
   * a relaxation, so the same search answers exactly. Nothing changes.
   */
  canRaise(edge: number, relaxed: number, low: number, high: number): boolean {
    const [oldLow, oldHigh] = [this.#low[relaxed]!, this.#high[relaxed]!];
    this.setBounds(relaxed, Math.min(low, this.#flow[relaxed]!), Math.max(high, this.#flow[relaxed]!));
    const answer = this.raise(edge, false);
    this.setBounds(relaxed, oldLow, oldHigh);
    return answer;
  }

  /** Scratch space of `#search`, reused: the edge each node was reached by (-1 a start, -2 unreached) and the queue. */
  #parent = new Int32Array(0);
  #queue = new Int32Array(0);

  /**
   * Breadth-first search in the residual network, from `starts` to `target`
   * (or, with `deficits`, to the first node whose imbalance is negative),
   * never through edge `skip`. Returns the end reached, or -1; the path is
   * in `#parent` until the next search.
   */
  #search(starts: readonly number[], target: number, skip: number, deficits?: Float64Array): number {
    const nodes = this.#adjacent.length;
    if (this.#parent.length !== nodes) [this.#parent, this.#queue] = [new Int32Array(nodes), new Int32Array(nodes)];
    const parent = this.#parent.fill(-2);
    const queue = this.#queue;
    let tail = 0;
    for (const s of starts) {
      parent[s] = -1;
      queue[tail++] = s;
    }
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      for (const e of this.#adjacent[v]!) {
        if (e === skip) continue;
        const forward = this.#from[e] === v;
        const w = forward ? this.#to[e]! : this.#from[e]!;
        if (parent[w] !== -2) continue;
        if (forward ? this.#flow[e]! >= this.#high[e]! : this.#flow[e]! <= this.#low[e]!) continue;
        parent[w] = e;
        if (deficits ? deficits[w]! < 0 : w === target) return w;
        queue[tail++] = w;
      }
    }
    return -1;
  }

  /** Pushes `amount` along the path that `parent` records back from `end`. */
  #augment(end: number, parent: Int32Array, amount: number): void {
    let v = end;
    while (parent[v]! !== -1) {
      const e = parent[v]!;
      if (this.#to[e] === v) {
        this.#flow[e] = this.#flow[e]! + amount;
        v = this.#from[e]!;
      } else {
        this.#flow[e] = this.#flow[e]! - amount;
        v = this.#to[e]!;
      }
    }
  }
}

/**
 * The check on its own: whether cells with these accepted and ahead counts
 * can complete a panel of exactly `size` meeting the `rows` (category 1) and
 * `columns` (category 2) bounds. Pass `[{ min: 0, max: size }]` for a
 * missing category.
 */
export function canComplete(size: number, rows: readonly Bound[], columns: readonly Bound[], cells: readonly QuotaCell[]): boolean {
  return new QuotaNetwork(size, rows, columns, cells).solve();
}
