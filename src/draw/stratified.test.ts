/**
 * The stratified draw against a second implementation written for this test:
 * the same rules (docs/stratified-draw.md) with feasibility decided by
 * enumerating every set of codes that could complete the panel, not by a
 * flow. On 3,000 random small pools and quota sets (seeded, the same every
 * run): identical panels, waiting lists, skip reasons and relaxations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawOrder } from './rfc3797.ts';
import { quotaProblems, readQuotas, type Quotas } from './quotas.ts';
import { promote, stratifiedDraw, type Relaxation, type SkipReason } from './stratified.ts';
import { seededRandom } from '../../tests/support/seeded-random.ts';


type Values = Map<string, string[]>;
interface Bounds { [category: number]: Map<string, { min: number; max: number }> }

/** Every k-subset of `items`, lazily. */
function* subsets<T>(items: readonly T[], k: number, from = 0): Generator<T[]> {
  if (k === 0) return yield [];
  for (let i = from; i <= items.length - k; i++) for (const rest of subsets(items, k - 1, i + 1)) yield [items[i]!, ...rest];
}

/** Whether `panel` meets every bound (values absent from it count 0). */
function meets(panel: readonly string[], values: Values, bounds: Bounds, k: number): boolean {
  for (let i = 0; i < k; i++) {
    for (const [value, { min, max }] of bounds[i]!) {
      const n = panel.filter((code) => values.get(code)![i] === value).length;
      if (n < min || n > max) return false;
    }
  }
  return true;
}

/** Brute force: can `accepted` plus some of `ahead` make exactly `size` codes meeting `bounds`? */
function completable(accepted: string[], ahead: string[], size: number, values: Values, bounds: Bounds, k: number): boolean {
  const need = size - accepted.length;
  if (need < 0 || need > ahead.length) return false;
  for (const more of subsets(ahead, need)) if (meets([...accepted, ...more], values, bounds, k)) return true;
  return false;
}

/** The reference draw: the procedure as docs/stratified-draw.md words it, by enumeration. */
function referenceDraw(order: string[], values: Values, quotas: Quotas) {
  const k = quotas.categories.length;
  const size = Math.min(quotas.capacity, order.length);
  const bounds: Bounds = {};
  for (let i = 0; i < k; i++) {
    const names = new Set([...Object.keys(quotas.categories[i]!.values), ...order.map((c) => values.get(c)![i]!)]);
    bounds[i] = new Map([...names].sort().map((v) => [v, { ...(quotas.categories[i]!.values[v] ?? { min: 0, max: quotas.capacity }) }]));
  }
  const relaxations: Relaxation[] = [];
  const relaxStep = (step: Relaxation['step'], i: number, bound: 'min' | 'max', to: (value: string) => number) => {
    for (const [value, b] of bounds[i]!) {
      const next = bound === 'min' ? Math.min(b.min, to(value)) : Math.max(b.max, to(value));
      if (next !== b[bound]) relaxations.push({ step, category: quotas.categories[i]!.name, value, bound, from: b[bound], to: next });
      b[bound] = next;
    }
  };
  const feasible = () => completable([], order, size, values, bounds, k);
  if (!feasible()) for (let i = 0; i < k; i++) relaxStep('R1', i, 'min', (v) => order.filter((c) => values.get(c)![i] === v).length);
  for (let i = k - 1; i >= 0; i--) if (!feasible()) relaxStep('R2', i, 'max', () => quotas.capacity);
  for (let i = k - 1; i >= 0; i--) if (!feasible()) relaxStep('R3', i, 'min', () => 0);
  const accepted: string[] = [];
  const waiting: string[] = [];
  const skips: { position: number; code: string; reason: SkipReason }[] = [];
  order.forEach((code, index) => {
    if (accepted.length === size) return void waiting.push(code);
    const reason = referenceReason(code, accepted, order.slice(index + 1), size, values, bounds, quotas);
    if (!reason) return void accepted.push(code);
    waiting.push(code);
    skips.push({ position: index + 1, code, reason });
  });
  const effective = quotas.categories.map((c, i) => ({ name: c.name, values: Object.fromEntries(Object.keys(c.values).map((v) => [v, bounds[i]!.get(v)!])) }));
  return { size, relaxations, accepted, waiting, skips, quotas: { capacity: quotas.capacity, categories: effective } };
}

