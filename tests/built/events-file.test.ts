/**
 * dist/dane/wydarzenia.json as the build wrote it: what the scheduled jobs
 * read must be exactly what the content says (the same builder run on the
 * content from disk), and carry nothing but public event fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEventsFile, eventsPath, parseEventsFile, publicEvent, publicProgramme } from '../../src/notices/events-file.ts';
import { plainReference } from '../../src/schemas/common.ts';
import { contentSchemas } from '../../src/schemas/index.ts';
import { readCollection } from '../support/content-files.ts';

const dist = new URL('../../dist/', import.meta.url).pathname;
const schemas = contentSchemas(plainReference);

describe('the built events file', () => {
  const raw = readFileSync(join(dist, eventsPath), 'utf8');
  const written = JSON.parse(raw) as { generatedAt: string; events: Record<string, unknown>[]; programmes: Record<string, unknown>[] };

  it('matches the content', () => {
    const events = readCollection('events').map((f) => ({ id: f.id, data: schemas.events.parse(f.data) }));
    const programmes = readCollection('programmes').map((f) => ({ id: f.id, data: schemas.programmes.parse(f.data) }));
    const expected = JSON.parse(JSON.stringify(buildEventsFile(events, programmes, new Date(written.generatedAt)))) as unknown;
    expect(written).toEqual(expected);
    expect(parseEventsFile(written).events).toHaveLength(events.length);
  });

  it('carries only public event and programme fields, and no email address', () => {
    const eventKeys = new Set(Object.keys(publicEvent.shape));
    const programmeKeys = new Set(Object.keys(publicProgramme.shape));
    expect(Object.keys(written).sort()).toEqual(['events', 'generatedAt', 'programmes']);
    for (const e of written.events) for (const key of Object.keys(e)) expect(eventKeys.has(key), key).toBe(true);
    for (const p of written.programmes) for (const key of Object.keys(p)) expect(programmeKeys.has(key), key).toBe(true);
    expect(raw).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });
});
