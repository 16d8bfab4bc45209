import { describe, expect, it } from 'vitest';
import { shownStatus } from './programme-status.ts';

const enrolment = { opens: new Date('2026-12-01T08:00:00Z'), closes: new Date('2026-12-10T12:19:00Z') };

describe('shownStatus', () => {
  it('follows the enrolment window while the editor says "Trwa nabór" or "Zapowiedziany"', () => {
    for (const status of ['enrolment', 'announced'] as const) {
      expect(shownStatus({ status, enrolment }, new Date('2026-11-30T12:00:00Z')).label).toBe('Nabór od 1 grudnia 2026');
      expect(shownStatus({ status, enrolment }, new Date('2026-12-05T12:00:00Z')).label).toBe('Trwa nabór');
      expect(shownStatus({ status, enrolment }, new Date('2026-12-10T12:19:00Z')).label).toBe('Trwa nabór');
      expect(shownStatus({ status, enrolment }, new Date('2026-12-10T12:19:00.001Z')).label).toBe('Nabór zakończony');
    }
  });

  it('keeps what the editor set for every other status, and without a window', () => {
    const late = new Date('2027-01-01T00:00:00Z');
    expect(shownStatus({ status: 'cancelled', enrolment }, late)).toEqual({ label: 'Odwołany', tone: 'cancelled', rank: 4 });
    expect(shownStatus({ status: 'changed', enrolment }, late).label).toBe('Zmieniona formuła');
    expect(shownStatus({ status: 'ongoing', enrolment }, late).label).toBe('W trakcie');
    expect(shownStatus({ status: 'enrolment' }, late).label).toBe('Trwa nabór');
  });

  it('ranks an open window first on the home page', () => {
    const open = shownStatus({ status: 'announced', enrolment }, new Date('2026-12-05T12:00:00Z'));
    const ongoing = shownStatus({ status: 'ongoing' }, new Date('2026-12-05T12:00:00Z'));
    expect(open.rank).toBeLessThan(ongoing.rank);
  });
});
