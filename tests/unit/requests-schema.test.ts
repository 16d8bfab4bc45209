/**
 * The schemas of requests for a consultation and of the annual plan (issue
 * 16), beyond the one counter-example per rule of
 * tests/integration/cms-rules.test.ts: thresholds by applicant and
 * procedure at the edge, the statuses' order, what a plan accepts. Every
 * refusal is Polish and names the field.
 */
import { describe, expect, it } from 'vitest';
import { plainReference } from '../../src/schemas/common.ts';
import { planSchema } from '../../src/schemas/consultation-plan.ts';
import { requestSchema } from '../../src/schemas/consultation-request.ts';

const requests = requestSchema(plainReference);
const plans = planSchema(plainReference);

const accepted = (kind: string, procedure: string, supportersVerified: number) => ({
  title: 'Wniosek',
  applicant: { kind },
  district: 'city',
  procedure,
  filedOn: '2026-02-02',
  supportersVerified,
  history: [
    { status: 'filed', date: '2026-02-02' },
    { status: 'accepted', date: '2026-02-20' },
  ],
  answer: 'Przyjęty.',
});
const refusals = (value: unknown) => {
  const result = requests.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a request accepted', () => {
  it.each([
    ['residents', 'standard', 200],
    ['residents', 'small', 50],
    ['ngo', 'standard', 5],
    ['ngo', 'small', 3],
  ])('from %s (%s) needs %i verified supporters under the 2018 rules, not one fewer', (kind, procedure, needed) => {
    expect(refusals(accepted(kind, procedure, needed))).toEqual([]);
    expect(refusals(accepted(kind, procedure, needed - 1))).toEqual([
      'supportersVerified: Wniosku nie można przyjąć: ma mniej zweryfikowanych poparć, niż wymagają zasady obowiązujące w dniu jego złożenia.',
    ]);
  });

  it.each(['district-council', 'councillors', 'mayor'])('from %s needs no supporters', (kind) => {
    expect(refusals(accepted(kind, 'standard', 0))).toEqual([]);
  });

  it('is judged by the filing day, not by the day it was accepted', () => {
    // Filed before any rule set: refused as such, and the threshold rule does not guess a set.
    const early = { ...accepted('residents', 'standard', 0), filedOn: '2018-09-30', history: [{ status: 'filed', date: '2018-09-30' }, { status: 'accepted', date: '2018-10-20' }] };
    expect(refusals(early)).toEqual(['filedOn: Przed 2018-10-01 nie obowiązywały zasady konsultacji zapisane na portalu (src/data/consultation-rules.ts); sprawdź datę złożenia.']);
  });
});

describe("a request's history", () => {
  it('may skip verification, but not reach a consultation without acceptance, nor go on after a refusal', () => {
    const base = accepted('mayor', 'standard', 0);
    expect(refusals({ ...base, history: [{ status: 'filed', date: '2026-02-02' }, { status: 'consultation', date: '2026-02-20' }], consultation: 'k' })).toEqual([
      'history: Statusy wniosku idą w kolejności: złożony → w weryfikacji → przyjęty albo odrzucony → konsultacje (tylko po przyjęciu); żadnego nie powtarza się.',
    ]);
    const rejected = { status: 'rejected', date: '2026-02-20', reason: 'Nie.' };
    expect(refusals({ ...base, history: [{ status: 'filed', date: '2026-02-02' }, rejected, { status: 'accepted', date: '2026-02-21' }] })).toHaveLength(1);
    expect(refusals({ ...base, history: [] })[0]).toMatch(/^history: /);
  });

  it('refuses a reason of blanks for a refusal, and a private name for residents', () => {
    const base = accepted('residents', 'standard', 300);
    expect(refusals({ ...base, history: [{ status: 'filed', date: '2026-02-02' }, { status: 'rejected', date: '2026-02-20', reason: '   ' }] })[0]).toMatch(/^history\.1\.reason: /);
    expect(refusals({ ...base, applicant: { kind: 'ngo', name: 'Fundacja' } })).toEqual([]);
    expect(refusals({ ...base, applicant: { kind: 'residents', name: 'Anna Nowak' } })).toEqual([
      'applicant.name: Nie podawaj imienia i nazwiska mieszkańca: nazwę wpisuje się tylko dla organizacji, rady dzielnicy, radnych lub urzędu.',
    ]);
  });

  it('refuses an unknown district and a negative count in Polish', () => {
    const issues = refusals({ ...accepted('residents', 'standard', 300), district: 'XIX', supportersVerified: -1 });
    expect(issues.map((i) => i.split(':')[0])).toEqual(['district', 'supportersVerified']);
    expect(issues[0]).toMatch(/^district: Nieprawidłowa opcja: oczekiwano jednej z wartości "city"\|"I"/);
    expect(issues[1]).toMatch(/^supportersVerified: Zbyt mał.*>=0/);
  });
});

describe('a plan', () => {
  const item = { topic: 'Zieleń', unit: 'ZZM', quarter: 2, method: 'citizens-panel' };
  it('takes a year of items with a citizens’ panel among the methods, and none at all', () => {
    expect(plans.safeParse({ year: 2027, items: [item] }).success).toBe(true);
    expect(plans.parse({ year: 2027 }).items).toEqual([]);
  });

  it('refuses a fifth quarter and a method no one knows', () => {
    const result = plans.safeParse({ year: 2027, items: [{ ...item, quarter: 5 }, { ...item, method: 'referendum' }] });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['items.0.quarter', 'items.1.method']);
  });
});
