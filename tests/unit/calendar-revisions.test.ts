/**
 * A subscribed calendar applies an update only when SEQUENCE rises. Each
 * edit below goes the way an editor's save does: the CMS's own preSave
 * listener (src/cms/browser/calendar-revision.ts, loaded as the admin loads
 * it, given Immutable.js data as Decap gives it), the CMS's schema check, the
 * front matter written as YAML; then the feed is built from that file the way
 * the build does (Astro's front-matter parser, the content schema,
 * toCalendarEvent, buildCalendar) and read back by node-ical and by ical.js.
 */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from 'astro/markdown';
import { fromJS, type Map as ImmutableMap } from 'immutable';
import { beforeAll, describe, expect, it } from 'vitest';
import yaml from 'yaml';
import { problemsOf } from '../../src/cms/validate.ts';
import { buildCalendar } from '../../src/calendar/calendar.ts';
import { toCalendarEvent } from '../../src/calendar/events.ts';
import { plainReference } from '../../src/schemas/common.ts';
import { contentSchemas } from '../../src/schemas/index.ts';
import { calendarParsers, type ReadEvent } from '../support/calendar-parsers.ts';

const site = 'https://wspolnie.example.pl';
const schema = contentSchemas(plainReference).events;

type PreSave = (event: { entry: ImmutableMap<string, unknown> }) => unknown;
const preSaveHandlers: PreSave[] = [];

beforeAll(async () => {
  // What decap-cms.js provides before the admin's script runs; only registration is needed here.
  const cms = { registerEventListener: (listener: { name: string; handler: PreSave }) => listener.name === 'preSave' && preSaveHandlers.push(listener.handler) };
  Object.assign(globalThis, { window: { CMS: cms } });
  await import('../../src/cms/browser/calendar-revision.ts');
  expect(preSaveHandlers).toHaveLength(1);
});

/** Front matter and body of a markdown file, as the CMS reads it. */
function splitFile(text: string): { data: Record<string, unknown>; body: string } {
  const parsed = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
  return { data: parsed.frontmatter as Record<string, unknown>, body: parsed.content.trim() };
}

/**
 * One editor's form: opened on a file (or empty, for a new event), edited
 * and saved, possibly several times without reloading — after a save Decap
 * keeps the form as it was loaded, which this mirrors.
 */
class EventForm {
  private data: Record<string, unknown>;
  private readonly body: string;
  private readonly isNew: boolean;
  private readonly slug: string;

  constructor(slug: string, file?: string) {
    this.slug = slug;
    const loaded = file ? splitFile(file) : { data: {}, body: 'Opis wydarzenia.' };
    this.data = loaded.data;
    this.body = loaded.body;
    this.isNew = file === undefined;
  }

  /** Changes fields (undefined clears one, as emptying it in the form does) and saves; returns the file written. */
  save(changes: Record<string, unknown>): string {
    this.data = { ...this.data, ...changes };
    const draft = Object.fromEntries(Object.entries(this.data).filter(([, v]) => v !== undefined));
    let data = fromJS(draft) as ImmutableMap<string, unknown>;
    const entry = fromJS({ collection: 'events', slug: this.isNew ? '' : this.slug, newRecord: this.isNew }) as ImmutableMap<string, unknown>;
    for (const handler of preSaveHandlers) {
      const result = handler({ entry: entry.set('data', data) });
      if (result !== undefined) data = result as ImmutableMap<string, unknown>;
    }
    const written = data.toJS() as Record<string, unknown>;
    // The check the CMS runs next, before anything is written.
    expect(problemsOf('events', written)).toEqual([]);
    return `---\n${yaml.stringify(written)}---\n\n${this.body}\n`;
  }
}

/** The feed as the build makes it from one event file, read by each parser. */
function feedOf(id: string, file: string): [string, ReadEvent][] {
  const data = schema.parse(splitFile(file).data);
  const ics = buildCalendar([toCalendarEvent({ id, data }, { site, programmes: [] })], { name: 'Wspólnie', description: 'Wydarzenia', site, url: `${site}/kalendarz.ics` });
  return calendarParsers.map(([name, read]) => {
    const found = read(ics).get(`${id}@wspolnie.example.pl`);
    if (!found) throw new Error(`${name}: no VEVENT ${id}`);
    return [name, found];
  });
}

interface Expected {
  status: 'CONFIRMED' | 'CANCELLED';
  start: string;
  end: string;
  location?: string;
}

/**
 * Applies the steps in order and checks, with each parser, that after every
 * step SEQUENCE is higher and DTSTAMP not earlier than after the one before,
 * and that the parser reads the status, times and place of this step.
 */
function expectEveryStepSeen(id: string, steps: { label: string; file: string; expected: Expected }[]) {
  const previous = new Map<string, ReadEvent>();
  for (const { label, file, expected } of steps) {
    for (const [parser, event] of feedOf(id, file)) {
      const where = `${parser}, ${label}`;
      expect({ status: event.status, start: event.start, end: event.end, ...(expected.location ? { location: event.location } : {}) }, where).toEqual(expected);
      const before = previous.get(parser);
      if (before) {
        expect(event.sequence, `${where}: SEQUENCE`).toBeGreaterThan(before.sequence);
        expect(Date.parse(event.dtstamp), `${where}: DTSTAMP`).toBeGreaterThanOrEqual(Date.parse(before.dtstamp));
      }
      previous.set(parser, event);
    }
  }
}

