import { describe, expect, it } from 'vitest';
import { hashConfirmationToken, looksLikeConfirmationToken, newConfirmationToken } from './confirmation-token.ts';

describe('confirmation tokens', () => {
  it('are URL-safe, unique and stored only as a hash', () => {
    const tokens = Array.from({ length: 1000 }, newConfirmationToken);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1000);
    for (const { token, hash } of tokens) {
      expect(looksLikeConfirmationToken(token)).toBe(true);
      expect(encodeURIComponent(token)).toBe(token);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(hashConfirmationToken(token));
      expect(hash).not.toContain(token);
    }
  });

  it('reject anything not shaped like a token', () => {
    for (const bad of ['', 'abc', `${'a'.repeat(42)}=`, `${'a'.repeat(44)}`, `${'a'.repeat(42)}/`]) expect(looksLikeConfirmationToken(bad)).toBe(false);
  });
});
