/**
 * What the register and a request's page say about a request for a
 * consultation (issue 16), from its content and the rules file: the rule set
 * it is judged by, the supporters it needs, its current status, the day its
 * answer is due, and for how many days it has waited past that day.
 *
 * The rule set is the one in force on the filing day
 * (src/data/consultation-rules.ts `ruleSetOn`); the answer is due
 * `answerDays` calendar days after filing (the due day itself is still on
 * time). A request is answered once its history reaches "accepted",
 * "rejected" or "consultation". Days are Warsaw calendar days (YYYY-MM-DD);
 * the pages take "today" from the build's clock (`builtAt`), so the live site
 * rebuilds at every Warsaw midnight while a request waits past its due day
 * (`requestDailyChange`, src/site/boundaries.ts).
 *
 * Pure: no clock, no I/O.
 */
import { answeredStatuses, type RequestStatus } from '../data/consultation-requests.ts';
import { requestRuleSets, ruleSetOn, supportersNeeded, type ApplicantKind, type ConsultationProcedure, type RequestRuleSet } from '../data/consultation-rules.ts';
import { addDays, daysBetween, warsawMidnight } from './calendar-days.ts';
import { plural } from './plural.ts';

/** What these rules need of a request's content (the `requests` schema's output). */
export interface RequestFacts {
  title: string;
  applicant: { kind: ApplicantKind };
  procedure: ConsultationProcedure;
  filedOn: string;
  supportersVerified: number;
  history: readonly { status: RequestStatus; date: string; reason?: string | undefined }[];
}

/** A request as the pages show it. */
export interface RequestState {
  /** The rule set of the filing day. */
  rules: RequestRuleSet;
  /** Supporters it needs under those rules (0 for an applicant acting on its own authority). */
  needed: number;
  /** The last step of its history. */
  current: RequestFacts['history'][number];
  /** Last day (YYYY-MM-DD) the city may answer on time: `filedOn + answerDays`. */
  answerDue: string;
  /** The day of the city's answer (the first accepted, rejected or consultation step), if any. */
  answeredOn: string | undefined;
}

/** The state of a request. Throws a RangeError when no rule set was in force on its filing day (the schema refuses such a request). */
export function requestState(facts: RequestFacts): RequestState {
  const rules = ruleSetOn(facts.filedOn);
  const answered = facts.history.find((step) => answeredStatuses.includes(step.status));
  return {
    rules,
    needed: supportersNeeded(rules, facts.applicant.kind, facts.procedure),
    current: facts.history.at(-1)!,
    answerDue: addDays(facts.filedOn, rules.answerDays),
    answeredOn: answered?.date,
  };
}

/**
 * For how many days the request has waited for an answer on `today`
 * (YYYY-MM-DD, Warsaw), counted from its filing day, when its answer is
 * overdue: a number above `answerDays`, or undefined when it was answered or
 * its due day has not passed.
 */
export function unansweredDays(facts: RequestFacts, today: string): number | undefined {
  const state = requestState(facts);
  if (state.answeredOn !== undefined || today <= state.answerDue) return undefined;
  return daysBetween(facts.filedOn, today);
}

/** "bez odpowiedzi od 31 dni", "… od 1 dnia" (genitive after "od"). */
export const unansweredText = (days: number): string => `bez odpowiedzi od ${plural(days, 'dnia', 'dni', 'dni')}`;

/** A page that changes at every Warsaw midnight from `from` on (src/site/boundaries.ts rebuilds the live site then). */
export interface RequestDailyChange {
  /** The first midnight at which the page changes, as an ISO instant (UTC). */
  from: string;
  /** Polish, for logs: e.g. "wniosek bez odpowiedzi: Zieleń na Wolnicy". */
  what: string;
}

/**
 * While a request waits for an answer its pages change every midnight once
 * the due day has passed ("bez odpowiedzi od N dni" counts up): from the
 * midnight after the due day. Undefined for an answered request (an answer
 * added later is a change of content, which rebuilds the site and ends the series).
 */
export function requestDailyChange(facts: RequestFacts): RequestDailyChange | undefined {
  const state = requestState(facts);
  if (state.answeredOn !== undefined) return undefined;
  return { from: warsawMidnight(addDays(state.answerDue, 1)).toISOString(), what: `wniosek bez odpowiedzi: ${facts.title.slice(0, 200)}` };
}

/**
 * The moment a request's page loses its support form by the clock alone: the
 * Warsaw midnight ending its `onlineSupport.until` day (the form takes
 * supports until that day ends, src/requests/requests-file.ts), listed only
 * while ahead of `builtAt` and while the request has no final answer (an
 * answer closes the form at once, with the build that publishes it).
 */
export function supportEndChange(facts: RequestFacts & { onlineSupport?: { until: string } | undefined }, builtAt: Date): { from: string; what: string } | undefined {
  const until = facts.onlineSupport?.until;
  if (until === undefined || requestState(facts).answeredOn !== undefined) return undefined;
  const end = warsawMidnight(addDays(until, 1));
  return end > builtAt ? { from: end.toISOString(), what: `koniec zbierania poparć: ${facts.title.slice(0, 200)}` } : undefined;
}

/** The adopted rule set in force on `today` (YYYY-MM-DD), or undefined before the first. */
export function ruleSetInForce(today: string): RequestRuleSet | undefined {
  try {
    return ruleSetOn(today);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The moments the rules page changes by the clock alone: the first midnight
 * of each adopted rule set that comes into force after `builtAt`. In the
 * shape of the events file's daily changes (src/notices/events-file.ts),
 * listed only while ahead of the build, so each fires once.
 */
export function ruleSetChanges(builtAt: Date, sets: readonly RequestRuleSet[] = requestRuleSets): { from: string; what: string }[] {
  return sets
    .filter((set): set is RequestRuleSet & { inForceFrom: string } => set.inForceFrom !== null)
    .map((set) => ({ at: warsawMidnight(set.inForceFrom), set }))
    .filter(({ at }) => at > builtAt)
    .map(({ at, set }) => ({ from: at.toISOString(), what: `wejście w życie: ${set.name}` }));
}
