/**
 * The events as the scheduled jobs see them at run time.
 *
 * The jobs run outside Astro (a Netlify scheduled function, a timer in the
 * self-hosted server), so, like the enrolment catalogue (/dane/zapisy.json),
 * the build writes every event into one public file, `/dane/wydarzenia.json`
 * (src/pages/dane/wydarzenia.json.ts), with only what the event pages already
 * show, plus each programme's title and parent (the programme pages show
 * those too). The file is parsed with fields taken from the content schema
 * itself, so it cannot hold anything the CMS and the build would refuse.
 * Nothing in it is personal data.
 */
import { z } from 'astro/zod';
import { plainReference } from '../schemas/common.ts';
import { eventSchema } from '../schemas/event.ts';
import { programmeSchema } from '../schemas/programme.ts';
import type { EventData } from '../calendar/events.ts';
import { urls } from '../lib/urls.ts';

/** Where the build writes the file, relative to the site root. */
export const eventsPath = '/dane/wydarzenia.json';

// The content schemas carry refinements, which zod will not `pick` from; their fields are reused one by one.
const event = eventSchema(plainReference).shape;
const programme = programmeSchema(plainReference).shape;
const id = z.string().min(1).max(200);

export const publicEvent = z.object({
  id,
  title: event.title,
  /** The programme it belongs to, by id. */
  programme: id.optional(),
  /** The consultation it belongs to, by id. */
  consultation: id.optional(),
  kind: event.kind,
  start: event.start,
  end: event.end,
  status: event.status,
  statusReason: event.statusReason,
  statusDecidedOn: event.statusDecidedOn,
  place: event.place,
  phone: event.phone,
  onlineUrl: event.onlineUrl,
  /** Its public page, e.g. `/wydarzenia/<id>/`. */
  page: z.string().startsWith('/'),
});

export const publicProgramme = z.object({
  id,
  title: programme.title,
  /** The wider programme it is part of, by id. */
  parent: id.optional(),
});

/** A page that changes every Warsaw midnight from `from` on, e.g. "Raport opóźniony o N dni" (src/remarks/overdue.ts, src/site/boundaries.ts). */
export const publicDailyChange = z.object({ from: z.iso.datetime({ offset: true }), what: z.string().min(1).max(300) });

const eventsFile = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  events: z.array(publicEvent),
  programmes: z.array(publicProgramme),
  /** Pages that change every day while something is overdue; absent in files built before issue 16. */
  daily: z.array(publicDailyChange).optional(),
});

export type PublicEvent = z.output<typeof publicEvent>;
export type PublicProgramme = z.output<typeof publicProgramme>;
export type EventsFile = z.output<typeof eventsFile>;
/** What the build writes (dates as ISO strings). */
export type EventsFileInput = z.input<typeof eventsFile>;

/** Parses the built file; throws (without quoting it) when it does not match the schema. */
export function parseEventsFile(json: unknown): EventsFile {
  const parsed = eventsFile.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`${eventsPath} does not match the event schema (at ${where}); rebuild the site`);
  }
  return parsed.data;
}

interface Entry<D> {
  id: string;
  data: D;
}

/** The file's content from the collections' entries (the page calls this; so does its test, from disk). */
export function buildEventsFile(
  events: readonly Entry<EventData>[],
  programmes: readonly Entry<{ title: string; parent?: { id: string } | undefined }>[],
  generatedAt: Date,
): EventsFileInput {
  return {
    generatedAt: generatedAt.toISOString(),
    events: [...events]
      .sort((a, b) => a.data.start.getTime() - b.data.start.getTime() || a.id.localeCompare(b.id))
      .map(({ id, data }) => ({
        id,
        title: data.title,
        programme: data.programme?.id,
        consultation: data.consultation?.id,
        kind: data.kind,
        start: data.start.toISOString(),
        end: data.end.toISOString(),
        status: data.status,
        statusReason: data.statusReason,
        statusDecidedOn: data.statusDecidedOn,
        place: data.place,
        phone: data.phone,
        onlineUrl: data.onlineUrl,
        page: urls.event(id),
      })),
    programmes: programmes.map(({ id, data }) => ({ id, title: data.title, parent: data.parent?.id })),
  };
}