/** Undefined when the code is accepted, else why not, tried in the documented order. */
function referenceReason(code: string, accepted: string[], ahead: string[], size: number, values: Values, bounds: Bounds, quotas: Quotas): SkipReason | undefined {
  const k = quotas.categories.length;
  const withCode = [...accepted, code];
  for (let i = 0; i < k; i++) {
    const value = values.get(code)![i]!;
    if (withCode.filter((c) => values.get(c)![i] === value).length > bounds[i]!.get(value)!.max) return { kind: 'maximum', category: quotas.categories[i]!.name, value };
  }
  if (completable(withCode, ahead, size, values, bounds, k)) return undefined;
  for (const [kind, bound, relaxed] of [['minimum', 'min', 0], ['completion', 'max', quotas.capacity]] as const) {
    for (let i = 0; i < k; i++) {
      for (const [value, b] of bounds[i]!) {
        if (b[bound] === relaxed) continue;
        const old = b[bound];
        b[bound] = relaxed;
        const ok = completable(withCode, ahead, size, values, bounds, k);
        b[bound] = old;
        if (ok) return { kind, category: quotas.categories[i]!.name, value };
      }
    }
  }
  return { kind: 'quotas' };
}

/** A random small case: up to 10 codes, 0–2 categories of 1–3 values, quotas that pass quotaProblems. */
function randomCase(random: (n: number) => number, maxCodes = 10) {
  const n = 2 + random(maxCodes - 1);
  const k = random(6) === 0 ? 0 : 1 + random(2);
  const domains = [['a', 'b', 'c'].slice(0, 1 + random(3)), ['1', '2', '3'].slice(0, 1 + random(3))];
  const pool = Array.from({ length: n }, (_, i) => `K${String(i).padStart(2, '0')}`);
  const values: Values = new Map(pool.map((code) => [code, domains.slice(0, k).map((d) => d[random(d.length)]!)]));
  // Mostly more codes than places; sometimes not (no draw).
  const capacity = random(8) === 0 ? n + random(2) : 1 + random(n - 1);
  const categories = domains.slice(0, k).map((domain, i) => {
    const named: Record<string, { min: number; max: number }> = {};
    for (const value of [...domain, 'z']) {
      if (random(5) === 0 || (value === 'z' && random(4) > 0)) continue;
      // Around the value's proportional share, so that quotas bind often and fail sometimes.
      const share = (capacity * pool.filter((code) => values.get(code)![i] === value).length) / n;
      const min = Math.max(0, Math.floor(share) - random(2));
      named[value] = { min, max: Math.max(min, Math.ceil(share) - random(2)) };
    }
    return { name: ['dzielnica', 'wiek'][i]!, values: named };
  });
  const quotas: Quotas = { capacity, categories };
  if (quotaProblems(quotas).length > 0) for (const c of categories) for (const b of Object.values(c.values)) b.min = 0;
  return { pool, values, quotas, key: `${random(1e6)}./CASE/` };
}

describe('the stratified draw against a brute-force implementation', () => {
  it('gives identical panels, waiting lists, skip reasons and relaxations on 3,000 random small pools', () => {
    const random = seededRandom(14);
    const tally = { relaxed: 0, skipped: 0, minimum: 0, completion: 0, noDraw: 0 };
    for (let c = 0; c < 3000; c++) {
      const { pool, values, quotas, key } = randomCase(random);
      const order = pool.length > quotas.capacity ? drawOrder(pool, key) : pool;
      const actual = stratifiedDraw(order, values, quotas);
      const expected = referenceDraw(order, values, quotas);
      expect({ case: c, ...actual }).toEqual({ case: c, outcome: pool.length > quotas.capacity ? 'draw' : 'no-draw', ...expected });
      tally.relaxed += Number(actual.relaxations.length > 0);
      tally.skipped += Number(actual.skips.length > 0);
      tally.minimum += Number(actual.skips.some((s) => s.reason.kind === 'minimum'));
      tally.completion += Number(actual.skips.some((s) => s.reason.kind === 'completion'));
      tally.noDraw += Number(actual.outcome === 'no-draw');
    }
    // The cases exercise every branch, not just the easy one.
    expect(tally).toEqual({ relaxed: expect.toSatisfy((n: number) => n >= 300), skipped: expect.toSatisfy((n: number) => n >= 300), minimum: expect.toSatisfy((n: number) => n >= 20), completion: expect.toSatisfy((n: number) => n >= 5), noDraw: expect.toSatisfy((n: number) => n >= 200) });
    console.log('stratified brute-force comparison:', tally);
  });

  it('promotes the code the brute-force walk of the waiting list accepts first', () => {
    const random = seededRandom(41);
    let promoted = 0;
    for (let c = 0; c < 600; c++) {
      const { pool, values, quotas, key } = randomCase(random);
      if (pool.length <= quotas.capacity) continue;
      const draw = stratifiedDraw(drawOrder(pool, key), values, quotas);
      const leaving = draw.accepted[random(draw.accepted.length)]!;
      const staying = draw.accepted.filter((code) => code !== leaving);
      const result = promote(staying, draw.waiting, values, draw.quotas, draw.size);
      const bounds: Bounds = {};
      quotas.categories.forEach((category, i) => {
        const names = new Set([...Object.keys(category.values), ...pool.map((code) => values.get(code)![i]!)]);
        bounds[i] = new Map([...names].map((v) => [v, draw.quotas.categories[i]!.values[v] ?? { min: 0, max: quotas.capacity }]));
      });
      const k = quotas.categories.length;
      if (completable(staying, draw.waiting, draw.size, values, bounds, k)) {
        const index = draw.waiting.findIndex((code, i) => !referenceReason(code, staying, draw.waiting.slice(i + 1), draw.size, values, bounds, quotas));
        expect(result).toMatchObject({ code: draw.waiting[index], rule: 'quotas' });
        expect(meets([...staying, result.code!], values, bounds, k)).toBe(true);
        promoted += 1;
      } else {
        expect(result.rule).not.toBe('quotas');
      }
    }
    expect(promoted).toBeGreaterThan(200);
  });
});

