import { describe, expect, it } from 'vitest';
import { composeEmail, linksIn } from './template.ts';

describe('email templates', () => {
  it('build a text part and an HTML part from the same blocks, Polish intact', () => {
    const link = 'https://wspolnie.example/zgloszenia/potwierdz?t=abc_DEF-123&p=x';
    const email = composeEmail('Potwierdź zgłoszenie — Budżet Obywatelski', [
      { paragraph: 'Dzień dobry, dziękujemy za zgłoszenie na warsztaty „Zielone podwórka”.' },
      { link, label: 'Potwierdź zgłoszenie' },
    ]);
    expect(email.text).toContain('„Zielone podwórka”');
    expect(email.text).toContain(`Potwierdź zgłoszenie:\n${link}\n`);
    expect(email.html).toContain('<html lang="pl">');
    expect(email.html).toContain('<meta charset="utf-8">');
    expect(email.html).toContain(`<a href="${link.replace('&', '&amp;')}">Potwierdź zgłoszenie</a>`);
    expect(email.html).toContain('<title>Potwierdź zgłoszenie — Budżet Obywatelski</title>');
    expect(linksIn(email.text)).toEqual([link]);
  });

  it('find the links in a text', () => {
    expect(linksIn('a http://x.pl/a?b=1 b\nhttps://y.pl/ż "https://z.pl/q"')).toEqual(['http://x.pl/a?b=1', 'https://y.pl/ż', 'https://z.pl/q']);
    expect(linksIn('no links here')).toEqual([]);
  });
});
