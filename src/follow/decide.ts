/**
 * Which differences between what the job saw of an item last time and what
 * the build publishes now are news for its followers (pure; changes.ts
 * records them). Only these are announced:
 *
 * - a new programme, consultation or report (first seen after its kind's
 *   baseline); a programme published already cancelled is no news;
 * - a programme or an event cancelled (an event only while it has not yet
 *   begun: a cancelled past event tells nobody anything);
 * - a request for a consultation answered: its status becomes accepted or
 *   rejected, or the answer's text changes while it is one of them; a
 *   request first seen already answered counts too.
 *
 * Everything else (a corrected title, a moved event, a consultation's new
 * status) updates the record silently.
 */
import type { FeedItem } from './feed.ts';
import { createHash } from 'node:crypto';

export const changeKinds = ['new-programme', 'new-consultation', 'new-report', 'cancelled', 'request-answered'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** The state as stored: the item's newsworthy facts. */
export type ItemState = FeedItem['state'];

/** SHA-256 (hex, 32 characters) of the state with its keys in a fixed order. */
export function fingerprintOf(state: ItemState): string {
  const ordered = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex').slice(0, 32);
}

const answered = (state: ItemState | undefined) => state?.status === 'accepted' || state?.status === 'rejected';

/** The news in going from `before` (undefined: first seen) to `after`, or undefined. */
export function decide(kind: FeedItem['kind'], before: ItemState | undefined, after: ItemState, now: Date): ChangeKind | undefined {
  if (before === undefined) {
    if (kind === 'programme') return after.status === 'cancelled' ? undefined : 'new-programme';
    if (kind === 'consultation') return 'new-consultation';
    if (kind === 'report') return 'new-report';
    if (kind === 'request') return answered(after) ? 'request-answered' : undefined;
    return undefined;
  }
  if (kind === 'programme') return after.status === 'cancelled' && before.status !== 'cancelled' ? 'cancelled' : undefined;
  if (kind === 'event') {
    const future = after.start !== undefined && Date.parse(after.start) > now.getTime();
    return future && after.status === 'cancelled' && before.status !== 'cancelled' ? 'cancelled' : undefined;
  }
  if (kind === 'request' && answered(after)) {
    return !answered(before) || before.status !== after.status || before.answer !== after.answer ? 'request-answered' : undefined;
  }
  return undefined;
}