/** A medium random case: 20–120 codes, up to 2 categories of 2–6 values, quotas near proportional shares. */
function mediumCase(random: (n: number) => number) {
  const n = 20 + random(101);
  const k = random(3);
  const domains = [0, 1].map((i) => Array.from({ length: 2 + random(5) }, (_, j) => `${'dw'[i]}${j}`));
  const pool = Array.from({ length: n }, (_, i) => `P${String(i).padStart(3, '0')}`);
  const skew = domains.map((d) => d.map(() => 1 + random(4)));
  const pick = (i: number) => {
    let r = random(skew[i]!.reduce((a, b) => a + b, 0));
    return domains[i]![skew[i]!.findIndex((w) => (r -= w) < 0)]!;
  };
  const values: Values = new Map(pool.map((code) => [code, domains.slice(0, k).map((_, i) => pick(i))]));
  const capacity = 1 + random(n - 1);
  const categories = domains.slice(0, k).map((domain, i) => ({
    name: ['dzielnica', 'wiek'][i]!,
    values: Object.fromEntries(domain.filter(() => random(4) > 0).map((value) => {
      const share = (capacity * pool.filter((code) => values.get(code)![i] === value).length) / n;
      const min = Math.max(0, Math.floor(share) - random(2));
      return [value, { min, max: Math.max(min, Math.ceil(share) + random(3) - 1) }];
    })),
  }));
  const quotas: Quotas = { capacity, categories };
  if (quotaProblems(quotas).length > 0) for (const c of categories) for (const b of Object.values(c.values)) b.min = 0;
  return { pool, values, quotas, key: `${random(1e6)}./MEDIUM/` };
}

/** Seats of every value in `panel`, checked against `quotas` (values not named: 0 … capacity). */
function meetsQuotas(panel: readonly string[], values: Values, quotas: Quotas): boolean {
  return quotas.categories.every((category, i) =>
    Object.entries(category.values).every(([value, { min, max }]) => {
      const seats = panel.filter((code) => values.get(code)![i] === value).length;
      return seats >= min && seats <= max;
    }),
  );
}

