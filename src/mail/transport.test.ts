import { describe, expect, it } from 'vitest';
import { createMailTransport, defaultPool, poolSettings } from './transport.ts';

describe('the SMTP pool settings', () => {
  it('default to five connections of 100 messages each', () => {
    expect(poolSettings({})).toEqual({ connections: 5, messagesPerConnection: 100 });
    expect(poolSettings({ SMTP_POOL_SIZE: ' ', SMTP_POOL_MESSAGES: '' })).toEqual(defaultPool);
  });

  it('take SMTP_POOL_SIZE and SMTP_POOL_MESSAGES, and the SMTP transport sends that many at once', () => {
    expect(poolSettings({ SMTP_POOL_SIZE: '12', SMTP_POOL_MESSAGES: '1000' })).toEqual({ connections: 12, messagesPerConnection: 1000 });
    const transport = createMailTransport({ SMTP_URL: 'smtp://127.0.0.1:1', SMTP_POOL_SIZE: '3' });
    expect(transport.concurrency).toBe(3);
    transport.close();
  });

  it('refuse anything but a whole number in range, in Polish, naming the variable and not the value', () => {
    for (const value of ['0', '51', '2.5', '-1', 'pięć', '1e1']) {
      expect(() => poolSettings({ SMTP_POOL_SIZE: value })).toThrow(new RegExp(`^SMTP_POOL_SIZE musi być liczbą całkowitą od 1 do 50\\.$`));
    }
    expect(() => poolSettings({ SMTP_POOL_MESSAGES: '100001' })).toThrow(/^SMTP_POOL_MESSAGES musi być liczbą całkowitą od 1 do 100000\.$/);
    expect(() => createMailTransport({ SMTP_URL: 'smtp://127.0.0.1:1', SMTP_POOL_SIZE: 'x' })).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
    // Without SMTP_URL (mail to the local folder) a malformed setting is refused too: it would bite on the day SMTP is set.
    expect(() => createMailTransport({ WSPOLNIE_DATA_DIR: '/tmp/wspolnie-transport-test', SMTP_POOL_SIZE: 'abc' })).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
  });
});
