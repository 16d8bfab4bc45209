import { describe, expect, it } from 'vitest';
import { defaultSessionPolicy, sessionState } from './sessions.ts';

const minute = 60_000;
const start = new Date('2026-03-02T08:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * minute);

describe('sessionState', () => {
  it('is live while requests keep coming within the idle limit', () => {
    expect(sessionState({ createdAt: start, lastSeenAt: start }, at(29))).toBe('live');
    expect(sessionState({ createdAt: start, lastSeenAt: at(400) }, at(429))).toBe('live');
  });

  it('ends after 30 minutes without a request, to the millisecond', () => {
    expect(sessionState({ createdAt: start, lastSeenAt: start }, new Date(at(30).getTime() - 1))).toBe('live');
    expect(sessionState({ createdAt: start, lastSeenAt: start }, at(30))).toBe('idle-expired');
  });

  it('ends after 8 hours however active it is', () => {
    expect(defaultSessionPolicy.absoluteMs).toBe(8 * 60 * minute);
    expect(sessionState({ createdAt: start, lastSeenAt: at(479) }, new Date(at(480).getTime() - 1))).toBe('live');
    expect(sessionState({ createdAt: start, lastSeenAt: at(479) }, at(480))).toBe('expired');
  });

  it('follows a policy it is given', () => {
    const policy = { idleMs: 5 * minute, absoluteMs: 10 * minute };
    expect(sessionState({ createdAt: start, lastSeenAt: at(4) }, at(8), policy)).toBe('live');
    expect(sessionState({ createdAt: start, lastSeenAt: at(2) }, at(7), policy)).toBe('idle-expired');
    expect(sessionState({ createdAt: start, lastSeenAt: at(9) }, at(10), policy)).toBe('expired');
  });

  it('does not trust a session created in the future', () => {
    expect(sessionState({ createdAt: at(10), lastSeenAt: at(10) }, start)).toBe('expired');
  });
});
