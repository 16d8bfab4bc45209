/**
 * Typed reads of the requests for a consultation (issue 16) for the register
 * and the request pages: newest filing first, each with its state under the
 * rules of its filing day (src/lib/request-state.ts) and its overdue days on
 * the build's day.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { warsawDay } from '../lib/dates.ts';
import { requestDailyChange, requestState, ruleSetChanges, supportEndChange, unansweredDays, type RequestState } from '../lib/request-state.ts';
import { builtAt } from './content.ts';

export type ConsultationRequest = CollectionEntry<'requests'>;

export interface RequestView {
  entry: ConsultationRequest;
  state: RequestState;
  /** Days it has waited since filing, when its answer is overdue on the build's day; undefined otherwise. */
  unanswered: number | undefined;
}

/** One request as the pages show it, on the Warsaw day of `now` (the build's clock by default). */
export function requestView(entry: ConsultationRequest, now = builtAt): RequestView {
  return { entry, state: requestState(entry.data), unanswered: unansweredDays(entry.data, warsawDay(now)) };
}

/** Every request, the latest filed first (then by id). */
export async function sortedRequests(now = builtAt): Promise<RequestView[]> {
  return (await getCollection('requests'))
    .sort((a, b) => b.data.filedOn.localeCompare(a.data.filedOn) || a.id.localeCompare(b.id))
    .map((entry) => requestView(entry, now));
}

/**
 * The moments the request pages change by the clock alone, for the events
 * file's `daily` list (src/site/boundaries.ts rebuilds the live site at
 * each): every midnight from the day after an unanswered request's due day,
 * the midnight ending a request's online support, and the first midnight of
 * a rule set coming into force after `now`.
 */
export async function requestTimeChanges(now = builtAt): Promise<{ from: string; what: string }[]> {
  const requests = await getCollection('requests');
  return [
    ...requests.flatMap((r) => requestDailyChange(r.data) ?? []),
    ...requests.flatMap((r) => supportEndChange(r.data, now) ?? []),
    ...ruleSetChanges(now),
  ];
}
