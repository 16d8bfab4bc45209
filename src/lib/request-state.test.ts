import { describe, expect, it } from 'vitest';
import type { RequestRuleSet } from '../data/consultation-rules.ts';
import { requestDailyChange, requestState, ruleSetChanges, ruleSetInForce, supportEndChange, unansweredDays, unansweredText, type RequestFacts } from './request-state.ts';

const filed: RequestFacts = {
  title: 'Zieleń na placu Wolnica',
  applicant: { kind: 'residents' },
  procedure: 'standard',
  filedOn: '2026-02-02',
  supportersVerified: 120,
  history: [
    { status: 'filed', date: '2026-02-02' },
    { status: 'verification', date: '2026-02-10' },
  ],
};
const answered: RequestFacts = { ...filed, history: [...filed.history, { status: 'rejected', date: '2026-03-20', reason: 'Poza zadaniami gminy.' }] };

describe('a request under the rules of its filing day', () => {
  it('needs the supporters of its applicant and procedure, and an answer within answerDays of filing', () => {
    const state = requestState(filed);
    expect(state.rules.id).toBe('krakow-2018');
    expect(state.needed).toBe(200);
    expect(state.answerDue).toBe('2026-03-04');
    expect(state.current.status).toBe('verification');
    expect(state.answeredOn).toBeUndefined();
    expect(requestState({ ...filed, procedure: 'small', applicant: { kind: 'ngo' } }).needed).toBe(3);
    expect(requestState({ ...filed, applicant: { kind: 'mayor' } }).needed).toBe(0);
    expect(requestState(answered).answeredOn).toBe('2026-03-20');
  });

  it('is overdue from the day after its due day, counted in days since filing, until it is answered', () => {
    expect(unansweredDays(filed, '2026-03-04')).toBeUndefined();
    expect(unansweredDays(filed, '2026-03-05')).toBe(31);
    expect(unansweredDays(filed, '2026-04-03')).toBe(60);
    expect(unansweredDays(answered, '2026-04-03')).toBeUndefined();
  });

  it('says it in Polish with the genitive after "od"', () => {
    expect([1, 2, 5, 22, 31].map(unansweredText)).toEqual(['bez odpowiedzi od 1 dnia', 'bez odpowiedzi od 2 dni', 'bez odpowiedzi od 5 dni', 'bez odpowiedzi od 22 dni', 'bez odpowiedzi od 31 dni']);
  });

  it('changes its pages every midnight from the one after its due day, and not once answered', () => {
    expect(requestDailyChange(filed)).toEqual({ from: '2026-03-04T23:00:00.000Z', what: 'wniosek bez odpowiedzi: Zieleń na placu Wolnica' });
    expect(requestDailyChange(answered)).toBeUndefined();
  });

  it('rebuilds once when online support ends (the midnight after its last day, Warsaw), only while ahead and unanswered', () => {
    const supported = { ...filed, onlineSupport: { until: '2026-03-20' } };
    expect(supportEndChange(supported, new Date('2026-03-10T12:00:00Z'))).toEqual({ from: '2026-03-20T23:00:00.000Z', what: 'koniec zbierania poparć: Zieleń na placu Wolnica' });
    expect(supportEndChange(supported, new Date('2026-03-21T00:00:00Z'))).toBeUndefined();
    expect(supportEndChange({ ...answered, onlineSupport: { until: '2026-03-20' } }, new Date('2026-03-10T12:00:00Z'))).toBeUndefined();
    expect(supportEndChange(filed, new Date('2026-03-10T12:00:00Z'))).toBeUndefined();
  });

  it('cannot be judged before the first rule set', () => {
    expect(() => requestState({ ...filed, filedOn: '2018-09-30' })).toThrow(RangeError);
  });
});

describe('the rule sets over time', () => {
  const adopted: RequestRuleSet = { id: 'a', name: 'A', source: 'Uchwała A', inForceFrom: '2018-10-01', figuresConfirmed: true, supportersNeeded: {}, answerDays: 30, reportDays: 30, supportRetentionDays: 90 };
  const later: RequestRuleSet = { ...adopted, id: 'b', name: 'B', inForceFrom: '2027-07-01' };
  const proposal: RequestRuleSet = { ...adopted, id: 'p', name: 'P', inForceFrom: null };

  it('finds the set in force, none before the first', () => {
    expect(ruleSetInForce('2026-12-01')?.id).toBe('krakow-2018');
    expect(ruleSetInForce('2018-09-30')).toBeUndefined();
  });

  it('lists a coming rule set once, while it is ahead of the build, never a proposal', () => {
    expect(ruleSetChanges(new Date('2026-12-01T12:00:00Z'), [adopted, later, proposal])).toEqual([{ from: '2027-06-30T22:00:00.000Z', what: 'wejście w życie: B' }]);
    expect(ruleSetChanges(new Date('2027-07-01T08:00:00Z'), [adopted, later, proposal])).toEqual([]);
  });
});
