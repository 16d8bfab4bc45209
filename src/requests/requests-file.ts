/**
 * The requests for a consultation as the functions and the scheduled job see
 * them: the build writes `/dane/wnioski.json` (src/pages/dane/wnioski.json.ts)
 * from the `requests` collection, with only what the request's page shows,
 * and the functions read it back with this schema — the same way
 * `/dane/zapisy.json` carries the enrolment blocks (src/catalogue/). Nothing
 * in it is personal data.
 *
 * A request takes online supports while `onlineSupport.until` (a Warsaw day,
 * inclusive) has not passed; `supportersNeeded` is the rule set's threshold
 * for its filing day (src/data/consultation-rules.ts); `finalAnswerOn` is
 * the day of its final answer (accepted, rejected, or — with neither — the
 * consultation), from which supporters' data is kept
 * `supportRetentionDays` (requestRetentionDays).
 */
import { z } from 'astro/zod';
import { requestStatuses } from '../data/consultation-requests.ts';
import { applicantKinds, consultationProcedures, ruleSetOn } from '../data/consultation-rules.ts';
import { addDays, warsawMidnight } from '../lib/calendar-days.ts';

/** Where the build writes the file, relative to the site root. */
export const requestsPath = '/dane/wnioski.json';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const requestEntry = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1),
  /** The request's public page, e.g. `/konsultacje/wnioski/<id>/`. */
  url: z.string().startsWith('/'),
  filedOn: isoDay,
  procedure: z.enum(consultationProcedures.values),
  applicantKind: z.enum(applicantKinds.values),
  supportersNeeded: z.number().int().min(0),
  status: z.enum(requestStatuses.values),
  statusOn: isoDay,
  /** The last day (Warsaw, inclusive) residents may support it online; null when they may not. */
  supportUntil: isoDay.nullable(),
  finalAnswerOn: isoDay.nullable(),
});

const requestsFile = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  requests: z.array(requestEntry),
});

export type RequestEntry = z.output<typeof requestEntry>;
/** What the build writes. */
export type RequestsFile = z.input<typeof requestsFile>;

export interface Requests {
  get(id: string): RequestEntry | undefined;
  readonly entries: readonly RequestEntry[];
}

export function requestsOf(entries: readonly RequestEntry[]): Requests {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { entries, get: (id) => byId.get(id) };
}

/** Parses the built file; throws (without quoting it) when it does not match the schema. */
export function parseRequests(json: unknown): Requests {
  const parsed = requestsFile.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`${requestsPath} does not match its schema (at ${where}); rebuild the site`);
  }
  return requestsOf(parsed.data.requests);
}

/** The first instant after Warsaw day `day` (`YYYY-MM-DD`): the next day's midnight. Throws a RangeError for a text that is no day. */
export const endOfWarsawDay = (day: string): Date => warsawMidnight(addDays(day, 1));

/** Whether the request takes online supports at `now` (until its `supportUntil` day ends, Warsaw). */
export function takesSupports(entry: RequestEntry, now: Date): boolean {
  return entry.supportUntil !== null && now < endOfWarsawDay(entry.supportUntil) && entry.finalAnswerOn === null;
}

/** Days supporters' data is kept after the final answer: the rule set of the filing day (src/data/consultation-rules.ts). */
export function requestRetentionDays(entry: Pick<RequestEntry, 'filedOn'>): number {
  return ruleSetOn(entry.filedOn).supportRetentionDays;
}

/**
 * The final answer's day from a request's history (oldest first): the first
 * `accepted` or `rejected`, else the first `consultation`, else null.
 */
export function finalAnswerDay(history: readonly { status: string; date: string }[]): string | null {
  return history.find((h) => h.status === 'accepted' || h.status === 'rejected')?.date ?? history.find((h) => h.status === 'consultation')?.date ?? null;
}
