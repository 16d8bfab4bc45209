import { describe, expect, it } from 'vitest';
import { decide, fingerprintOf } from './decide.ts';

const now = new Date('2026-05-04T08:00:00Z');
const later = '2026-05-10T08:00:00.000Z';
const earlier = '2026-05-01T08:00:00.000Z';

describe('what is news for followers', () => {
  it('a new programme, consultation or report is; a new event, a programme published cancelled and an unanswered request are not', () => {
    expect(decide('programme', undefined, { status: 'announced' }, now)).toBe('new-programme');
    expect(decide('programme', undefined, { status: 'cancelled' }, now)).toBeUndefined();
    expect(decide('consultation', undefined, { status: 'planned' }, now)).toBe('new-consultation');
    expect(decide('report', undefined, {}, now)).toBe('new-report');
    expect(decide('event', undefined, { status: 'planned', start: later }, now)).toBeUndefined();
    expect(decide('request', undefined, { status: 'filed', answeredOn: '2026-05-01' }, now)).toBeUndefined();
    expect(decide('request', undefined, { status: 'rejected', answeredOn: '2026-05-01', answer: 'Nie.' }, now)).toBe('request-answered');
  });

  it('a cancellation is, once, and an event only before it begins', () => {
    expect(decide('programme', { status: 'ongoing' }, { status: 'cancelled' }, now)).toBe('cancelled');
    expect(decide('programme', { status: 'cancelled' }, { status: 'cancelled' }, now)).toBeUndefined();
    expect(decide('event', { status: 'planned', start: later }, { status: 'cancelled', start: later }, now)).toBe('cancelled');
    expect(decide('event', { status: 'planned', start: earlier }, { status: 'cancelled', start: earlier }, now)).toBeUndefined();
    expect(decide('event', { status: 'planned', start: later }, { status: 'moved', start: later }, now)).toBeUndefined();
  });

  it('an answer is, and a changed answer again; the consultation that follows an accepted request is not', () => {
    const filed = { status: 'verification', answeredOn: '2026-05-01' };
    const accepted = { status: 'accepted', answeredOn: '2026-05-04', answer: 'Tak.' };
    expect(decide('request', filed, accepted, now)).toBe('request-answered');
    expect(decide('request', accepted, { ...accepted, answer: 'Tak, w czerwcu.' }, now)).toBe('request-answered');
    expect(decide('request', accepted, { status: 'consultation', answeredOn: '2026-05-20', answer: 'Tak.' }, now)).toBeUndefined();
  });

  it('the fingerprint ignores the order of keys and absent values', () => {
    expect(fingerprintOf({ status: 'planned', start: later })).toBe(fingerprintOf({ start: later, status: 'planned', answer: undefined }));
    expect(fingerprintOf({ status: 'planned' })).not.toBe(fingerprintOf({ status: 'cancelled' }));
  });
});
