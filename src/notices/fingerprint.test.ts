import { describe, expect, it } from 'vitest';
import { changedFields, decide, fingerprintOf, stateOf, type EventState } from './fingerprint.ts';

const base = {
  status: 'planned' as const,
  start: new Date('2026-05-16T08:00:00Z'),
  end: new Date('2026-05-16T12:00:00Z'),
  place: { name: 'Centrum Obywatelskie', address: 'ul. Reymonta 20, Kraków', room: 'sala 2' },
  onlineUrl: undefined,
  phone: undefined,
};
const now = new Date('2026-05-01T10:00:00Z');

describe('event fingerprint', () => {
  it('is the same for the same state, whatever the key order or blank extras', () => {
    const reordered = { phone: undefined, place: { room: 'sala 2', address: 'ul. Reymonta 20, Kraków ', name: 'Centrum Obywatelskie' }, end: base.end, start: base.start, status: 'planned' as const, onlineUrl: undefined };
    expect(fingerprintOf(stateOf(reordered))).toBe(fingerprintOf(stateOf(base)));
    expect(fingerprintOf(stateOf(base))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with each field residents care about', () => {
    const prints = [
      base,
      { ...base, status: 'cancelled' as const },
      { ...base, start: new Date('2026-05-16T09:00:00Z') },
      { ...base, end: new Date('2026-05-16T13:00:00Z') },
      { ...base, place: { ...base.place, room: 'sala 3' } },
      { ...base, onlineUrl: 'https://spotkanie.example/abc' },
      { ...base, phone: '12 323 31 44' },
    ].map((e) => fingerprintOf(stateOf(e)));
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('names the fields that changed', () => {
    const before = stateOf(base);
    expect(changedFields(before, stateOf({ ...base, status: 'moved', start: new Date('2026-05-23T08:00:00Z'), end: new Date('2026-05-23T12:00:00Z') }))).toEqual(['status', 'time']);
    expect(changedFields(before, stateOf({ ...base, status: 'online', onlineUrl: 'https://spotkanie.example/abc' }))).toEqual(['status', 'onlineUrl']);
    expect(changedFields(before, stateOf({ ...base, place: { address: 'ul. Inna 1, Kraków' } }))).toEqual(['place']);
    expect(changedFields(before, before)).toEqual([]);
  });
});

describe('what the job does with an event', () => {
  const planned = stateOf(base);
  const cancelled: EventState = { ...planned, status: 'cancelled' };

  it('takes a planned event seen for the first time as the baseline, without a notice', () => {
    expect(decide(undefined, planned, now)).toEqual({ kind: 'first-seen', notify: false });
  });

  it('tells people about an event first seen already cancelled, while it has not ended', () => {
    expect(decide(undefined, cancelled, now)).toEqual({ kind: 'first-seen', notify: true });
    expect(decide(undefined, cancelled, new Date('2026-05-16T12:00:01Z'))).toEqual({ kind: 'first-seen', notify: false });
  });

  it('sends nothing for an unchanged event, and a notice for a change to one not yet over', () => {
    expect(decide(planned, stateOf(base), now)).toEqual({ kind: 'unchanged' });
    expect(decide(planned, cancelled, now)).toEqual({ kind: 'changed', fields: ['status'], notify: true });
  });

  it('records but does not announce a change to an event long past', () => {
    expect(decide(planned, cancelled, new Date('2027-01-01T00:00:00Z'))).toEqual({ kind: 'changed', fields: ['status'], notify: false });
  });

  it('announces a move of a past event into the future', () => {
    const moved = stateOf({ ...base, status: 'moved', start: new Date('2026-06-01T08:00:00Z'), end: new Date('2026-06-01T12:00:00Z') });
    expect(decide(planned, moved, new Date('2026-05-20T00:00:00Z'))).toMatchObject({ kind: 'changed', notify: true });
  });
});
