/**
 * Who is told about an event, when a reminder is due, and when a
 * programme's personal data is deleted. Pure: plain data in, answers out.
 */
import type { Enrolment } from '../catalogue/catalogue.ts';
import { ConfigurationError } from '../lib/secret.ts';
import { programmeWithDescendants } from '../calendar/events.ts';
import { warsawDay } from '../lib/dates.ts';
import type { EventsFile, PublicEvent, PublicProgramme } from './events-file.ts';

const hour = 3_600_000;
const day = 24 * hour;

/** How long before an event its reminder goes out. */
const reminderLeadMs = 48 * hour;

/** Default of RETENTION_DAYS; the privacy notice (src/content/strony/prywatnosc.md) states the same. */
export const defaultRetentionDays = 90;

/**
 * The programmes whose registrations an event concerns: its own programme
 * and every programme above it. Someone registered for "Wspólne Projekty
 * 2020" signed up for the whole, and that programme's page and calendar
 * list its sub-programmes' events; someone registered for one sub-programme
 * is not told about a sibling's events. Consultation events concern nobody:
 * a consultation's form takes remarks, not places at its duty hours.
 */
export function programmesConcerned(event: Pick<PublicEvent, 'programme'>, programmes: readonly PublicProgramme[]): string[] {
  if (!event.programme) return [];
  const parents = new Map(programmes.map((p) => [p.id, p.parent]));
  const chain = [event.programme];
  // The set guards against a parent loop an editor might have made.
  for (let parent = parents.get(event.programme); parent !== undefined && !chain.includes(parent); parent = parents.get(parent)) chain.push(parent);
  return chain;
}

/**
 * Whether a reminder is due: from 48 hours before the start until the start
 * (so a job that was down at the 48-hour mark still reminds while it
 * matters), never for a cancelled event.
 */
export function reminderDue(event: Pick<PublicEvent, 'status' | 'start'>, now: Date): boolean {
  const start = event.start.getTime();
  return event.status !== 'cancelled' && now.getTime() >= start - reminderLeadMs && now.getTime() < start;
}

/**
 * Names a reminder in its dedupe key: the event and the Warsaw day it starts
 * on. An event moved to another day after its reminder went out gets a new
 * reminder before the new day (the change notice told the new date in
 * between); moved within the same day, the change notice is enough.
 */
export const reminderOccasion = (event: Pick<PublicEvent, 'id' | 'start'>) => `${event.id}:${warsawDay(event.start)}`;

/**
 * When a programme's (or consultation's) applications lose their personal
 * data: `days` after the later of its last event's end and the close of its
 * sign-ups. Its events include its sub-programmes' (its registrations
 * concern those too, see programmesConcerned), cancelled ones included:
 * people may still ask about them. A programme with no events is counted
 * from the close of its sign-ups (events usually follow; the period gives
 * them time, and an event added later moves the date). Unknown to both
 * files: undefined, and nothing is deleted (a missing programme may be a
 * broken build, not a finished programme).
 */
export function retentionCutoff(programmeId: string, data: Pick<EventsFile, 'events' | 'programmes'>, enrolment: Pick<Enrolment, 'closes'> | undefined, days: number): Date | undefined {
  const nodes = data.programmes.map((p) => ({ id: p.id, data: { title: p.title, parent: p.parent === undefined ? undefined : { id: p.parent } } }));
  const family = programmeWithDescendants(programmeId, nodes);
  const ends = data.events
    .filter((e) => (e.programme !== undefined && family.has(e.programme)) || e.consultation === programmeId)
    .map((e) => e.end.getTime());
  if (enrolment) ends.push(enrolment.closes.getTime());
  if (ends.length === 0) return undefined;
  return new Date(Math.max(...ends) + days * day);
}

/** RETENTION_DAYS: a whole number of days, at least 1; anything else is a setting to fix. */
export function retentionDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultRetentionDays;
  const days = Number(value.trim());
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new ConfigurationError(`RETENTION_DAYS musi być liczbą całkowitą dni od 1 do 3650 (podano „${value.trim().slice(0, 20)}”).`);
  }
  return days;
}
