import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { drawnResultEmails, drawResultEmail } from './emails.ts';

const entry = {
  id: 'proba',
  kind: 'programme',
  title: `Warsztaty „<Zielone> & 'podwórka'” na 1. pozycji`,
  page: '/programy/proba/',
  closedEarly: false,
} as unknown as CatalogueEntry;
const resultsUrl = 'https://wspolnie.example/losowania/proba?a=1&b=2';

describe('drawnResultEmails', () => {
  it('gives exactly drawResultEmail’s subject, text and HTML for places and waiting-list positions', () => {
    const compose = drawnResultEmails(entry, resultsUrl);
    const cases = [
      { code: '4KX7-PQ2M', result: { status: 'accepted' as const }, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=abc&x="1"' },
      { code: 'ZZZZ-2222', result: { status: 'waitlisted' as const, position: 1 }, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=def' },
      { code: 'AB23-CD45', result: { status: 'waitlisted' as const, position: 48_000 }, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=<g>' },
    ];
    for (const { code, result, withdrawUrl } of cases) {
      const expected = drawResultEmail({ entry, code, result: result.status === 'accepted' ? { status: 'accepted', drawn: true } : result, withdrawUrl, resultsUrl });
      expect(compose(code, result, withdrawUrl)).toEqual(expected);
    }
  });
});
