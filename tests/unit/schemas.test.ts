import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { plainReference } from '../../src/schemas/common.ts';
import { contentSchemas } from '../../src/schemas/index.ts';

// Editors meet these messages in the CMS and the build log, so each test pins
// the field the message points at and its Polish wording, not just "invalid".

const schemas = contentSchemas(plainReference);

interface Issue {
  path: string;
  message: string;
}

function issuesOf(schema: z.ZodType, value: unknown): Issue[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const workshop = {
  title: 'Warsztat I. Diagnoza potrzeb mieszkańców, generowanie pomysłów',
  programme: 'wspolne-projekty-miejskie-2020',
  kind: 'workshop',
  start: '2020-03-28T10:00:00+01:00',
  end: '2020-03-28T14:00:00+01:00',
  place: { address: 'Kraków' },
};

const phoneDuty = {
  title: 'Dyżur ekspercki telefoniczny',
  consultation: 'jak-rozwijac-konsultacje-spoleczne-w-krakowie-2025',
  kind: 'duty-phone',
  start: '2025-11-14T08:00:00+01:00',
  end: '2025-11-14T15:00:00+01:00',
  phone: '12 323 31 44',
};

const programme = {
  title: 'Wspólne Projekty Miejskie 2020',
  summary: 'Trzy powiązane warsztaty mieszkańców z ekspertami Urzędu Miasta Krakowa.',
  year: 2020,
  status: 'announced',
  organisers: [{ name: 'Urząd Miasta Krakowa' }],
  period: { start: '2020-03-01', end: '2020-04-21' },
  enrolment: {
    opens: '2020-03-01T00:00:00+01:00',
    closes: '2020-03-27T23:59:00+01:00',
    mode: 'lottery',
    capacity: 60,
    drawSources: [{ description: 'Wyniki losowania Lotto z 28 marca 2020 r. (6 liczb)', kind: 'numbers' }],
    drawDate: '2020-03-30T12:00:00+02:00',
  },
};

const report = {
  title: 'Ekspertyza',
  type: 'expert-opinion',
  date: '2020-12-31',
  summary: 'Ekspertyza programu Wspólne Projekty 2020.',
  attachments: [{ title: 'Ekspertyza', file: 'https://plikimpi.krakow.pl/zalacznik/373095', format: 'pdf' }],
};

describe('the fixtures the broken entries are derived from', () => {
  it.each([
    ['a workshop', schemas.events, workshop],
    ['a phone duty hour', schemas.events, phoneDuty],
    ['a programme with a lottery', schemas.programmes, programme],
    ['a report with an external attachment', schemas.reports, report],
  ])('accept %s', (_name, schema, value) => {
    expect(issuesOf(schema, value)).toEqual([]);
  });

  it('read an instant with its offset as the right moment', () => {
    const parsed = schemas.events.parse(workshop);
    expect(parsed.start.toISOString()).toBe('2020-03-28T09:00:00.000Z');
  });
});

describe('events', () => {
  it('refuse a cancelled event without a reason', () => {
    const issues = issuesOf(schemas.events, { ...workshop, status: 'cancelled', statusDecidedOn: '2020-03-13' });
    expect(issues).toEqual([
      { path: 'statusReason', message: 'Podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego.' },
    ]);
  });

  it('refuse a cancelled event whose reason is only spaces', () => {
    const issues = issuesOf(schemas.events, { ...workshop, status: 'cancelled', statusReason: '   ', statusDecidedOn: '2020-03-13' });
    expect(issues).toContainEqual({ path: 'statusReason', message: expect.stringContaining('powód') });
  });

  it('refuse a cancelled event without the day of the decision', () => {
    const issues = issuesOf(schemas.events, { ...workshop, status: 'cancelled', statusReason: 'COVID-19' });
    expect(issues).toEqual([{ path: 'statusDecidedOn', message: 'Podaj datę decyzji o odwołaniu lub zmianie.' }]);
  });

  it('refuse an event that ends before it starts', () => {
    const issues = issuesOf(schemas.events, { ...workshop, end: '2020-03-28T09:00:00+01:00' });
    expect(issues).toEqual([{ path: 'end', message: 'Koniec wydarzenia musi być później niż jego początek.' }]);
  });

  it('refuse a bare local time without an offset', () => {
    const issues = issuesOf(schemas.events, { ...workshop, start: '2020-03-28T10:00:00' });
    // Exactly one issue: the end-after-start check must not pile a second, misleading one on top.
    expect(issues).toEqual([{
      path: 'start',
      message: 'Brak przesunięcia strefy czasowej: „2020-03-28T10:00:00” nie mówi, według której strefy liczyć godzinę. W Polsce obowiązuje wtedy czas zimowy: wpisz 2020-03-28T10:00:00+01:00.',
    }]);
  });

  it('refuse a phone duty hour without a phone number', () => {
    const { phone: _phone, ...withoutPhone } = phoneDuty;
    const issues = issuesOf(schemas.events, withoutPhone);
    expect(issues).toEqual([{ path: 'phone', message: 'Podaj numer telefonu dyżuru telefonicznego.' }]);
  });

  it('refuse a workshop without a place', () => {
    const { place: _place, ...withoutPlace } = workshop;
    const issues = issuesOf(schemas.events, withoutPlace);
    expect(issues).toEqual([{ path: 'place', message: 'Podaj miejsce (adres) wydarzenia stacjonarnego.' }]);
  });

  it('accept a cancelled workshop whose place was never announced', () => {
    const { place: _place, ...withoutPlace } = workshop;
    const cancelled = { ...withoutPlace, status: 'cancelled', statusReason: 'COVID-19', statusDecidedOn: '2020-03-13' };
    expect(issuesOf(schemas.events, cancelled)).toEqual([]);
  });

  it('refuse an unknown kind with the Polish message listing the allowed kinds', () => {
    const issues = issuesOf(schemas.events, { ...workshop, kind: 'festival' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('kind');
    expect(issues[0]?.message).toMatch(/^Nieprawidłowa opcja: oczekiwano jednej z wartości /);
    expect(issues[0]?.message).toContain('"workshop"');
    expect(issues[0]?.message).toContain('"duty-phone"');
  });
});

describe('enrolment', () => {
  it('refuse a lottery without a number of places', () => {
    const { capacity: _capacity, ...withoutCapacity } = programme.enrolment;
    const issues = issuesOf(schemas.programmes, { ...programme, enrolment: withoutCapacity });
    expect(issues).toEqual([
      {
        path: 'enrolment.capacity',
        message: 'Podaj liczbę miejsc: jest wymagana przy losowaniu i przy decydującej kolejności zgłoszeń.',
      },
    ]);
  });

  it('refuse a lottery that announces no source of randomness or no draw date, unless the programme is cancelled', () => {
    const { drawSources: _sources, drawDate: _date, ...unannounced } = programme.enrolment;
    const sources = { path: 'enrolment.drawSources', message: 'Przy losowaniu podaj przed końcem naboru źródła losowości — bez nich nikt nie sprawdzi, że wyniku nie dobrano.' };
    const date = { path: 'enrolment.drawDate', message: 'Przy losowaniu podaj przed końcem naboru datę losowania — bez niej nikt nie sprawdzi, że wyniku nie dobrano.' };
    expect(issuesOf(schemas.programmes, { ...programme, enrolment: unannounced })).toEqual([sources, date]);
    expect(issuesOf(schemas.programmes, { ...programme, enrolment: { ...programme.enrolment, drawDate: undefined } })).toEqual([date]);
    expect(issuesOf(schemas.programmes, { ...programme, enrolment: { ...programme.enrolment, drawSources: [] } })).toEqual([sources]);
    expect(issuesOf(schemas.programmes, { ...programme, status: 'cancelled', enrolment: unannounced })).toEqual([]);
  });

  it('refuse a draw date before enrolment closes, and a vague source', () => {
    const early = { ...programme.enrolment, drawDate: '2020-03-20T12:00:00+01:00' };
    expect(issuesOf(schemas.programmes, { ...programme, enrolment: early })).toEqual([
      { path: 'enrolment.drawDate', message: 'Losowanie musi odbyć się po końcu naboru: źródła losowości nie mogą być znane, zanim pula zostanie zamknięta.' },
    ]);
    const vague = { ...programme.enrolment, drawSources: [{ description: 'Lotto', kind: 'numbers' }] };
    expect(issuesOf(schemas.programmes, { ...programme, enrolment: vague })).toEqual([
      { path: 'enrolment.drawSources.0.description', message: 'Opisz źródło dokładnie: co, z jakiego dnia, ile liczb — tak, by każdy mógł je potem sprawdzić.' },
    ]);
  });

  it('accept an open enrolment without a number of places', () => {
    const { capacity: _capacity, ...withoutCapacity } = programme.enrolment;
    expect(issuesOf(schemas.programmes, { ...programme, enrolment: { ...withoutCapacity, mode: 'open' } })).toEqual([]);
  });
});

describe('attachments', () => {
  const attachmentMessage = 'Plik musi być wgrany do /pliki/ albo podany jako pełny adres https://';

  it.each([
    ['a path on an editor’s computer', 'C:\\Dokumenty\\ekspertyza.pdf'],
    ['a bare file name', 'ekspertyza.pdf'],
    ['a path outside /pliki/', '/dokumenty/ekspertyza.pdf'],
    ['a non-web address', 'ftp://plikimpi.krakow.pl/zalacznik/373095'],
    ['an unencrypted address', 'http://plikimpi.krakow.pl/zalacznik/373095'],
  ])('refuse %s', (_name, file) => {
    const issues = issuesOf(schemas.reports, { ...report, attachments: [{ ...report.attachments[0], file }] });
    expect(issues).toEqual([{ path: 'attachments.0.file', message: attachmentMessage }]);
  });

  it('accept a file uploaded to /pliki/', () => {
    const attachments = [{ ...report.attachments[0], file: '/pliki/ekspertyza.pdf' }];
    expect(issuesOf(schemas.reports, { ...report, attachments })).toEqual([]);
  });
});
