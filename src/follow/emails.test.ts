import { describe, expect, it } from 'vitest';
import { linksIn } from '../mail/template.ts';
import { changeEmail, confirmFollowEmail, digestEmail } from './emails.ts';

const unsubscribeUrl = 'https://wspolnie.example/api/obserwuj/wypisz?t=abc.def';

describe('the follow emails', () => {
  it('a change: the headline as subject, the page, who follows what, and the unsubscribe link last', () => {
    const email = changeEmail({
      kind: 'cancelled',
      content: { itemKind: 'event', title: 'Warsztat „Zielone podwórka”', page: '/wydarzenia/w1/', context: 'Wspólne Projekty', start: '2026-05-10T08:00:00.000Z' },
      pageUrl: 'https://wspolnie.example/wydarzenia/w1/',
      followed: 'temat „zieleń”',
      unsubscribeUrl,
    });
    expect(email.subject).toBe('Odwołane wydarzenie: Warsztat „Zielone podwórka” — Wspólnie');
    expect(email.text).toContain('Dotyczy: Wspólne Projekty.');
    expect(email.text).toContain('Wydarzenie miało się odbyć 10 maja 2026, godz. 10:00.');
    expect(email.text).toContain('Dostajesz tę wiadomość, bo obserwujesz: temat „zieleń”.');
    expect(linksIn(email.text)).toEqual(['https://wspolnie.example/wydarzenia/w1/', unsubscribeUrl]);
    expect(email.html).toContain('„Zielone podwórka”');
    expect(email.html).not.toContain('<script');
  });

  it('an answer quotes the city, shortened past 1,000 characters', () => {
    const answer = 'Tak. '.repeat(300);
    const email = changeEmail({ kind: 'request-answered', content: { itemKind: 'request', title: 'Park', page: '/konsultacje/wnioski/park/', status: 'rejected', answer }, pageUrl: 'https://wspolnie.example/konsultacje/wnioski/park/', followed: 'wnioski o konsultacje: Dzielnica XIII Podgórze', unsubscribeUrl });
    expect(email.text).toContain('Miasto odrzuciło wniosek.');
    expect(email.text).toContain(`Odpowiedź: ${answer.slice(0, 1_000)}…`);
  });

  it('the digest counts its changes in Polish; the confirmation names the link and its expiry', () => {
    const entry = { kind: 'new-report' as const, content: { itemKind: 'report' as const, title: 'Raport', page: '/archiwum/raport/' }, pageUrl: 'https://wspolnie.example/archiwum/raport/' };
    expect(digestEmail({ day: '2026-05-04', entries: [entry, entry, entry, entry, entry], followed: 'x', unsubscribeUrl }).subject).toBe('Podsumowanie dnia 4 maja 2026: 5 zmian — Wspólnie');
    expect(digestEmail({ day: '2026-05-04', entries: [entry], followed: 'x', unsubscribeUrl }).subject).toBe('Podsumowanie dnia 4 maja 2026: 1 zmiana — Wspólnie');
    const confirm = confirmFollowEmail({ followed: 'program „A”', frequency: 'daily', confirmUrl: 'https://wspolnie.example/api/obserwuj/potwierdz?t=x', expires: new Date('2026-05-06T08:00:00Z') });
    expect(confirm.text).toContain('raz dziennie');
    expect(confirm.text).toContain('Link działa do 6 maja 2026, godz. 10:00.');
    expect(linksIn(confirm.text)).toEqual(['https://wspolnie.example/api/obserwuj/potwierdz?t=x']);
  });
});
