/**
 * The build's check that a hand-edited event still reaches subscribed
 * calendars: compares the feed about to be published with the one already
 * published. The CMS raises `sequence` and `updated` on every save
 * (calendar-revision.ts); a file edited by hand may not, and then calendar
 * apps would keep the old status or time without anyone noticing. Reads only
 * what this project's own feeds write (unfolded content lines of each VEVENT),
 * so no parser is needed at build time.
 */

/** One VEVENT as the check needs it. */
export interface FeedEvent {
  sequence: number;
  /** DTSTAMP as written, `YYYYMMDDTHHMMSSZ` (so it sorts as text). */
  stamp: string;
  /** The lines a calendar shows, by property name (parameters included: a TZID matters). */
  shown: Map<string, string>;
}

/** What a calendar shows of an event, and how an editor calls it. */
const shownProperties = new Map([
  ['SUMMARY', 'tytuł'],
  ['STATUS', 'status'],
  ['DTSTART', 'początek'],
  ['DTEND', 'koniec'],
  ['LOCATION', 'miejsce lub link'],
]);

/**
 * The events of an iCalendar text by content id (the UID before its last
 * "@", so a change of the site's host name does not matter).
 */
export function feedEvents(ics: string): Map<string, FeedEvent> {
  const events = new Map<string, FeedEvent>();
  let current: { uid?: string; sequence: number; stamp: string; shown: Map<string, string> } | undefined;
  for (const line of ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    if (line === 'BEGIN:VEVENT') current = { sequence: 0, stamp: '', shown: new Map() };
    else if (line === 'END:VEVENT' && current) {
      if (current.uid) events.set(current.uid.replace(/@[^@]*$/, ''), { sequence: current.sequence, stamp: current.stamp, shown: current.shown });
      current = undefined;
    } else if (current) {
      const name = /^[A-Z-]+/.exec(line)?.[0] ?? '';
      const value = line.slice(line.indexOf(':') + 1);
      if (name === 'UID') current.uid = value;
      else if (name === 'SEQUENCE') current.sequence = Number(value);
      else if (name === 'DTSTAMP') current.stamp = value;
      else if (shownProperties.has(name)) current.shown.set(name, line);
    }
  }
  return events;
}

/** One event the new feed would hide a change of, with the Polish sentence for the editor. */
export interface RevisionProblem {
  id: string;
  message: string;
}

/**
 * Every event present in both feeds whose change a calendar would ignore:
 * SEQUENCE lower than published, or equal while something shown changed, or
 * DTSTAMP earlier than published. `fileOf` names the content file in the
 * sentence (e.g. `src/content/wydarzenia/<id>.md`). Events new or gone are
 * fine: a calendar adds or drops them by UID.
 */
export function revisionProblems(published: string, next: string, fileOf: (id: string) => string): RevisionProblem[] {
  const before = feedEvents(published);
  const problems: RevisionProblem[] = [];
  for (const [id, now] of feedEvents(next)) {
    const was = before.get(id);
    if (!was) continue;
    const fix = `Wpisz w „Wersja w kalendarzach” (sequence) ${was.sequence + 1} i bieżący czas w „Ostatnia zmiana” (updated) — przy zapisie w CMS dzieje się to samo.`;
    const changed = [...shownProperties].filter(([name]) => was.shown.get(name) !== now.shown.get(name)).map(([, label]) => label);
    if (now.sequence < was.sequence) {
      problems.push({ id, message: `${fileOf(id)}: „Wersja w kalendarzach” (${now.sequence}) jest niższa niż już opublikowana (${was.sequence}), więc kalendarze subskrybentów nie przyjmą tej wersji wydarzenia. ${fix}` });
    } else if (now.sequence === was.sequence && changed.length > 0) {
      problems.push({ id, message: `${fileOf(id)}: zmieniono ${changed.join(', ')} bez podniesienia „Wersji w kalendarzach” (${now.sequence}), więc kalendarze subskrybentów nie zobaczą zmiany. ${fix}` });
    } else if (now.stamp < was.stamp) {
      problems.push({ id, message: `${fileOf(id)}: „Ostatnia zmiana” jest wcześniejsza niż w opublikowanym kalendarzu. Wpisz bieżący czas w „Ostatnia zmiana” (updated).` });
    }
  }
  return problems;
}
