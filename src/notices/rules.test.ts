import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../lib/secret.ts';
import type { PublicEvent, PublicProgramme } from './events-file.ts';
import { programmesConcerned, reminderDue, reminderOccasion, retentionCutoff, retentionDaysFrom } from './rules.ts';

const programmes: PublicProgramme[] = [
  { id: 'wspolne-projekty', title: 'Wspólne Projekty' },
  { id: 'miejskie', title: 'Wspólne Projekty Miejskie', parent: 'wspolne-projekty' },
  { id: 'dzielnicowe', title: 'Wspólne Projekty Dzielnicowe', parent: 'wspolne-projekty' },
  { id: 'petla-a', title: 'A', parent: 'petla-b' },
  { id: 'petla-b', title: 'B', parent: 'petla-a' },
];

function event(overrides: Partial<PublicEvent>): PublicEvent {
  return {
    id: 'warsztat',
    title: 'Warsztat',
    kind: 'workshop',
    start: new Date('2026-05-16T08:00:00Z'),
    end: new Date('2026-05-16T12:00:00Z'),
    status: 'planned',
    page: '/wydarzenia/warsztat/',
    ...overrides,
  };
}

const hour = 3_600_000;
const day = 24 * hour;

describe('whose registrations an event concerns', () => {
  it('its own programme and every programme above it, not its siblings', () => {
    expect(programmesConcerned(event({ programme: 'miejskie' }), programmes)).toEqual(['miejskie', 'wspolne-projekty']);
    expect(programmesConcerned(event({ programme: 'wspolne-projekty' }), programmes)).toEqual(['wspolne-projekty']);
  });

  it('nobody for a consultation event, and a parent loop ends', () => {
    expect(programmesConcerned(event({ consultation: 'konsultacje' }), programmes)).toEqual([]);
    expect(programmesConcerned(event({ programme: 'petla-a' }), programmes)).toEqual(['petla-a', 'petla-b']);
  });
});

describe('reminders', () => {
  const e = event({});
  it('are due from 48 hours before the start until the start', () => {
    expect(reminderDue(e, new Date(e.start.getTime() - 48 * hour - 1))).toBe(false);
    expect(reminderDue(e, new Date(e.start.getTime() - 48 * hour))).toBe(true);
    expect(reminderDue(e, new Date(e.start.getTime() - 1 * hour))).toBe(true); // the job was down at the mark
    expect(reminderDue(e, e.start)).toBe(false);
  });

  it('are never due for a cancelled event, and are for a moved or online one', () => {
    const at = new Date(e.start.getTime() - 24 * hour);
    expect(reminderDue({ ...e, status: 'cancelled' }, at)).toBe(false);
    expect(reminderDue({ ...e, status: 'moved' }, at)).toBe(true);
    expect(reminderDue({ ...e, status: 'online' }, at)).toBe(true);
  });

  it('are named by the event and its Warsaw day, so a move to another day reminds again', () => {
    expect(reminderOccasion(e)).toBe('warsztat:2026-05-16');
    expect(reminderOccasion({ ...e, start: new Date('2026-05-16T21:30:00Z') })).toBe('warsztat:2026-05-16'); // 23:30 in Warsaw
    expect(reminderOccasion({ ...e, start: new Date('2026-05-16T22:30:00Z') })).toBe('warsztat:2026-05-17');
  });
});

describe('the retention date', () => {
  const data = {
    programmes,
    events: [
      event({ id: 'a', programme: 'miejskie', end: new Date('2026-04-04T12:00:00Z') }),
      event({ id: 'b', programme: 'miejskie', status: 'cancelled', end: new Date('2026-04-21T18:00:00Z') }),
      event({ id: 'c', programme: 'dzielnicowe', end: new Date('2026-06-30T18:00:00Z') }),
      event({ id: 'd', consultation: 'konsultacje', end: new Date('2026-11-14T14:00:00Z') }),
    ],
  };
  const closes = (iso: string) => ({ closes: new Date(iso) });

  it('is the given number of days after the programme’s last event, cancelled ones included', () => {
    expect(retentionCutoff('miejskie', data, closes('2026-03-20T23:00:00Z'), 90)).toEqual(new Date(Date.parse('2026-04-21T18:00:00Z') + 90 * day));
  });

  it('counts a programme’s sub-programmes’ events, and a consultation’s own', () => {
    expect(retentionCutoff('wspolne-projekty', data, undefined, 30)).toEqual(new Date(Date.parse('2026-06-30T18:00:00Z') + 30 * day));
    expect(retentionCutoff('konsultacje', data, undefined, 90)).toEqual(new Date(Date.parse('2026-11-14T14:00:00Z') + 90 * day));
  });

  it('counts from the close of sign-ups when that is later, or when there are no events', () => {
    expect(retentionCutoff('miejskie', data, closes('2026-05-01T00:00:00Z'), 90)).toEqual(new Date(Date.parse('2026-05-01T00:00:00Z') + 90 * day));
    expect(retentionCutoff('bez-wydarzen', data, closes('2026-05-01T00:00:00Z'), 90)).toEqual(new Date(Date.parse('2026-05-01T00:00:00Z') + 90 * day));
  });

  it('is unknown for a programme neither file knows', () => {
    expect(retentionCutoff('zniknal', data, undefined, 90)).toBeUndefined();
  });

  it('reads RETENTION_DAYS, 90 by default, refusing nonsense in Polish', () => {
    expect(retentionDaysFrom(undefined)).toBe(90);
    expect(retentionDaysFrom(' 30 ')).toBe(30);
    for (const bad of ['0', '-5', '1.5', 'dziewięćdziesiąt', '99999']) expect(() => retentionDaysFrom(bad)).toThrow(ConfigurationError);
    expect(() => retentionDaysFrom('abc')).toThrow(/RETENTION_DAYS musi być liczbą całkowitą dni/);
  });
});