describe('an event created in the CMS: planned → cancelled → restored → moved', () => {
  it('is seen by both parsers after every save, each with a higher SEQUENCE', () => {
    const form = new EventForm('dyzur-rewizje');
    const planned = form.save({
      title: 'Dyżur konsultacyjny',
      consultation: 'jak-rozwijac-konsultacje-spoleczne-w-krakowie-2025',
      kind: 'duty-in-person',
      start: '2026-05-14T10:00:00+02:00',
      end: '2026-05-14T12:00:00+02:00',
      place: { address: 'ul. Zabłocie 22, Kraków', room: 'pokój 13' },
    });
    expect(splitFile(planned).data).toMatchObject({ sequence: 0 });
    // The next saves reopen the saved file, as an editor does the next day.
    const cancelled = new EventForm('dyzur-rewizje', planned).save({ status: 'cancelled', statusReason: 'Choroba prowadzącej.', statusDecidedOn: '2026-05-10' });
    const restored = new EventForm('dyzur-rewizje', cancelled).save({ status: 'planned', statusReason: undefined, statusDecidedOn: undefined });
    const moved = new EventForm('dyzur-rewizje', restored).save({
      status: 'moved',
      statusReason: 'Remont sali.',
      statusDecidedOn: '2026-05-10',
      start: '2026-05-21T10:00:00+02:00',
      end: '2026-05-21T12:00:00+02:00',
      place: { address: 'ul. Bosacka 13, Kraków', room: 'pokój 4' },
    });
    expect([planned, cancelled, restored, moved].map((file) => splitFile(file).data['sequence'])).toEqual([0, 1, 2, 3]);
    expectEveryStepSeen('dyzur-rewizje', [
      { label: 'planned', file: planned, expected: { status: 'CONFIRMED', start: '2026-05-14T08:00:00.000Z', end: '2026-05-14T10:00:00.000Z', location: 'ul. Zabłocie 22, Kraków, pokój 13' } },
      { label: 'cancelled', file: cancelled, expected: { status: 'CANCELLED', start: '2026-05-14T08:00:00.000Z', end: '2026-05-14T10:00:00.000Z' } },
      { label: 'restored', file: restored, expected: { status: 'CONFIRMED', start: '2026-05-14T08:00:00.000Z', end: '2026-05-14T10:00:00.000Z' } },
      { label: 'moved', file: moved, expected: { status: 'CONFIRMED', start: '2026-05-21T08:00:00.000Z', end: '2026-05-21T10:00:00.000Z', location: 'ul. Bosacka 13, Kraków, pokój 4' } },
    ]);
  });

  it('raises SEQUENCE again when one form is saved twice without reloading', () => {
    const created = new EventForm('dyzur-dwa-zapisy').save({
      title: 'Dyżur',
      consultation: 'k',
      kind: 'duty-in-person',
      start: '2026-05-14T10:00:00+02:00',
      end: '2026-05-14T12:00:00+02:00',
      place: { address: 'Kraków' },
    });
    const form = new EventForm('dyzur-dwa-zapisy', created);
    const cancelled = form.save({ status: 'cancelled', statusReason: 'Pomyłka.', statusDecidedOn: '2026-05-10' });
    const restored = form.save({ status: 'planned', statusReason: undefined, statusDecidedOn: undefined });
    expectEveryStepSeen('dyzur-dwa-zapisy', [
      { label: 'cancelled', file: cancelled, expected: { status: 'CANCELLED', start: '2026-05-14T08:00:00.000Z', end: '2026-05-14T10:00:00.000Z' } },
      { label: 'restored in the same form', file: restored, expected: { status: 'CONFIRMED', start: '2026-05-14T08:00:00.000Z', end: '2026-05-14T10:00:00.000Z' } },
    ]);
  });
});

describe('an event published before events had a revision (src/content/wydarzenia/wpm-2020-warsztat-1.md)', () => {
  const original = readFileSync(new URL('../../src/content/wydarzenia/wpm-2020-warsztat-1.md', import.meta.url), 'utf8');

  it('starts from what the feed published, then restored → cancelled again → restored → moved online', () => {
    expect(splitFile(original).data).not.toHaveProperty('sequence');
    const restored = new EventForm('wpm-2020-warsztat-1', original).save({ status: 'planned', statusReason: undefined, statusDecidedOn: undefined, place: { address: 'pl. Wszystkich Świętych 3-4, Kraków' } });
    const cancelledAgain = new EventForm('wpm-2020-warsztat-1', restored).save({ status: 'cancelled', statusReason: 'Ponownie odwołane.', statusDecidedOn: '2020-03-14' });
    const restoredAgain = new EventForm('wpm-2020-warsztat-1', cancelledAgain).save({ status: 'planned', statusReason: undefined, statusDecidedOn: undefined });
    const online = new EventForm('wpm-2020-warsztat-1', restoredAgain).save({
      status: 'online',
      statusReason: 'Spotkanie przez internet.',
      statusDecidedOn: '2020-03-20',
      onlineUrl: 'https://spotkanie.example.pl/warsztat-1',
    });
    const times = { start: '2020-03-28T09:00:00.000Z', end: '2020-03-28T13:00:00.000Z' };
    expectEveryStepSeen('wpm-2020-warsztat-1', [
      { label: 'as published (cancelled on 2020-03-13)', file: original, expected: { status: 'CANCELLED', ...times } },
      { label: 'restored', file: restored, expected: { status: 'CONFIRMED', ...times, location: 'pl. Wszystkich Świętych 3-4, Kraków' } },
      { label: 'cancelled again', file: cancelledAgain, expected: { status: 'CANCELLED', ...times } },
      { label: 'restored again', file: restoredAgain, expected: { status: 'CONFIRMED', ...times } },
      { label: 'moved online', file: online, expected: { status: 'CONFIRMED', ...times, location: 'https://spotkanie.example.pl/warsztat-1' } },
    ]);
  });
});
