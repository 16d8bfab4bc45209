/**
 * What residents care about in an event, and whether it changed.
 *
 * The snapshot holds the fields that decide whether and where a person goes:
 * status, start, end, place, online link and phone. A corrected typo in the
 * title, a reworded reason or a new decision date changes nothing for them,
 * so it sends nothing. The fingerprint is a short hash of the snapshot in a
 * fixed key order; it names the change in the notices' dedupe keys.
 */
import { createHash } from 'node:crypto';
import type { EventStatus } from '../data/events.ts';
import type { PublicEvent } from './events-file.ts';

export interface EventState {
  status: EventStatus;
  /** ISO instants, as stored. */
  start: string;
  end: string;
  place?: { name?: string | undefined; address: string; room?: string | undefined } | undefined;
  onlineUrl?: string | undefined;
  phone?: string | undefined;
}

/** The snapshot of an event, keys always in the same order so equal states hash alike. */
export function stateOf(event: Pick<PublicEvent, 'status' | 'start' | 'end' | 'place' | 'onlineUrl' | 'phone'>): EventState {
  const place = event.place && { name: event.place.name?.trim() || undefined, address: event.place.address.trim(), room: event.place.room?.trim() || undefined };
  return {
    status: event.status,
    start: event.start.toISOString(),
    end: event.end.toISOString(),
    place,
    onlineUrl: event.onlineUrl,
    phone: event.phone?.trim(),
  };
}

export function fingerprintOf(state: EventState): string {
  const canonical = JSON.stringify([state.status, state.start, state.end, state.place ? [state.place.name ?? null, state.place.address, state.place.room ?? null] : null, state.onlineUrl ?? null, state.phone ?? null]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export type ChangedField = 'status' | 'time' | 'place' | 'onlineUrl' | 'phone';

/** Which fields differ; an empty list means nothing residents care about changed. */
export function changedFields(before: EventState, after: EventState): ChangedField[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const fields: ChangedField[] = [];
  if (before.status !== after.status) fields.push('status');
  if (before.start !== after.start || before.end !== after.end) fields.push('time');
  if (!same(before.place, after.place)) fields.push('place');
  if (!same(before.onlineUrl, after.onlineUrl)) fields.push('onlineUrl');
  if (!same(before.phone, after.phone)) fields.push('phone');
  return fields;
}

export type Decision =
  /** First sight of an event: recorded; told only when it is already changed (see below). */
  | { kind: 'first-seen'; notify: boolean }
  | { kind: 'unchanged' }
  | { kind: 'changed'; fields: ChangedField[]; notify: boolean };

/**
 * What to do with an event, given what the job saw last time (undefined: never).
 *
 * - First sight of a planned event is the baseline: nothing to tell. First
 *   sight of one already cancelled, moved or online (an event added that way,
 *   or the job's first run after it was deployed) is told to the people
 *   registered, as its current state, because nothing says they know.
 * - A change is told while the event (as it was or as it is now) has not
 *   ended; editing an event long past sends nothing.
 */
export function decide(before: EventState | undefined, after: EventState, now: Date): Decision {
  if (!before) return { kind: 'first-seen', notify: after.status !== 'planned' && new Date(after.end) > now };
  if (fingerprintOf(before) === fingerprintOf(after)) return { kind: 'unchanged' };
  const latestEnd = Math.max(Date.parse(before.end), Date.parse(after.end));
  return { kind: 'changed', fields: changedFields(before, after), notify: latestEnd > now.getTime() };
}