describe('properties of the stratified draw', () => {
  it('meets every quota whenever the pool allows it, and the relaxed quotas otherwise (400 medium pools)', () => {
    const random = seededRandom(2026);
    let unrelaxed = 0;
    for (let c = 0; c < 400; c++) {
      const { pool, values, quotas, key } = mediumCase(random);
      const result = stratifiedDraw(drawOrder(pool, key), values, quotas);
      expect(result.accepted).toHaveLength(result.size);
      expect(meetsQuotas(result.accepted, values, result.quotas)).toBe(true);
      if (result.relaxations.length === 0) {
        unrelaxed += 1;
        expect(meetsQuotas(result.accepted, values, quotas)).toBe(true);
      }
      expect([...result.accepted, ...result.waiting].sort()).toEqual([...pool].sort());
    }
    expect(unrelaxed).toBeGreaterThan(200);
  });

  it('equals the plain RFC 3797 draw without quotas, or with quotas that never bind', () => {
    const random = seededRandom(3797);
    for (let c = 0; c < 200; c++) {
      const { pool, values, key } = mediumCase(random);
      const capacity = 1 + random(pool.length - 1);
      const order = drawOrder(pool, key);
      const k = values.get(pool[0]!)!.length;
      const loose = { capacity, categories: Array.from({ length: k }, (_, i) => ({ name: `k${i}`, values: Object.fromEntries([...new Set(pool.map((code) => values.get(code)![i]!))].map((v) => [v, { min: 0, max: capacity }])) })) };
      for (const quotas of [loose, { capacity, categories: [] }]) {
        const result = stratifiedDraw(order, quotas.categories.length === 0 ? new Map(pool.map((code) => [code, []])) : values, quotas);
        expect({ accepted: result.accepted, waiting: result.waiting, skips: result.skips }).toEqual({ accepted: order.slice(0, capacity), waiting: order.slice(capacity), skips: [] });
      }
    }
  });

  it('gives the same result for the same inputs, whatever order the values and quotas are listed in', () => {
    const random = seededRandom(7);
    for (let c = 0; c < 100; c++) {
      const { pool, values, quotas, key } = mediumCase(random);
      const order = drawOrder(pool, key);
      const reversedValues = new Map([...values].reverse());
      const reversedQuotas = { ...quotas, categories: quotas.categories.map((category) => ({ ...category, values: Object.fromEntries(Object.entries(category.values).reverse()) })) };
      const first = stratifiedDraw(order, values, quotas);
      const again = stratifiedDraw([...order], reversedValues, reversedQuotas);
      expect({ ...again, quotas: undefined }).toEqual({ ...first, quotas: undefined });
    }
  });

  it('keeps the quotas through a chain of withdrawals and promotions', () => {
    const random = seededRandom(99);
    let byQuotas = 0;
    for (let c = 0; c < 200; c++) {
      const { pool, values, quotas, key } = mediumCase(random);
      const draw = stratifiedDraw(drawOrder(pool, key), values, quotas);
      let [accepted, waiting] = [draw.accepted, draw.waiting];
      for (let step = 0; step < 3 && waiting.length > 0; step++) {
        const leaving = accepted[random(accepted.length)]!;
        accepted = accepted.filter((code) => code !== leaving);
        const outcome = promote(accepted, waiting, values, draw.quotas, draw.size);
        if (outcome.code === undefined) break;
        expect(waiting.slice(0, waiting.indexOf(outcome.code)).map((code, i) => ({ position: i + 1, code }))).toEqual(outcome.skips.map(({ position, code }) => ({ position, code })));
        accepted = [...accepted, outcome.code];
        waiting = waiting.filter((code) => code !== outcome.code);
        if (outcome.rule === 'quotas') {
          byQuotas += 1;
          expect(meetsQuotas(accepted, values, draw.quotas)).toBe(true);
        }
      }
    }
    expect(byQuotas).toBeGreaterThan(300);
  });
});

