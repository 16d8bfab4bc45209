import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { escapeHtml } from '../lib/html.ts';
import { stand } from '../mail/outbox-bulk.ts';
import { drawResultEmail, drawResultStandIns, drawResultTemplates } from './emails.ts';

const entry = {
  id: 'proba',
  kind: 'programme',
  title: `Warsztaty „<Zielone> & 'podwórka'” na 1. pozycji`,
  page: '/programy/proba/',
  closedEarly: false,
} as unknown as CatalogueEntry;
const resultsUrl = 'https://wspolnie.example/losowania/proba?a=1&b=2';

/** What the database does with each template (replace() per stand-in, src/mail/outbox-bulk.ts). */
const fill = (template: string, values: string[]) => drawResultStandIns.reduce((text, name, i) => text.replaceAll(stand(name), values[i]!), template);

describe('drawResultTemplates', () => {
  it('filled with a person’s values, gives exactly drawResultEmail’s subject, text and HTML', () => {
    const templates = drawResultTemplates(entry, resultsUrl);
    const cases = [
      { code: '4KX7-PQ2M', position: undefined, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=abc&x="1"' },
      { code: 'ZZZZ-2222', position: 1, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=def' },
      { code: 'AB23-CD45', position: 48_000, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=<g>' },
    ];
    for (const { code, position, withdrawUrl } of cases) {
      const expected = drawResultEmail({ entry, code, result: position === undefined ? { status: 'accepted', drawn: true } : { status: 'waitlisted', position }, withdrawUrl, resultsUrl });
      const template = position === undefined ? templates.accepted : templates.waitlisted;
      const p = position === undefined ? '' : String(position);
      expect({
        subject: template.subject,
        text: fill(template.text, [code, p, withdrawUrl]),
        html: fill(template.html, [escapeHtml(code), p, escapeHtml(withdrawUrl)]),
      }).toEqual(expected);
    }
  });
});
