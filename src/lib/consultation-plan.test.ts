import { describe, expect, it } from 'vitest';
import { comparePlan, outcomeText, planQuarterChanges, quarterLastDay, quarterOf, type HeldConsultation, type PlanFacts } from './consultation-plan.ts';

const held = (id: string, start: string): HeldConsultation => ({ id, title: id, status: 'completed', period: { start } });
const register = [held('zasady', '2025-11-07'), held('zielen', '2025-05-12'), held('parki', '2025-08-20'), held('rowery', '2026-02-01'), held('budzet', '2025-03-03')];
const plan: PlanFacts = {
  year: 2025,
  items: [
    { topic: 'Zasady', unit: 'Referat', quarter: 4, method: 'form', consultation: { id: 'zasady' } },
    { topic: 'Zieleń', unit: 'ZZM', quarter: 1, method: 'citizens-panel', consultation: { id: 'zielen' } },
    { topic: 'Rowery', unit: 'ZTP', quarter: 4, method: 'meeting', consultation: { id: 'rowery' } },
    { topic: 'Nocna komunikacja', unit: 'ZTP', quarter: 2, method: 'survey' },
    { topic: 'Hałas', unit: 'WS', quarter: 4, method: 'survey' },
  ],
};
const lastYear: PlanFacts = { year: 2024, items: [{ topic: 'Budżet', unit: 'Referat', quarter: 4, method: 'form', consultation: { id: 'budzet' } }] };

describe('quarters', () => {
  it('of a day, and the last day of each', () => {
    expect(['2025-01-01', '2025-03-31', '2025-04-01', '2025-09-30', '2025-10-01', '2025-12-31'].map(quarterOf)).toEqual([1, 1, 2, 3, 4, 4]);
    expect([1, 2, 3, 4].map((q) => quarterLastDay(2025, q))).toEqual(['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
  });
});

describe('a plan beside the register', () => {
  it('tells each item: as planned, another quarter, another year, not held once its quarter is over, else still to come', () => {
    const { planned } = comparePlan(plan, register, '2025-10-15', [lastYear]);
    expect(planned.map((row) => [row.item.topic, row.outcome])).toEqual([
      ['Zieleń', { kind: 'other-quarter', quarter: 2 }],
      ['Nocna komunikacja', { kind: 'not-held' }],
      ['Zasady', { kind: 'as-planned' }],
      ['Rowery', { kind: 'other-year', year: 2026, quarter: 1 }],
      ['Hałas', { kind: 'pending' }],
    ]);
    expect(comparePlan(plan, register, '2026-01-01').planned.at(-1)!.outcome).toEqual({ kind: 'not-held' });
  });

  it("lists what was held in the year outside the plan, and what another year's plan named", () => {
    const { unplanned, counts } = comparePlan(plan, register, '2026-01-01', [lastYear, plan]);
    expect(unplanned.map((row) => [row.held.id, row.outcome])).toEqual([
      ['budzet', { kind: 'planned-in-other-year', year: 2024 }],
      ['parki', { kind: 'unplanned' }],
    ]);
    expect(counts).toEqual({ 'as-planned': 1, 'other-quarter': 1, 'other-year': 1, pending: 0, 'not-held': 2, unplanned: 1, 'planned-in-other-year': 1 });
  });

  it('treats an item naming a consultation missing from the register as not held', () => {
    const { planned } = comparePlan({ year: 2025, items: [{ topic: 'X', unit: 'U', quarter: 1, method: 'form', consultation: { id: 'usuniete' } }] }, register, '2025-06-01');
    expect(planned[0]).toMatchObject({ held: undefined, outcome: { kind: 'not-held' } });
  });

  it('says each outcome in Polish', () => {
    expect(outcomeText({ kind: 'other-quarter', quarter: 2 }, 1)).toBe('Przeprowadzone w innym kwartale: II kw. zamiast I kw.');
    expect(outcomeText({ kind: 'other-year', year: 2026, quarter: 1 })).toBe('Przeprowadzone w innym roku: I kw. 2026 r.');
    expect(outcomeText({ kind: 'planned-in-other-year', year: 2024 })).toBe('Z planu na 2024 r.');
    expect(outcomeText({ kind: 'not-held' })).toBe('Nieprzeprowadzone: kwartał minął');
  });
});

describe('rebuilds for a plan', () => {
  it('fall at the midnight after each quarter that has an item not held, only while ahead of the build', () => {
    expect(planQuarterChanges(plan, new Date('2025-05-01T10:00:00Z'))).toEqual([
      { from: '2025-06-30T22:00:00.000Z', what: 'koniec 2. kwartału planu konsultacji 2025' },
      { from: '2025-12-31T23:00:00.000Z', what: 'koniec 4. kwartału planu konsultacji 2025' },
    ]);
    expect(planQuarterChanges(plan, new Date('2026-01-01T00:00:00Z'))).toEqual([]);
  });
});
