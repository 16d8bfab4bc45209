import { describe, expect, it } from 'vitest';
import { legacySequence, nextRevision, sequenceOf, stampOf } from './revision.ts';

const now = new Date('2026-03-02T13:05:09.750Z');

describe('the revision the CMS writes on a save', () => {
  it('starts a new event at 0, stamped with the time of the save in Warsaw time', () => {
    expect(nextRevision({ title: 'Nowe', sequence: 12 }, { isNew: true, now })).toEqual({ sequence: 0, updated: '2026-03-02T14:05:09+01:00' });
  });

  it('raises the counter of an existing event by one', () => {
    expect(nextRevision({ sequence: 4, updated: '2026-03-01T10:00:00+01:00' }, { isNew: false, now })).toEqual({ sequence: 5, updated: '2026-03-02T14:05:09+01:00' });
    // A number typed as text in a hand-edited file counts the same.
    expect(nextRevision({ sequence: '4' }, { isNew: false, now }).sequence).toBe(5);
  });

  it('never moves the stamp back, even when this computer’s clock is behind the last save', () => {
    expect(nextRevision({ sequence: 4, updated: '2026-03-02T15:00:00+01:00' }, { isNew: false, now }).updated).toBe('2026-03-02T15:00:01+01:00');
    expect(nextRevision({ sequence: 4, updated: new Date('2026-03-02T14:00:00Z') }, { isNew: false, now }).updated).toBe('2026-03-02T15:00:01+01:00');
  });

  it('continues from what this page wrote last when the form was not reloaded', () => {
    const first = nextRevision({ sequence: 4 }, { isNew: false, now });
    const second = nextRevision({ sequence: 4 }, { isNew: false, now, lastWritten: first });
    expect(second.sequence).toBe(6);
    expect(Date.parse(second.updated)).toBeGreaterThan(Date.parse(first.updated));
  });

  it('lifts an entry saved before it had a counter above anything the feed published for it', () => {
    // Published as cancelled, decided 2020-03-13: SEQUENCE 7377. Restoring clears the day in the form before the save.
    expect(legacySequence('2020-03-13')).toBe(7377);
    const restored = nextRevision({ status: 'planned' }, { isNew: false, now }).sequence;
    expect(restored).toBeGreaterThan(7377);
    // Today's day number (9557 for 2 March 2026) stands in for any decision up to today; one decided later still counts.
    expect(restored).toBe(9557 + 1);
    expect(nextRevision({ status: 'cancelled', statusDecidedOn: '2027-01-01' }, { isNew: false, now }).sequence).toBe(legacySequence('2027-01-01') + 1);
    expect(nextRevision({ status: 'cancelled', statusDecidedOn: new Date('2027-01-01T00:00:00Z') }, { isNew: false, now }).sequence).toBe(legacySequence('2027-01-01') + 1);
  });

  it('does not throw on malformed fields, which the schema check reports', () => {
    expect(nextRevision({ sequence: -3, statusDecidedOn: '13.03.2020', updated: 'wczoraj' }, { isNew: false, now })).toEqual({ sequence: 9558, updated: '2026-03-02T14:05:09+01:00' });
    expect(nextRevision({ sequence: '' }, { isNew: false, now }).sequence).toBe(9558);
  });
});

describe('what the feed publishes', () => {
  it('takes the counter when there is one, else the decision-day number', () => {
    expect(sequenceOf({ sequence: 2, statusDecidedOn: '2020-03-13' })).toBe(2);
    expect(sequenceOf({ statusDecidedOn: '2020-03-13' })).toBe(7377);
    expect(sequenceOf({})).toBe(0);
  });

  it('stamps with the last save to the second, else as before', () => {
    expect(stampOf({ updated: now }).toISOString()).toBe('2026-03-02T13:05:09.000Z');
    expect(stampOf({ statusDecidedOn: '2020-03-13' }).toISOString()).toBe('2020-03-13T12:00:00.000Z');
  });
});
