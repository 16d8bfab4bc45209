import { describe, expect, it } from 'vitest';
import { plainReference } from '../schemas/common.ts';
import { eventSchema } from '../schemas/event.ts';
import { eventLocation, eventsOfProgramme, programmeWithDescendants, toCalendarEvent, type ProgrammeNode } from './events.ts';

const schema = eventSchema(plainReference);
// Every event belongs to a programme or a consultation; a consultation here, so the programme tests choose freely.
const event = (data: Record<string, unknown>) =>
  schema.parse({ title: 'Spotkanie', kind: 'workshop', start: '2020-03-28T10:00:00+01:00', end: '2020-03-28T14:00:00+01:00', consultation: 'konsultacje-2025', ...data });

const programmes: ProgrammeNode[] = [
  { id: 'budzet', data: { title: 'Budżet obywatelski' } },
  { id: 'budzet-szkolenia', data: { title: 'Szkolenia', parent: { id: 'budzet' } } },
  { id: 'budzet-szkolenia-2', data: { title: 'Szkolenia II', parent: { id: 'budzet-szkolenia' } } },
  { id: 'inny', data: { title: 'Inny program' } },
  // A loop an editor could make by mistake must not hang the build.
  { id: 'petla-a', data: { title: 'A', parent: { id: 'petla-b' } } },
  { id: 'petla-b', data: { title: 'B', parent: { id: 'petla-a' } } },
];

describe('event location as one line', () => {
  it('joins place name, address and room', () => {
    expect(eventLocation(event({ place: { name: 'Urząd Miasta Krakowa', address: 'pl. Wszystkich Świętych 3-4', room: 'sala Portretowa' } }))).toBe(
      'Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, sala Portretowa',
    );
    expect(eventLocation(event({ place: { address: 'Kraków' } }))).toBe('Kraków');
  });

  it('says how to call for a phone duty hour', () => {
    expect(eventLocation(event({ kind: 'duty-phone', phone: '12 616 12 34' }))).toBe('Telefonicznie: 12 616 12 34');
  });

  it('gives the link for online meetings and for events moved online', () => {
    expect(eventLocation(event({ kind: 'online-meeting', onlineUrl: 'https://meet.example.pl/a' }))).toBe('https://meet.example.pl/a');
    expect(
      eventLocation(event({ place: { address: 'Kraków' }, status: 'online', statusReason: 'Pandemia.', statusDecidedOn: '2020-03-12', onlineUrl: 'https://meet.example.pl/b' })),
    ).toBe('https://meet.example.pl/b');
  });

  it('has nothing to say for a cancelled online meeting without a link', () => {
    expect(eventLocation(event({ kind: 'online-meeting', status: 'cancelled', statusReason: 'Brak chętnych.', statusDecidedOn: '2020-03-12' }))).toBeUndefined();
  });
});

describe('events of a programme', () => {
  it('includes the programmes below it at any depth, and stops at loops', () => {
    expect([...programmeWithDescendants('budzet', programmes)].sort()).toEqual(['budzet', 'budzet-szkolenia', 'budzet-szkolenia-2']);
    expect([...programmeWithDescendants('budzet-szkolenia', programmes)].sort()).toEqual(['budzet-szkolenia', 'budzet-szkolenia-2']);
    expect([...programmeWithDescendants('petla-a', programmes)].sort()).toEqual(['petla-a', 'petla-b']);
  });

  it('picks events by their programme reference', () => {
    const entries = [
      { id: 'a', data: event({ place: { address: 'Kraków' }, programme: 'budzet' }) },
      { id: 'b', data: event({ place: { address: 'Kraków' }, programme: 'budzet-szkolenia-2' }) },
      { id: 'c', data: event({ place: { address: 'Kraków' }, programme: 'inny' }) },
      { id: 'd', data: event({ place: { address: 'Kraków' } }) },
    ];
    expect(eventsOfProgramme('budzet', entries, programmes).map((e) => e.id)).toEqual(['a', 'b']);
    expect(eventsOfProgramme('inny', entries, programmes).map((e) => e.id)).toEqual(['c']);
  });
});

describe('calendar input from an entry', () => {
  it('carries status, Polish kind label, programme title and the absolute page address', () => {
    const data = event({
      place: { address: 'Kraków' },
      programme: 'budzet-szkolenia',
      status: 'cancelled',
      statusReason: 'COVID-19.',
      statusDecidedOn: '2020-03-12',
    });
    expect(toCalendarEvent({ id: 'warsztat-1', data }, { site: new URL('https://wspolnie.example.pl'), programmes })).toEqual({
      id: 'warsztat-1',
      title: 'Spotkanie',
      start: new Date('2020-03-28T09:00:00Z'),
      end: new Date('2020-03-28T13:00:00Z'),
      kindLabel: 'Warsztat',
      status: 'cancelled',
      statusReason: 'COVID-19.',
      statusDecidedOn: '2020-03-12',
      location: 'Kraków',
      url: 'https://wspolnie.example.pl/wydarzenia/warsztat-1/',
      programmeTitle: 'Szkolenia',
    });
  });
});

describe('revision of an entry', () => {
  it('hands the counter and the time of the last save to the calendar', () => {
    const data = event({ place: { address: 'Kraków' }, sequence: 4, updated: '2026-03-02T14:05:09+01:00' });
    expect(toCalendarEvent({ id: 'warsztat-2', data }, { site: 'https://wspolnie.example.pl', programmes })).toMatchObject({
      sequence: 4,
      updated: new Date('2026-03-02T13:05:09Z'),
    });
  });

  it('refuses a negative or fractional counter and a time without an offset', () => {
    const raw = { title: 'Spotkanie', kind: 'workshop', start: '2020-03-28T10:00:00+01:00', end: '2020-03-28T14:00:00+01:00', consultation: 'k', place: { address: 'Kraków' } };
    expect(schema.safeParse({ ...raw, sequence: 2, updated: '2026-03-02T14:05:09+01:00' }).success).toBe(true);
    expect(schema.safeParse({ ...raw, sequence: -1 }).success).toBe(false);
    expect(schema.safeParse({ ...raw, sequence: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...raw, updated: '2026-03-02T14:05:09' }).success).toBe(false);
  });
});
