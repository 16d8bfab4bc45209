import { describe, expect, it } from 'vitest';
import { requestRuleSets, ruleSetOn, supportersNeeded, type RequestRuleSet } from './consultation-rules.ts';

const set = (id: string, inForceFrom: string | null): RequestRuleSet => ({
  ...requestRuleSets[0]!,
  id,
  inForceFrom,
});

describe('ruleSetOn', () => {
  const sets = [set('old', '2018-10-01'), set('new', '2026-01-01'), set('proposal', null)];

  it('judges a request by the set in force on its filing day', () => {
    expect(ruleSetOn('2025-12-31', sets).id).toBe('old');
    expect(ruleSetOn('2026-01-01', sets).id).toBe('new');
    expect(ruleSetOn('2030-05-05', sets).id).toBe('new');
  });

  it('never applies a proposal and refuses a day before every adopted set', () => {
    expect(() => ruleSetOn('2018-09-30', sets)).toThrow(RangeError);
    expect(ruleSetOn('2030-01-01', [set('proposal', null), set('old', '2018-10-01')]).id).toBe('old');
  });

  it('has exactly one adopted set on every day from the first, in the shipped file', () => {
    const adopted = requestRuleSets.filter((s) => s.inForceFrom !== null).map((s) => s.inForceFrom);
    expect(new Set(adopted).size).toBe(adopted.length);
    expect(ruleSetOn('2026-12-01').inForceFrom).not.toBeNull();
  });
});

describe('supportersNeeded', () => {
  it('asks supporters of residents and NGOs only', () => {
    const rules = ruleSetOn('2026-12-01');
    expect(supportersNeeded(rules, 'residents', 'standard')).toBeGreaterThan(0);
    expect(supportersNeeded(rules, 'district-council', 'standard')).toBe(0);
    expect(supportersNeeded(rules, 'mayor', 'small')).toBe(0);
  });
});
