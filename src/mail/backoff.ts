/**
 * When to try an email again after a failed attempt: exponential backoff
 * with jitter, so a mail server coming back after an outage is not hit by
 * every queued message in the same second.
 */

export interface RetryPolicy {
  /** Delay after the first failure, before jitter. */
  baseMs: number;
  /** Longest delay, before jitter. */
  maxMs: number;
  /** Attempts in all; after the last failure the email is marked failed. */
  maxAttempts: number;
}

/** 1, 2, 4 … minutes up to 6 hours; ten attempts span about a day. */
export const defaultRetryPolicy: RetryPolicy = { baseMs: 60_000, maxMs: 6 * 3_600_000, maxAttempts: 10 };

/**
 * Delay after failed attempt number `attempt` (1-based): the exponential
 * step, of which a random half is jitter ("equal jitter"), so the delay
 * always grows on average yet never drops below half the step.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy = defaultRetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** The next attempt's time, or undefined when attempts are used up. */
export function nextAttemptAt(attempt: number, now: Date, policy: RetryPolicy = defaultRetryPolicy, random: () => number = Math.random): Date | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  return new Date(now.getTime() + retryDelayMs(attempt, policy, random));
}
