import { describe, expect, it } from 'vitest';
import { endOfWarsawDay, finalAnswerDay, parseRequests, requestRetentionDays, takesSupports, type RequestEntry } from './requests-file.ts';

const entry = (overrides: Partial<RequestEntry> = {}): RequestEntry => ({
  id: 'skwer',
  title: 'Skwer',
  url: '/konsultacje/wnioski/skwer/',
  filedOn: '2026-03-01',
  procedure: 'small',
  applicantKind: 'residents',
  supportersNeeded: 50,
  status: 'filed',
  statusOn: '2026-03-01',
  supportUntil: '2026-03-29',
  finalAnswerOn: null,
  ...overrides,
});

describe('the requests file', () => {
  it('ends a Warsaw day at its midnight, in winter, in summer and on both days the clocks change', () => {
    expect(endOfWarsawDay('2026-01-15').toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(endOfWarsawDay('2026-07-15').toISOString()).toBe('2026-07-15T22:00:00.000Z');
    expect(endOfWarsawDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(endOfWarsawDay('2026-10-25').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(() => endOfWarsawDay('wczoraj')).toThrow(RangeError);
  });

  it('takes supports until the last day ends in Warsaw, and never after a final answer or without a day', () => {
    expect(takesSupports(entry(), new Date('2026-03-29T21:59:59Z'))).toBe(true);
    expect(takesSupports(entry(), new Date('2026-03-29T22:00:00Z'))).toBe(false);
    expect(takesSupports(entry({ finalAnswerOn: '2026-03-10' }), new Date('2026-03-05T12:00:00Z'))).toBe(false);
    expect(takesSupports(entry({ supportUntil: null }), new Date('2026-03-05T12:00:00Z'))).toBe(false);
  });

  it('dates the final answer by the first acceptance or refusal, else the consultation', () => {
    expect(finalAnswerDay([{ status: 'filed', date: '2026-03-01' }, { status: 'verification', date: '2026-03-05' }])).toBeNull();
    expect(finalAnswerDay([{ status: 'filed', date: '2026-03-01' }, { status: 'accepted', date: '2026-03-20' }, { status: 'consultation', date: '2026-04-10' }])).toBe('2026-03-20');
    expect(finalAnswerDay([{ status: 'filed', date: '2026-03-01' }, { status: 'rejected', date: '2026-03-21' }])).toBe('2026-03-21');
    expect(finalAnswerDay([{ status: 'consultation', date: '2026-04-10' }])).toBe('2026-04-10');
  });

  it('keeps supporters the days of the rule set of the filing day', () => {
    expect(requestRetentionDays({ filedOn: '2026-03-01' })).toBe(90);
  });

  it('reads back what the build writes, and refuses a damaged file without quoting it', () => {
    const requests = parseRequests({ generatedAt: '2026-03-01T10:00:00.000Z', requests: [entry()] });
    expect(requests.get('skwer')?.supportersNeeded).toBe(50);
    expect(requests.get('brak')).toBeUndefined();
    expect(() => parseRequests({ generatedAt: 'x', requests: [{ ...entry(), supportersNeeded: -1, title: 'Tajne' }] })).toThrow(/at generatedAt, requests\.0\.supportersNeeded/);
  });
});
