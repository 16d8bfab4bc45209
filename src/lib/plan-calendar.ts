/**
 * The iCalendar feed of a year's planned consultations
 * (/konsultacje/plan/<rok>.ics, issue 16), built with ical-generator like the
 * events' feeds (src/calendar/calendar.ts): one all-day entry per planned
 * item spanning its quarter, the site's host in each UID, Polish text, CRLF
 * lines folded at 75 octets.
 *
 * What a calendar shows of an entry (summary, dates) changes only with the
 * item's topic or quarter, and both are in its UID, so a changed item is a
 * new entry rather than a change a calendar could ignore (src/calendar/check.ts);
 * the unit and method are in the description. DTSTAMP is fixed to the first
 * instant of the plan's year, never the build time, so rebuilding changes no byte.
 */
import ical from 'ical-generator';
import { planMethods, quarterNames, type PlanMethod } from '../data/consultation-requests.ts';
import { addDays } from './calendar-days.ts';
import { slugify } from './fold.ts';
import { quarterLastDay } from './consultation-plan.ts';

/** What the feed needs of a plan. */
export interface PlanFeedInput {
  year: number;
  items: readonly { topic: string; unit: string; quarter: number; method: PlanMethod }[];
}

export interface PlanFeedOptions {
  /** The site's address; its host name makes the UIDs. */
  site: URL | string;
  /** Absolute address of this feed. */
  url: string;
  /** Absolute address of the plan's page. */
  page: string;
}

/** How often subscribers should re-read the feed (as the events' feeds). */
const REFRESH = 'PT6H';

/** TEXT escaping (RFC 5545 §3.3.11) for the calendar-level NAME and X-WR-CALDESC, which ical-generator writes verbatim. */
const escapeText = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** The plan as an iCalendar string: an all-day entry from the first day of each item's quarter to its last (DTEND the day after, exclusive). */
export function buildPlanCalendar(plan: PlanFeedInput, options: PlanFeedOptions): string {
  const host = new URL(options.site).hostname;
  const calendar = ical({
    name: escapeText(`Wspólnie — plan konsultacji ${plan.year}`),
    description: escapeText(`Konsultacje społeczne planowane przez Miasto Kraków na ${plan.year} r., każda jako wpis na cały kwartał. Co odbyło się naprawdę: ${options.page}`),
    prodId: { company: 'Wspólnie', product: 'plan-konsultacji', language: 'PL' },
    url: options.url,
  });
  const stamp = new Date(Date.UTC(plan.year, 0, 1));
  const uids = new Map<string, number>();
  const items = [...plan.items].sort((a, b) => a.quarter - b.quarter);
  for (const item of items) {
    const base = `plan-${plan.year}-q${item.quarter}-${slugify(item.topic) || 'konsultacje'}`;
    const seen = (uids.get(base) ?? 0) + 1;
    uids.set(base, seen);
    const first = `${plan.year}-${String((item.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    calendar.createEvent({
      id: `${seen === 1 ? base : `${base}-${seen}`}@${host}`,
      allDay: true,
      start: dayAsUtcDate(first),
      end: dayAsUtcDate(addDays(quarterLastDay(plan.year, item.quarter), 1)),
      stamp,
      summary: `Planowane konsultacje: ${item.topic}`,
      description: [
        `Termin w planie: ${quarterNames[item.quarter as 1 | 2 | 3 | 4]} ${plan.year} r.`,
        `Jednostka odpowiedzialna: ${item.unit}`,
        `Forma: ${planMethods.label(item.method)}`,
        '',
        `Plan i to, co się odbyło: ${options.page}`,
      ].join('\n'),
      url: options.page,
    });
  }
  const ics = calendar.toString();
  const at = ics.search(/\r\nBEGIN:VEVENT\r\n/);
  const header = [`REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`, `X-PUBLISHED-TTL:${REFRESH}`].join('\r\n');
  const cut = at === -1 ? ics.lastIndexOf('\r\nEND:VCALENDAR') : at;
  return `${ics.slice(0, cut)}\r\n${header}${ics.slice(cut)}`;
}

/** A calendar day as the Date ical-generator writes as that day for an all-day entry with no zone: its UTC midnight (it reads UTC fields then). */
const dayAsUtcDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
