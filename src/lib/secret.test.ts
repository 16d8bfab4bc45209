import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError, loadSecret } from './secret.ts';

const dir = mkdtempSync(join(tmpdir(), 'wspolnie-secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the link key', () => {
  it('comes from WSPOLNIE_SECRET, and a short one is refused without quoting it', () => {
    const secret = 'x'.repeat(40);
    expect(loadSecret({ WSPOLNIE_SECRET: secret }, join(dir, 'unused')).toString()).toBe(secret);
    let error: Error | undefined;
    try {
      loadSecret({ WSPOLNIE_SECRET: 'krotki-sekret' });
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toContain('WSPOLNIE_SECRET jest za krótki');
    expect(error?.message).not.toContain('krotki-sekret');
  });

  it('is generated once into a private file when none is set locally, and reused', () => {
    const file = join(dir, 'nested/secret');
    const first = loadSecret({}, file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecret({}, file)).toEqual(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString());
  });

  it('must be set in production and on Netlify', () => {
    for (const env of [{ NODE_ENV: 'production' }, { CONTEXT: 'production' }, { NETLIFY: 'true' }]) {
      expect(() => loadSecret(env, join(dir, 'never'))).toThrow(/Brak WSPOLNIE_SECRET: w środowisku produkcyjnym ustaw ten klucz/);
    }
  });
});
