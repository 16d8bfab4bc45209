import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarEventInput } from './calendar.ts';
import { feedEvents, revisionProblems } from './check.ts';

const site = 'https://wspolnie.example.pl';
const options = { name: 'Wspólnie', description: 'Wydarzenia', site, url: `${site}/kalendarz.ics` };
const feed = (...events: CalendarEventInput[]) => buildCalendar(events, options);
const fileOf = (id: string) => `src/content/wydarzenia/${id}.md`;

const workshop: CalendarEventInput = {
  id: 'warsztat',
  title: 'Warsztat o zieleni przy ulicy Długiej, z mapami i pracą w grupach przy stolikach',
  start: new Date('2026-05-14T10:00:00+02:00'),
  end: new Date('2026-05-14T12:00:00+02:00'),
  kindLabel: 'Warsztat',
  status: 'planned',
  location: 'ul. Długa 1, Kraków',
  url: `${site}/wydarzenia/warsztat/`,
  sequence: 3,
  updated: new Date('2026-05-01T10:00:00Z'),
};
const published = feed(workshop);

describe('reading a feed back', () => {
  it('finds each event by content id with its SEQUENCE, DTSTAMP and what a calendar shows, long lines unfolded', () => {
    const read = feedEvents(published).get('warsztat');
    expect(read).toMatchObject({ sequence: 3, stamp: '20260501T100000Z' });
    expect(read?.shown.get('SUMMARY')).toBe(`SUMMARY:${workshop.title.replace(',', '\\,')}`);
    expect(read?.shown.get('DTSTART')).toBe('DTSTART;TZID=Europe/Warsaw:20260514T100000');
  });
});

describe('the build refuses a change calendars would ignore', () => {
  it('accepts the same feed, a change with a higher revision, and new or removed events', () => {
    expect(revisionProblems(published, published, fileOf)).toEqual([]);
    expect(revisionProblems(published, feed({ ...workshop, status: 'cancelled', statusReason: 'Burza.', statusDecidedOn: '2026-05-10', sequence: 4, updated: new Date('2026-05-10T08:00:00Z') }), fileOf)).toEqual([]);
    expect(revisionProblems(published, feed({ ...workshop, id: 'inny', sequence: 0 }), fileOf)).toEqual([]);
    // A change only of the description (not something a calendar entry shows by itself) needs no new revision.
    expect(revisionProblems(published, feed({ ...workshop, description: 'Weź mapę.' }), fileOf)).toEqual([]);
  });

  it('names the file, what changed and the number to write when a hand edit kept the revision', () => {
    const problems = revisionProblems(published, feed({ ...workshop, start: new Date('2026-05-14T11:00:00+02:00'), location: 'ul. Krótka 2, Kraków' }), fileOf);
    expect(problems).toEqual([
      {
        id: 'warsztat',
        message:
          'src/content/wydarzenia/warsztat.md: zmieniono początek, miejsce lub link bez podniesienia „Wersji w kalendarzach” (3), więc kalendarze subskrybentów nie zobaczą zmiany. Wpisz w „Wersja w kalendarzach” (sequence) 4 i bieżący czas w „Ostatnia zmiana” (updated) — przy zapisie w CMS dzieje się to samo.',
      },
    ]);
  });

  it('refuses a restored event whose revision went back (the fault of decision-day numbers)', () => {
    const cancelled = feed({ ...workshop, sequence: undefined, updated: undefined, status: 'cancelled', statusReason: 'Burza.', statusDecidedOn: '2026-05-10' });
    const restoredByHand = feed({ ...workshop, sequence: undefined, updated: undefined });
    const [problem] = revisionProblems(cancelled, restoredByHand, fileOf);
    expect(problem?.message).toMatch(/^src\/content\/wydarzenia\/warsztat\.md: „Wersja w kalendarzach” \(0\) jest niższa niż już opublikowana \(9626\).* Wpisz w „Wersja w kalendarzach” \(sequence\) 9627 /);
  });

  it('refuses a stamp that went back while the revision rose', () => {
    const [problem] = revisionProblems(published, feed({ ...workshop, sequence: 4, updated: new Date('2026-04-01T10:00:00Z') }), fileOf);
    expect(problem?.message).toBe('src/content/wydarzenia/warsztat.md: „Ostatnia zmiana” jest wcześniejsza niż w opublikowanym kalendarzu. Wpisz bieżący czas w „Ostatnia zmiana” (updated).');
  });
});
