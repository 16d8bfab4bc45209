import { describe, expect, it } from 'vitest';
import { ruleSetOn } from '../data/consultation-rules.ts';
import { addDays, warsawMidnight } from '../lib/calendar-days.ts';
import { dailyChangeOf, overdueText, reportDueDay, reportOverdueDays } from './overdue.ts';

const ended = (end: string | undefined, extra: object = {}) => ({ title: 'Zieleń na Zabłociu', period: { end }, ...extra });
const reportDays = ruleSetOn('2026-03-31').reportDays;

describe('an overdue consultation report', () => {
  it('is due reportDays after the end, by the rule set in force on the end day', () => {
    expect(reportDueDay(ended('2026-03-31'))).toBe(addDays('2026-03-31', reportDays));
    // Before the first rule set there is no rule to be late against.
    expect(reportDueDay(ended('2015-05-01'))).toBeUndefined();
    expect(reportDueDay(ended(undefined))).toBeUndefined();
  });

  it('is late from the day after the due day, by whole Warsaw days', () => {
    const due = addDays('2026-03-31', reportDays);
    expect(reportOverdueDays(ended('2026-03-31'), due)).toBeUndefined();
    expect(reportOverdueDays(ended('2026-03-31'), addDays(due, 1))).toBe(1);
    expect(reportOverdueDays(ended('2026-03-31'), addDays(due, 22))).toBe(22);
  });

  it('is not late once a result report or a remark is published', () => {
    const late = addDays('2026-03-31', reportDays + 5);
    expect(reportOverdueDays(ended('2026-03-31', { resultReport: { id: 'raport' } }), late)).toBeUndefined();
    expect(reportOverdueDays(ended('2026-03-31', { remarks: [{ decision: 'accepted' }] }), late)).toBeUndefined();
    // Remarks listed but none decided are not yet a report (fresh tester, issue 16).
    expect(reportOverdueDays(ended('2026-03-31', { remarks: [{}, { decision: undefined }] }), late)).toBe(5);
    expect(reportOverdueDays(ended('2026-03-31', { remarks: [] }), late)).toBe(5);
  });

  it('says the days with the Polish plural', () => {
    expect([1, 2, 4, 5, 12, 22, 25, 101].map(overdueText)).toEqual([
      'Raport opóźniony o 1 dzień',
      'Raport opóźniony o 2 dni',
      'Raport opóźniony o 4 dni',
      'Raport opóźniony o 5 dni',
      'Raport opóźniony o 12 dni',
      'Raport opóźniony o 22 dni',
      'Raport opóźniony o 25 dni',
      'Raport opóźniony o 101 dni',
    ]);
  });

  it('changes the page every Warsaw midnight from the first late day', () => {
    expect(warsawMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(warsawMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    // The nights the clocks change: midnight is still under the old offset.
    expect(warsawMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(warsawMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    const due = addDays('2026-03-31', reportDays);
    expect(dailyChangeOf(ended('2026-03-31'))).toEqual({ from: warsawMidnight(addDays(due, 1)).toISOString(), what: 'raport opóźniony: Zieleń na Zabłociu' });
    expect(dailyChangeOf(ended('2026-03-31', { resultReport: { id: 'r' } }))).toBeUndefined();
    expect(dailyChangeOf(ended(undefined))).toBeUndefined();
  });
});
