/**
 * A consultation's overdue report (issue 16): the rules file
 * (src/data/consultation-rules.ts) gives the city `reportDays` days after a
 * consultation ends to publish what it heard. A consultation whose period
 * ended more than that ago, with neither a result report nor any decided
 * remark in its content (remarks still undecided are not yet a report), says "Raport opóźniony o N dni" on its page and in the
 * register. The rule set is the one in force on the consultation's last day.
 *
 * Days are calendar days in Warsaw (`YYYY-MM-DD`); the pages compute "today"
 * from the build's `builtAt`, so the live site rebuilds every Warsaw midnight
 * while a report is overdue (`dailyChangeOf`, src/site/boundaries.ts).
 *
 * Pure: no clock, no I/O.
 */
import { ruleSetOn } from '../data/consultation-rules.ts';
import { addDays, daysBetween, warsawMidnight } from '../lib/calendar-days.ts';
import { plural } from '../lib/plural.ts';

/** What the rule needs of a consultation's content. */
export interface ReportFacts {
  title: string;
  period: { end?: string | undefined };
  resultReport?: unknown;
  remarks?: readonly { decision?: string | undefined }[] | undefined;
}

/**
 * The last day the report may be published on time: the period's end plus
 * `reportDays` of the rule set in force on that end day. Undefined when the
 * period has no end, or it ended before any rule set was in force.
 */
export function reportDueDay(facts: ReportFacts): string | undefined {
  const end = facts.period.end;
  if (!end) return undefined;
  try {
    return addDays(end, ruleSetOn(end).reportDays);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Whether the content already says what came of the consultation: a result report, or at least one decided remark. */
export const hasResults = (facts: ReportFacts): boolean => facts.resultReport !== undefined || (facts.remarks ?? []).some((r) => r.decision !== undefined);

/**
 * By how many days the report is late on `today` (YYYY-MM-DD, Warsaw): a
 * positive number, or undefined when it is not late (results published, no
 * end day, no rule set, or still within `reportDays`).
 */
export function reportOverdueDays(facts: ReportFacts, today: string): number | undefined {
  if (hasResults(facts)) return undefined;
  const due = reportDueDay(facts);
  if (!due) return undefined;
  const late = daysBetween(due, today);
  return late > 0 ? late : undefined;
}

/** "Raport opóźniony o 1 dzień", "… o 3 dni", "… o 12 dni". */
export const overdueText = (days: number): string => `Raport opóźniony o ${plural(days, 'dzień', 'dni', 'dni')}`;

/** A page that changes every Warsaw midnight from `from` on (src/site/boundaries.ts rebuilds the live site then). */
export interface DailyChange {
  /** The first midnight at which the page changes, as an ISO instant. */
  from: string;
  /** Polish, for logs: e.g. "raport opóźniony: Jak rozwijać konsultacje". */
  what: string;
}

/**
 * The daily change a consultation's page goes through while its report is
 * missing: from the first midnight after the due day, every midnight the
 * count goes up. Undefined when it never will (results published, no end
 * day, no rule set). A report or a decided remark added later is a change of content,
 * which rebuilds the site anyway and ends the series.
 */
export function dailyChangeOf(facts: ReportFacts): DailyChange | undefined {
  if (hasResults(facts)) return undefined;
  const due = reportDueDay(facts);
  if (!due) return undefined;
  return { from: warsawMidnight(addDays(due, 1)).toISOString(), what: `raport opóźniony: ${facts.title}` };
}
