/**
 * The live site of `npm start` refuses to publish an event edited by hand
 * whose change subscribed calendars would ignore (the time moved, the
 * revision kept), keeps the last good site and says in Polish which file to
 * fix and how; with the revision raised it publishes, and both calendar
 * parsers read the new time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarParsers } from '../support/calendar-parsers.ts';
import { pgliteEngine } from '../support/databases.ts';
import { startLiveSite, type LiveSiteRun } from '../support/live-site.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const file = 'src/content/wydarzenia/dyzur-reczny.md';
const eventFile = (fields: { start: string; end: string; sequence: number; updated: string }) => `---
title: Dyżur edytowany ręcznie
consultation: jak-rozwijac-konsultacje-spoleczne-w-krakowie-2025
kind: duty-in-person
start: "${fields.start}"
end: "${fields.end}"
place:
  address: ul. Zabłocie 22, Kraków
sequence: ${fields.sequence}
updated: "${fields.updated}"
---

Dyżur.
`;

let sink: SmtpSink;
let run: LiveSiteRun;

beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  run = await startLiveSite(pgliteEngine, sink, {
    files: { [file]: eventFile({ start: '2030-05-14T10:00:00+02:00', end: '2030-05-14T12:00:00+02:00', sequence: 2, updated: '2030-05-01T10:00:00+02:00' }) },
  });
}, 180_000);

afterAll(async () => {
  await run?.close();
  await sink?.stop();
});

const calendar = async () => (await fetch(`${run.origin}/kalendarz.ics`)).text();
const uid = () => `dyzur-reczny@${new URL(run.origin).hostname}`;

describe('a hand edit of an event', () => {
  it('that moves it but keeps its revision is refused, and published once the revision is raised', async () => {
    for (const [name, read] of calendarParsers) expect(read(await calendar()).get(uid()), name).toMatchObject({ sequence: 2, start: '2030-05-14T08:00:00.000Z' });

    await run.save(file, eventFile({ start: '2030-05-21T10:00:00+02:00', end: '2030-05-21T12:00:00+02:00', sequence: 2, updated: '2030-05-01T10:00:00+02:00' }));
    const refused = await run.live.rebuilder.buildNow('test: termin zmieniony ręcznie');
    expect(refused.ok).toBe(false);
    const failure = run.live.rebuilder.status().failure;
    expect(`${failure?.summary} ${failure?.detail}`).toContain(
      `${file}: zmieniono początek, koniec bez podniesienia „Wersji w kalendarzach” (2), więc kalendarze subskrybentów nie zobaczą zmiany. Wpisz w „Wersja w kalendarzach” (sequence) 3`,
    );
    // The site residents see is still the last good one.
    for (const [name, read] of calendarParsers) expect(read(await calendar()).get(uid()), name).toMatchObject({ sequence: 2, start: '2030-05-14T08:00:00.000Z' });

    await run.save(file, eventFile({ start: '2030-05-21T10:00:00+02:00', end: '2030-05-21T12:00:00+02:00', sequence: 3, updated: '2030-05-02T09:00:00+02:00' }));
    const published = await run.live.rebuilder.buildNow('test: wersja podniesiona');
    expect(published.ok, published.output.slice(-2000)).toBe(true);
    for (const [name, read] of calendarParsers) {
      expect(read(await calendar()).get(uid()), name).toMatchObject({ sequence: 3, start: '2030-05-21T08:00:00.000Z', dtstamp: '2030-05-02T07:00:00.000Z' });
    }
  }, 240_000);
});
