import { describe, expect, it } from 'vitest';
import { failureMessages, parseStatus, submitOutcome } from './form-responses.ts';

describe('parseStatus', () => {
  it('reads a known state and a sensible number of places', () => {
    expect(parseStatus({ state: 'open', placesLeft: 3 })).toEqual({ state: 'open', placesLeft: 3 });
    expect(parseStatus({ state: 'full-waitlist', placesLeft: 0 })).toEqual({ state: 'full-waitlist', placesLeft: 0 });
    expect(parseStatus({ state: 'closed', placesLeft: -1 })).toEqual({ state: 'closed', placesLeft: undefined });
    expect(parseStatus({ state: 'open', placesLeft: '3' })).toEqual({ state: 'open', placesLeft: undefined });
  });
  it('refuses anything else', () => {
    for (const body of [undefined, null, 'open', [], {}, { state: 'full' }, { status: 'open' }]) expect(parseStatus(body)).toBeUndefined();
  });
});

describe('submitOutcome', () => {
  it('202 means sent', () => expect(submitOutcome(202, undefined)).toEqual({ kind: 'sent' }));

  it('422 shows the server’s errors, dropping malformed ones', () => {
    const errors = [{ field: 'email', message: 'Na ten adres jest już zgłoszenie na ten program' }, { field: 'x' }, 'y'];
    expect(submitOutcome(422, { errors })).toEqual({ kind: 'errors', errors: [errors[0]], status: undefined });
    expect(submitOutcome(422, { errors: [] })).toMatchObject({ kind: 'failed' });
  });

  it('a refusal that changes the window shows the new state', () => {
    expect(submitOutcome(409, { state: 'closed' })).toEqual({ kind: 'state', status: { state: 'closed', placesLeft: undefined } });
    expect(submitOutcome(422, { state: 'full-waitlist', errors: [{ field: '', message: 'Miejsca właśnie się skończyły' }] })).toMatchObject({ kind: 'errors', status: { state: 'full-waitlist' } });
  });

  it('every other failure is one Polish sentence that keeps what was typed', () => {
    expect(submitOutcome(429, undefined)).toEqual({ kind: 'failed', message: failureMessages.tooMany });
    expect(submitOutcome(403, 'Forbidden')).toEqual({ kind: 'failed', message: failureMessages.refused });
    expect(submitOutcome(413, undefined)).toEqual({ kind: 'failed', message: failureMessages.tooLarge });
    expect(submitOutcome(503, { error: 'x' })).toEqual({ kind: 'failed', message: failureMessages.server });
    expect(submitOutcome(404, undefined)).toMatchObject({ kind: 'failed', message: expect.stringContaining('kod 404') });
    for (const m of [...Object.values(failureMessages)]) expect(m).toMatch(/[.]$/);
  });
});
