import { describe, expect, it, vi } from 'vitest';
import submit from '../../functions/zapisy.ts';
import { checkServerlessSettings } from './runtime.ts';

describe('the sign-up functions on Netlify', () => {
  it('refuse the embedded database and a missing mail server with a sentence naming the variable', () => {
    expect(() => checkServerlessSettings({ SMTP_URL: 'smtp://x' })).toThrow(/brak DATABASE_URL\. Na Netlify zgłoszenia muszą trafiać do bazy PostgreSQL/);
    expect(() => checkServerlessSettings({ DATABASE_URL: 'postgres://x' })).toThrow(/brak SMTP_URL/);
    expect(() => checkServerlessSettings({ DATABASE_URL: 'postgres://x', SMTP_URL: 'smtp://x' })).not.toThrow();
  });

  it('answer 503 in Polish, never a stack trace, when the runtime cannot be built', async () => {
    const saved = process.env['DATABASE_URL'];
    delete process.env['DATABASE_URL'];
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const request = new Request('https://wspolnie.example/api/zapisy', { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: '{}' });
      const response = await submit(request, {});
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('120');
      const body = (await response.json()) as { errors: { message: string }[] };
      expect(body.errors[0]?.message).toContain('brak DATABASE_URL');
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
      expect(logged.mock.calls.flat().join('\n')).toContain('/api/zapisy: Zapisy nie są skonfigurowane: brak DATABASE_URL');
    } finally {
      logged.mockRestore();
      if (saved !== undefined) process.env['DATABASE_URL'] = saved;
    }
  });
});
