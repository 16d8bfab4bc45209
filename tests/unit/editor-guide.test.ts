/**
 * The editors' guide names fields as the CMS shows them. When a schema label,
 * an option or a refusal message changes, this test points at the guide.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { plainReference } from '../../src/schemas/common.ts';
import { contentSchemas } from '../../src/schemas/index.ts';
import { eventKinds, eventStatuses } from '../../src/data/events.ts';
import { enrolmentFields, enrolmentModes, programmeStatuses } from '../../src/data/programmes.ts';
import { attachmentFormats, reportTypes } from '../../src/data/reports.ts';
import { newsKinds } from '../../src/data/news.ts';
import { loginMessages } from '../../src/cms/oauth.ts';
import { planMethods, requestAreas, requestStatuses } from '../../src/data/consultation-requests.ts';
import { applicantKinds, consultationProcedures } from '../../src/data/consultation-rules.ts';
import { remarkActionStatuses, remarkChannels, remarkDecisions } from '../../src/data/consultations.ts';

const guide = await readFile(new URL('../../docs/przewodnik-redaktora.md', import.meta.url), 'utf8');
const schemaSources = await Promise.all(
  ['common', 'event', 'enrolment', 'page', 'programme', 'report', 'news', 'consultation', 'consultation-request', 'consultation-plan', 'remarks'].map((name) =>
    readFile(new URL(`../../src/schemas/${name}.ts`, import.meta.url), 'utf8'),
  ),
);

/** Every `labelled(…)` title of every content schema. */
function schemaTitles(): Set<string> {
  const titles = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'title' && typeof child === 'string') titles.add(child);
        walk(child);
      }
    }
  };
  for (const schema of Object.values(contentSchemas(plainReference))) {
    walk(z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }));
  }
  return titles;
}

const optionLabels = [eventKinds, eventStatuses, programmeStatuses, enrolmentModes, enrolmentFields, reportTypes, attachmentFormats, newsKinds, requestStatuses, requestAreas, planMethods, applicantKinds, consultationProcedures, remarkChannels, remarkDecisions, remarkActionStatuses].flatMap(
  (e) => e.options.map((o) => o.label),
);

/**
 * Words of the CMS screen itself: Decap's Polish locale (decap-cms-locales,
 * `pl`), the collection names and the body field of src/cms/config.ts, and
 * GitHub's authorize button.
 */
const screenWords = [
  'Zaloguj przez GitHub', 'Wyloguj się', 'Authorize',
  'Treść', 'Przebieg redakcyjny', 'Multimedia', 'Filtruj po',
  'Programy', 'Wydarzenia', 'Aktualności', 'Archiwum dokumentów', 'Konsultacje', 'Strony stałe',
  '＋ Program', '＋ Wydarzenie', '＋ Aktualność', '＋ Dokument',
  'Wnioski o konsultacje', 'Plany konsultacji', '＋ Wniosek o konsultacje', '＋ Roczny plan konsultacji',
  // Decap's button for a list item, named by src/cms/list-item-names.ts.
  'Dodaj uwagę', 'Dodaj działanie',
  'Zapisz', 'Status', 'Wersja robocza', 'Wersje robocze', 'W recenzji', 'Gotowe', 'Gotowe do publikacji',
  'Opublikuj', 'Opublikuj teraz', 'Zobacz podgląd',
  'Wybierz plik', 'Prześlij nowe', 'Wybierz zaznaczone', 'Dodaj adres URL pliku',
  'Nagłówek 2', 'Nagłówek 3',
];

describe('docs/przewodnik-redaktora.md', () => {
  it('puts in bold only names the editor will find on the screen (or whole sentences)', () => {
    const known = new Set([...schemaTitles(), ...optionLabels, ...screenWords]);
    const bold = [...guide.matchAll(/\*\*([^*]+?)\*\*/g)].map((m) => m[1]!.replace(/\s+/g, ' '));
    // A sentence or a quoted message in bold is emphasis, not a field name.
    const names = bold.filter((text) => !/[.:]$/.test(text) && !text.startsWith('„'));
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    expect(names.length).toBeGreaterThan(50);
  });

  it('quotes the refusal messages exactly as the schemas word them', () => {
    const table = guide.slice(guide.indexOf('| komunikat | dlaczego |'));
    const quoted = [...table.matchAll(/^\| ([^|]+?) \| [^|]+ \|$/gm)].map((m) => m[1]!).filter((m) => m !== 'komunikat' && m !== '---');
    expect(quoted.length).toBeGreaterThan(15);
    for (const message of quoted.filter((m) => m !== 'To pole jest wymagane.')) {
      expect(schemaSources.some((source) => source.includes(message)), message).toBe(true);
    }
  });

  it('quotes the login error messages exactly as the login page words them', () => {
    for (const message of [loginMessages.notStartedHere, loginMessages.accessDenied]) {
      expect(guide.replace(/\s+/g, ' ')).toContain(message.replace(/ \(.*$/, '').slice(0, 60));
    }
    expect(guide).toContain('Logowanie do panelu redakcyjnego nie jest skonfigurowane: brak');
  });
});
