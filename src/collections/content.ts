/**
 * Queries the pages share. Everything is computed at build time: "upcoming"
 * means upcoming when the site was last built, which is why pages say so.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { eventKinds, type EventKind } from '../data/events.ts';
import { eventsOfProgramme as eventsOfProgrammeIn } from '../calendar/events.ts';
import { slugify } from '../lib/fold.ts';

export type Programme = CollectionEntry<'programmes'>;
export type Event = CollectionEntry<'events'>;
export type News = CollectionEntry<'news'>;
export type Report = CollectionEntry<'reports'>;
export type Consultation = CollectionEntry<'consultations'>;

/** The moment the build ran; the home page and event lists are relative to it. */
export const builtAt = new Date(process.env['WSPOLNIE_NOW'] ?? Date.now());

const byStart = (a: Event, b: Event) => a.data.start.getTime() - b.data.start.getTime();

export async function allEvents(): Promise<Event[]> {
  return (await getCollection('events')).sort(byStart);
}

/** Events that have not ended yet, soonest first. */
export function upcoming(events: Event[], now = builtAt): Event[] {
  return events.filter((e) => e.data.end >= now).sort(byStart);
}

/** Events that have ended, most recent first. */
export function past(events: Event[], now = builtAt): Event[] {
  return events.filter((e) => e.data.end < now).sort((a, b) => byStart(b, a));
}

/** Cancelled events, the latest decision first. */
export function cancellations(events: Event[]): Event[] {
  return events
    .filter((e) => e.data.status === 'cancelled')
    .sort((a, b) => (b.data.statusDecidedOn ?? '').localeCompare(a.data.statusDecidedOn ?? '') || byStart(a, b));
}

/** Events of a programme, including its sub-programmes'. */
export async function eventsOfProgramme(id: string): Promise<Event[]> {
  return eventsOfProgrammeIn(id, await allEvents(), await getCollection('programmes'));
}

export async function eventsOfConsultation(id: string): Promise<Event[]> {
  return (await allEvents()).filter((e) => e.data.consultation?.id === id);
}

export async function sortedNews(): Promise<News[]> {
  return (await getCollection('news')).sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}

export async function sortedReports(): Promise<Report[]> {
  return (await getCollection('reports')).sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}

/** Polish URL segment of an event kind, and back. */
export const kindSlug = (kind: EventKind) => slugify(eventKinds.label(kind));
export const kindFromSlug = (slug: string) => eventKinds.values.find((k) => kindSlug(k) === slug);

/** Programme title by id, for labels next to references. */
export async function programmeTitles(): Promise<Map<string, string>> {
  return new Map((await getCollection('programmes')).map((p) => [p.id, p.data.title]));
}
