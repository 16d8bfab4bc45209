import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLinkSigner, toLinkPrecision } from './links.ts';

const key = Buffer.from('a-test-key-that-is-long-enough-0123456789');
const signer = createLinkSigner(key, 'https://wspolnie.example/');
const id = '6f1c9a52-0b7e-4a43-9d0e-2f4d3c1b8a77';
const expires = new Date('2026-03-04T09:00:00Z');

describe('signed links', () => {
  it('carry the id and expiry, read back only with the same key', () => {
    const token = signer.confirmToken(id, expires);
    expect(encodeURIComponent(token)).toBe(token);
    expect(signer.readConfirmToken(token)).toEqual({ applicationId: id, expires });
    expect(createLinkSigner(Buffer.from('another-key-another-key-another-key!!'), 'https://x').readConfirmToken(token)).toBeUndefined();
    expect(signer.confirmUrl(id, expires)).toBe(`https://wspolnie.example/api/zapisy/potwierdz?t=${token}`);
    expect(signer.withdrawUrl(id)).toBe(`https://wspolnie.example/api/zapisy/rezygnacja?t=${signer.withdrawToken(id)}`);
  });

  it('give the same confirmation link for the same id and expiry (a re-sent email repeats it)', () => {
    expect(signer.confirmToken(id, expires)).toBe(signer.confirmToken(id, new Date(expires.getTime() + 999)));
    expect(signer.confirmToken(id, expires)).not.toBe(signer.confirmToken(id, new Date(expires.getTime() + 1000)));
    expect(toLinkPrecision(new Date('2026-03-04T09:00:00.750Z'))).toEqual(expires);
  });

  it('keep purposes apart: a withdrawal token never confirms, and the other way round', () => {
    const withdraw = signer.withdrawToken(id);
    expect(signer.readWithdrawToken(withdraw)).toBe(id);
    expect(signer.readConfirmToken(withdraw)).toBeUndefined();
    expect(signer.readWithdrawToken(signer.confirmToken(id, expires))).toBeUndefined();
  });

  it('reject every altered token', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Array.from({ length: 20 }, () => randomUUID())), fc.nat(), fc.string({ minLength: 1, maxLength: 2 }), (uuid, at, insert) => {
        for (const token of [signer.confirmToken(uuid, expires), signer.withdrawToken(uuid)]) {
          const i = at % token.length;
          const altered = token.slice(0, i) + insert + token.slice(i + 1);
          if (altered === token) continue;
          expect(signer.readConfirmToken(altered)).toBeUndefined();
          expect(signer.readWithdrawToken(altered)).toBeUndefined();
        }
      }),
    );
    for (const junk of ['', '.', 'a.b.c', `${'A'.repeat(22)}.zz.${'A'.repeat(32)}`]) {
      expect(signer.readConfirmToken(junk)).toBeUndefined();
      expect(signer.readWithdrawToken(junk)).toBeUndefined();
    }
  });
});
