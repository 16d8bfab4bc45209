/**
 * The feasibility check against enumeration: on random small instances
 * (up to 3 × 3 cells, counts up to 3), every vector of cell counts between
 * accepted and accepted + ahead is tried, and the flow must say "feasible"
 * exactly when one of them meets the size and every bound.
 */
import { describe, expect, it } from 'vitest';
import { canComplete, QuotaNetwork, type Bound, type QuotaCell } from './quota-flow.ts';
import { seededRandom } from '../../tests/support/seeded-random.ts';


/** Tries every count vector (odometer order). */
function enumerate(size: number, rows: Bound[], columns: Bound[], cells: QuotaCell[]): boolean {
  const x = cells.map((c) => c.accepted);
  for (;;) {
    const rowSums = rows.map((_, r) => cells.reduce((s, c, i) => s + (c.row === r ? x[i]! : 0), 0));
    const columnSums = columns.map((_, k) => cells.reduce((s, c, i) => s + (c.column === k ? x[i]! : 0), 0));
    const total = x.reduce((a, b) => a + b, 0);
    if (total === size && rows.every((b, r) => rowSums[r]! >= b.min && rowSums[r]! <= b.max) && columns.every((b, k) => columnSums[k]! >= b.min && columnSums[k]! <= b.max)) return true;
    let i = 0;
    while (i < cells.length && x[i] === cells[i]!.accepted + cells[i]!.ahead) x[i] = cells[i++]!.accepted;
    if (i === cells.length) return false;
    x[i]! += 1;
  }
}

function randomInstance(random: (n: number) => number) {
  const bound = (): Bound => {
    const min = random(3);
    return { min, max: min + random(6) };
  };
  const rows = Array.from({ length: 1 + random(3) }, bound);
  const columns = Array.from({ length: 1 + random(3) }, bound);
  const cells: QuotaCell[] = [];
  for (let row = 0; row < rows.length; row++) {
    for (let column = 0; column < columns.length; column++) if (random(4) > 0) cells.push({ row, column, accepted: random(2), ahead: random(4) });
  }
  const accepted = cells.reduce((s, c) => s + c.accepted, 0);
  return { size: accepted + random(1 + cells.reduce((s, c) => s + c.ahead, 0)), rows, columns, cells };
}

describe('canComplete', () => {
  it('agrees with enumeration on 3,000 random instances', () => {
    const random = seededRandom(6);
    let feasible = 0;
    for (let c = 0; c < 3000; c++) {
      const { size, rows, columns, cells } = randomInstance(random);
      const expected = enumerate(size, rows, columns, cells);
      expect({ c, feasible: canComplete(size, rows, columns, cells) }).toEqual({ c, feasible: expected });
      feasible += Number(expected);
    }
    expect(feasible).toBeGreaterThan(300);
    expect(feasible).toBeLessThan(2700);
  });

  it('raises a cell exactly when enumeration finds a panel with one more of it', () => {
    const random = seededRandom(60);
    let checked = 0;
    for (let c = 0; c < 4000; c++) {
      const { size, rows, columns, cells } = randomInstance(random);
      const network = new QuotaNetwork(size, rows, columns, cells);
      if (cells.length === 0 || !network.solve()) continue;
      const i = random(cells.length);
      const cell = cells[i]!;
      // At least one more than the witness has now, within the cell's bounds.
      const at = network.count(i);
      const raised = cells.map((other, j) => (j === i ? { ...other, accepted: at + 1, ahead: other.accepted + other.ahead - at - 1 } : other));
      const expected = at + 1 <= cell.accepted + cell.ahead && enumerate(size, rows, columns, raised);
      expect({ c, raised: network.raise(network.cellEdge(i)) }).toEqual({ c, raised: expected });
      if (expected) expect(network.count(i)).toBe(at + 1);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('treats a missing category as one unbounded value', () => {
    expect(canComplete(3, [{ min: 0, max: 3 }], [{ min: 0, max: 3 }], [{ row: 0, column: 0, accepted: 1, ahead: 2 }])).toBe(true);
    expect(canComplete(4, [{ min: 0, max: 4 }], [{ min: 0, max: 4 }], [{ row: 0, column: 0, accepted: 1, ahead: 2 }])).toBe(false);
  });
});
