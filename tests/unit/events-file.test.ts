/**
 * The public events file the scheduled jobs read (/dane/wydarzenia.json),
 * built from the content on disk: it says what the content says, parses back
 * with its own schema, and holds only fields the event pages already show.
 * tests/built/events-file.test.ts checks the file the build actually wrote.
 */
import { describe, expect, it } from 'vitest';
import { buildEventsFile, parseEventsFile, publicEvent, publicProgramme } from '../../src/notices/events-file.ts';
import { plainReference } from '../../src/schemas/common.ts';
import { contentSchemas } from '../../src/schemas/index.ts';
import { readCollection } from '../support/content-files.ts';

const schemas = contentSchemas(plainReference);
const events = readCollection('events').map((f) => ({ id: f.id, data: schemas.events.parse(f.data) }));
const programmes = readCollection('programmes').map((f) => ({ id: f.id, data: schemas.programmes.parse(f.data) }));

/** The only keys the file may hold: what the event and programme pages show. */
const allowedEventKeys = Object.keys(publicEvent.shape).sort();
const allowedProgrammeKeys = Object.keys(publicProgramme.shape).sort();

describe('the public events file', () => {
  const written = JSON.parse(JSON.stringify(buildEventsFile(events, programmes, new Date('2026-01-01T00:00:00Z')))) as Record<string, unknown>;
  const parsed = parseEventsFile(written);

  it('has every event with its programme, dates, status, reason, decision day, place, phone and link', () => {
    expect(parsed.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    for (const { id, data } of events) {
      const e = parsed.events.find((x) => x.id === id)!;
      expect(e).toMatchObject({ title: data.title, kind: data.kind, status: data.status, start: data.start, end: data.end, page: `/wydarzenia/${id}/` });
      expect(e.programme).toBe(data.programme?.id);
      expect(e.consultation).toBe(data.consultation?.id);
      expect(e.statusReason).toBe(data.statusReason);
      expect(e.statusDecidedOn).toBe(data.statusDecidedOn);
      expect(e.place).toEqual(data.place);
      expect(e.phone).toBe(data.phone);
      expect(e.onlineUrl).toBe(data.onlineUrl);
    }
    expect(parsed.events.some((e) => e.status === 'cancelled' && e.statusReason && e.statusDecidedOn)).toBe(true);
  });

  it('has every programme with its title and parent', () => {
    expect(parsed.programmes).toEqual(programmes.map((p) => ({ id: p.id, title: p.data.title, parent: p.data.parent?.id })));
    expect(parsed.programmes.some((p) => p.parent)).toBe(true);
  });

  it('holds nothing beyond those fields: no contact, no body, no address of a person', () => {
    for (const e of written['events'] as Record<string, unknown>[]) {
      for (const key of Object.keys(e)) expect(allowedEventKeys).toContain(key);
    }
    for (const p of written['programmes'] as Record<string, unknown>[]) {
      for (const key of Object.keys(p)) expect(allowedProgrammeKeys).toContain(key);
    }
    expect(JSON.stringify(written)).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it('refuses a file that does not match the content schema, without quoting it', () => {
    const broken = { ...written, events: [{ ...(written['events'] as object[])[0], start: '28.03.2020 10:00', status: 'jan@example.pl' }] };
    expect(() => parseEventsFile(broken)).toThrow(/^\/dane\/wydarzenia\.json does not match the event schema \(at events\.0\.start, events\.0\.status\)/);
    expect(() => parseEventsFile(broken)).not.toThrow(/example/);
  });
});
