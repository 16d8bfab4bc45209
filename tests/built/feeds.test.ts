/**
 * The feeds as built: dist/kalendarz.ics, one calendar per programme and
 * dist/aktualnosci/rss.xml, read back with independent parsers and compared
 * with what src/content holds. Run after `npx astro build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ical, { type VEvent } from 'node-ical';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { sequenceOf, stampOf } from '../../src/calendar/revision.ts';
import { programmeWithDescendants } from '../../src/calendar/events.ts';
import { TIME_ZONE } from '../../src/lib/dates.ts';
import { isRepeatedLocalTime } from '../../src/lib/time-zone.ts';
import { plainReference } from '../../src/schemas/common.ts';
import { collectionFolders, contentSchemas } from '../../src/schemas/index.ts';
import { readCollection } from '../support/content-files.ts';

const root = new URL('../../', import.meta.url).pathname;
const dist = join(root, 'dist');
const feeds = { calendar: join(dist, 'kalendarz.ics'), news: join(dist, 'aktualnosci', 'rss.xml') };

for (const path of Object.values(feeds)) {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npx astro build\` before the built-site tests (npm run build && npm run test:built).`);
  }
}

const schemas = contentSchemas(plainReference);

/** A collection's entries, parsed; none when its folder does not exist yet. */
function entriesOf<C extends 'events' | 'programmes' | 'news'>(collection: C) {
  if (!existsSync(join(root, 'src', 'content', collectionFolders[collection]))) return [];
  return readCollection(collection).map((file) => ({ id: file.id, data: schemas[collection].parse(file.data) as ReturnType<(typeof schemas)[C]['parse']> }));
}

const events = entriesOf('events');
const programmes = entriesOf('programmes');
const news = entriesOf('news');

function calendarEvents(path: string): Map<string, VEvent> {
  const parsed = Object.values(ical.sync.parseICS(readFileSync(path, 'utf8')));
  const vevents = parsed.filter((c): c is VEvent => Boolean(c && typeof c === 'object' && 'type' in c && c.type === 'VEVENT'));
  // UIDs are "<content id>@<site host>".
  return new Map(vevents.map((e) => [e.uid.replace(/@[^@]+$/, ''), e]));
}

function expectCalendarMatches(path: string, expected: typeof events) {
  const found = calendarEvents(path);
  expect([...found.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
  for (const { id, data } of expected) {
    const vevent = found.get(id);
    expect(vevent?.summary, id).toBe(data.status === 'cancelled' ? `ODWOŁANE: ${data.title}` : data.title);
    expect(vevent?.status, id).toBe(data.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
    expect(vevent?.start.toISOString(), id).toBe(data.start.toISOString());
    expect(vevent?.end?.toISOString(), id).toBe(data.end.toISOString());
    // A time in the hour repeated in autumn is written in UTC (one reading only); every other in Warsaw time.
    const repeated = isRepeatedLocalTime(data.start, TIME_ZONE) || isRepeatedLocalTime(data.end, TIME_ZONE);
    expect(vevent?.start.tz, id).toBe(repeated ? 'Etc/UTC' : 'Europe/Warsaw');
    expect(Number(vevent?.sequence), id).toBe(sequenceOf(data));
    expect(vevent?.dtstamp.toISOString(), id).toBe(stampOf(data).toISOString());
    if (data.status !== 'planned') expect(vevent?.description, id).toContain(data.statusReason);
  }
}

describe('dist/kalendarz.ics', () => {
  it('holds every event from src/content with its title, status and times', () => {
    expect(events.length).toBeGreaterThan(0);
    expectCalendarMatches(feeds.calendar, events);
  });

  it('defines Europe/Warsaw', () => {
    const text = readFileSync(feeds.calendar, 'utf8');
    expect(text).toContain('X-WR-TIMEZONE:Europe/Warsaw\r\n');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\n');
  });
});

describe('dist/programy/<id>/kalendarz.ics', () => {
  it.each(programmes.map((p) => [p.id]))('%s holds the events of the programme and of those below it', (id) => {
    const family = programmeWithDescendants(id, programmes);
    const path = join(dist, 'programy', id, 'kalendarz.ics');
    expect(existsSync(path), path).toBe(true);
    expectCalendarMatches(path, events.filter((e) => e.data.programme && family.has(e.data.programme.id)));
  });
});

describe('dist/aktualnosci/rss.xml', async () => {
  const feed = await new Parser().parseString(readFileSync(feeds.news, 'utf8'));

  it('is the Polish news feed', () => {
    expect(feed.title).toBe('Aktualności — Wspólnie');
    expect(feed['language']).toBe('pl');
  });

  it('holds every news item from src/content, newest first, with its title and lead', () => {
    const expected = [...news].sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
    expect(feed.items.map((i) => i.title)).toEqual(expected.map((n) => n.data.title));
    expect(feed.items.map((i) => i.content)).toEqual(expected.map((n) => n.data.lead));
  });

  it('links every item to a page that exists in dist/', () => {
    const missing = feed.items
      .map((i) => new URL(i.link ?? '').pathname)
      .filter((path) => !existsSync(join(dist, decodeURIComponent(path), 'index.html')));
    expect(missing).toEqual([]);
  });
});
