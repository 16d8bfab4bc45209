import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('the in-process rate limiter', () => {
  const start = 1_800_000_000_000 - (1_800_000_000_000 % 60_000); // the start of a window

  it('lets windowLimit requests through per address, then refuses until the window slides on', () => {
    const limiter = createRateLimiter({ windowLimit: 3, windowSize: 60 });
    expect([1, 2, 3, 4].map((i) => limiter.allow('1.2.3.4', start + i))).toEqual([true, true, true, false]);
    expect(limiter.allow('5.6.7.8', start + 5)).toBe(true);
    expect(limiter.retryAfter('1.2.3.4', start + 10)).toBe(60);
    // Half-way through the next window half of the previous count still weighs: one more fits.
    expect(limiter.allow('1.2.3.4', start + 90_000)).toBe(true);
    expect(limiter.allow('1.2.3.4', start + 90_001)).toBe(false);
    expect(limiter.allow('1.2.3.4', start + 180_000)).toBe(true);
  });

  it('forgets addresses it has not seen for two windows', () => {
    const limiter = createRateLimiter({ windowLimit: 1, windowSize: 1 });
    for (let i = 0; i < 1000; i++) limiter.allow(`10.0.${i >> 8}.${i & 255}`, start);
    expect(limiter.size).toBe(1000);
    limiter.allow('10.9.9.9', start + 3_000);
    expect(limiter.size).toBe(1);
  });
});
