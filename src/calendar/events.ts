/**
 * From content entries to calendar input: which events a programme's feed
 * holds and how an event's place reads in a calendar app. Plain data in,
 * plain data out, so the endpoints stay thin and this stays testable.
 */
import type { z } from 'astro/zod';
import { eventKinds } from '../data/events.ts';
import type { eventSchema } from '../schemas/event.ts';
import type { CalendarEventInput } from './calendar.ts';
import { urls } from '../lib/urls.ts';

export type EventData = z.output<ReturnType<typeof eventSchema>>;

interface Reference {
  id: string;
}

export interface ProgrammeNode {
  id: string;
  data: { title: string; parent?: Reference | undefined };
}

/**
 * Where an event happens, as one line: the building for events held in one,
 * "Telefonicznie: <numer>" for phone duty hours, the link for online meetings
 * (also for an in-person event moved online).
 */
export function eventLocation(data: Pick<EventData, 'kind' | 'status' | 'place' | 'phone' | 'onlineUrl'>): string | undefined {
  if ((data.status === 'online' || data.kind === 'online-meeting') && data.onlineUrl) return data.onlineUrl;
  if (data.kind === 'duty-phone' && data.phone) return `Telefonicznie: ${data.phone}`;
  if (data.place) return [data.place.name, data.place.address, data.place.room].filter(Boolean).join(', ');
  return undefined;
}

/** A programme and every programme below it (children, their children…). */
export function programmeWithDescendants(rootId: string, programmes: readonly ProgrammeNode[]): Set<string> {
  const family = new Set([rootId]);
  // Repeat until nothing joins; the set also stops a parent loop from spinning.
  for (let grown = true; grown; ) {
    grown = false;
    for (const p of programmes) {
      if (p.data.parent && family.has(p.data.parent.id) && !family.has(p.id)) {
        family.add(p.id);
        grown = true;
      }
    }
  }
  return family;
}

/** The events whose programme is `rootId` or one below it. */
export function eventsOfProgramme<E extends { data: { programme?: Reference | undefined } }>(
  rootId: string,
  events: readonly E[],
  programmes: readonly ProgrammeNode[],
): E[] {
  const family = programmeWithDescendants(rootId, programmes);
  return events.filter((e) => e.data.programme && family.has(e.data.programme.id));
}

/** One event entry as the calendar needs it. */
export function toCalendarEvent(
  entry: { id: string; data: EventData },
  context: { site: URL | string; programmes: readonly ProgrammeNode[] },
): CalendarEventInput {
  const { data } = entry;
  const programme = data.programme && context.programmes.find((p) => p.id === data.programme?.id);
  return {
    id: entry.id,
    title: data.title,
    start: data.start,
    end: data.end,
    kindLabel: eventKinds.label(data.kind),
    status: data.status,
    statusReason: data.statusReason,
    statusDecidedOn: data.statusDecidedOn,
    sequence: data.sequence,
    updated: data.updated,
    location: eventLocation(data),
    url: new URL(urls.event(entry.id), context.site).href,
    programmeTitle: programme?.data.title,
  };
}
