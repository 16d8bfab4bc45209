import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, nextAttemptAt, retryDelayMs } from './backoff.ts';

describe('retry backoff', () => {
  it('doubles from one minute and stops growing at six hours', () => {
    const noJitter = () => 1;
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, defaultRetryPolicy, noJitter))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20, defaultRetryPolicy, noJitter)).toBe(6 * 3_600_000);
  });

  it('keeps the jitter within the upper half of each step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const step = Math.min(defaultRetryPolicy.maxMs, defaultRetryPolicy.baseMs * 2 ** (attempt - 1));
        const delay = retryDelayMs(attempt, defaultRetryPolicy, () => r);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }),
    );
  });

  it('gives up after the last attempt', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(nextAttemptAt(defaultRetryPolicy.maxAttempts - 1, now)).toBeInstanceOf(Date);
    expect(nextAttemptAt(defaultRetryPolicy.maxAttempts, now)).toBeUndefined();
  });
});