describe('the documented cases', () => {
  const values: Values = new Map([['UX', ['u', 'x']], ['UY', ['u', 'y']], ['VX', ['v', 'x']], ['VY', ['v', 'y']]]);
  const quotas = (district: Record<string, { min: number; max: number }>, age: Record<string, { min: number; max: number }>, capacity = 2): Quotas => ({
    capacity,
    categories: [{ name: 'dzielnica', values: district }, { name: 'wiek', values: age }],
  });

  it('skips for a full maximum, for a minimum that would become unreachable, and for a panel that could not be completed', () => {
    expect(stratifiedDraw(['UX', 'UY', 'VX'], values, quotas({ u: { min: 0, max: 1 } }, {}, 1)).skips).toEqual([]);
    expect(stratifiedDraw(['UX', 'UY', 'VX'], values, quotas({ u: { min: 0, max: 1 } }, {})).skips).toEqual([{ position: 2, code: 'UY', reason: { kind: 'maximum', category: 'dzielnica', value: 'u' } }]);
    expect(stratifiedDraw(['UX', 'UY', 'VX'], values, quotas({ v: { min: 1, max: 2 } }, {})).skips).toEqual([{ position: 2, code: 'UY', reason: { kind: 'minimum', category: 'dzielnica', value: 'v' } }]);
    // VY would leave no seat for the minima of u and of x: neither alone explains it.
    expect(stratifiedDraw(['VY', 'UX'], values, quotas({ u: { min: 1, max: 1 } }, { x: { min: 1, max: 1 } }, 1)).skips).toEqual([{ position: 1, code: 'VY', reason: { kind: 'quotas' } }]);
    // UX fills both u and x; then UY and VX would each break one: the panel of 2 could not be completed.
    expect(stratifiedDraw(['UX', 'UY', 'VX'], values, quotas({ u: { min: 0, max: 1 } }, { x: { min: 0, max: 1 } })).skips).toEqual([{ position: 1, code: 'UX', reason: { kind: 'completion', category: 'dzielnica', value: 'u' } }]);
  });

  it('relaxes in the fixed order, recording each change, and accepts everyone when the pool fits', () => {
    const result = stratifiedDraw(['UX', 'VX', 'VY'], values, quotas({ u: { min: 2, max: 2 } }, { x: { min: 0, max: 0 } }));
    expect(result.relaxations).toEqual([
      { step: 'R1', category: 'dzielnica', value: 'u', bound: 'min', from: 2, to: 1 },
      { step: 'R2', category: 'wiek', value: 'x', bound: 'max', from: 0, to: 2 },
    ]);
    expect(result.accepted).toEqual(['UX', 'VX']);
    const fits = stratifiedDraw(['UX', 'UY'], values, quotas({ v: { min: 1, max: 2 } }, {}, 5));
    expect(fits).toMatchObject({ outcome: 'no-draw', size: 2, accepted: ['UX', 'UY'], waiting: [], relaxations: [{ step: 'R1', value: 'v', from: 1, to: 0 }] });
  });

  it('promotes by the maxima alone when the quotas can no longer be met, and leaves the place empty when no one fits', () => {
    const q = quotas({ u: { min: 1, max: 1 }, v: { min: 1, max: 1 } }, {});
    expect(promote(['VX'], ['VY'], values, q, 2)).toEqual({ code: undefined, rule: 'none', skips: [{ position: 1, code: 'VY', reason: { kind: 'maximum', category: 'dzielnica', value: 'v' } }] });
    expect(promote(['VX'], ['UY'], values, q, 2)).toEqual({ code: 'UY', rule: 'quotas', skips: [] });
    expect(promote(['VX'], [], values, quotas({ u: { min: 1, max: 2 } }, {}), 2)).toEqual({ code: undefined, rule: 'none', skips: [] });
    expect(promote([], ['VX', 'VY'], values, quotas({ u: { min: 1, max: 2 } }, {}), 2)).toEqual({ code: 'VX', rule: 'maxima', skips: [] });
  });
});

describe('the stratified modules', () => {
  it('import nothing from Node, so the browser verifier can run them', () => {
    const modules = ['quota-flow.ts', 'quota-walk.ts', 'quotas.ts', 'stratified.ts', 'stratified-command.ts'];
    const imports = modules.flatMap((name) => [...readFileSync(new URL(name, import.meta.url), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]!));
    expect(imports.length).toBeGreaterThan(8);
    expect(imports.filter((source) => !/^\.\/[a-z0-9-]+\.ts$/.test(source) && source !== 'astro/zod')).toEqual([]);
  });
});

describe('category values named like JavaScript object properties', () => {
  it('are values like any other, in the pool and in the quotas', () => {
    const values = new Map([['A01', ['constructor']], ['A02', ['constructor']], ['A03', ['toString']], ['A04', ['I']]]);
    // No quota binds: the plain draw's first three.
    expect(stratifiedDraw(['A01', 'A02', 'A03', 'A04'], values, { capacity: 3, categories: [{ name: 'd', values: {} }] }).accepted).toEqual(['A01', 'A02', 'A03']);
    const capped = readQuotas('{"capacity":2,"categories":[{"name":"d","values":{"constructor":{"min":1,"max":1},"toString":{"min":1,"max":1}}}]}');
    const result = stratifiedDraw(['A01', 'A02', 'A03', 'A04'], values, capped);
    expect(result.accepted).toEqual(['A01', 'A03']);
    expect(result.skips).toEqual([{ position: 2, code: 'A02', reason: { kind: 'maximum', category: 'd', value: 'constructor' } }]);
  });

  it('refuse "__proto__" as a quota value by name instead of losing it', () => {
    expect(() => readQuotas('{"capacity":2,"categories":[{"name":"d","values":{"__proto__":{"min":1,"max":1}}}]}')).toThrow(/zastrzeżona/);
  });
});
