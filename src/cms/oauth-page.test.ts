import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, decapMessage, handshakePage } from './oauth-page.ts';

const dataOf = (html: string) => JSON.parse(/<script id="cms-auth-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);

describe('decapMessage', () => {
  it('speaks the format decap-cms-lib-auth parses', () => {
    expect(decapMessage({ kind: 'success', token: 'gho_abc' })).toBe('authorization:github:success:{"token":"gho_abc","provider":"github"}');
    expect(decapMessage({ kind: 'error', problem: 'Błąd „x”' })).toBe('authorization:github:error:{"message":"Błąd „x”"}');
  });
});

describe('handshakePage', () => {
  it('keeps hostile text inside its element: escaped in HTML, inert in the JSON block', () => {
    const problem = '</script><script>alert(1)</script><!-- & "';
    const html = handshakePage({ kind: 'error', problem }, 'https://wspolnie.example');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;');
    expect(dataOf(html)).toEqual({
      origin: 'https://wspolnie.example',
      handshake: 'authorizing:github',
      message: decapMessage({ kind: 'error', problem }),
    });
  });

  it('is Polish, titled "Błąd:" on failure, and runs only the script the policy hashes', () => {
    const failed = handshakePage({ kind: 'error', problem: 'Coś poszło nie tak.' }, 'https://wspolnie.example');
    const done = handshakePage({ kind: 'success', token: 'gho_abc' }, 'https://wspolnie.example');
    expect(failed).toContain('<html lang="pl">');
    expect(failed).toContain('<title>Błąd: Nie udało się zalogować do panelu redakcyjnego</title>');
    expect(done).toContain('<title>Zalogowano do panelu redakcyjnego</title>');
    for (const html of [failed, done]) {
      const script = /<script>(.*?)<\/script>/s.exec(html)![1]!;
      expect(contentSecurityPolicy).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    }
  });
});
