/**
 * The requests register, a request's page, the rules page and the annual
 * plan in a real build (issue 16): a copy of the project with the fixture
 * requests and plans of tests/support/requests-site.ts, built by
 * `astro build` with the project's config. "Bez odpowiedzi od N dni" is
 * checked against the build's own clock (`generatedAt`), the plan's
 * outcomes against the register, the iCal feed with two independent parsers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/catalogue/catalogue.ts';
import { ruleSetOn } from '../../src/data/consultation-rules.ts';
import { addDays, daysBetween, warsawMidnight } from '../../src/lib/calendar-days.ts';
import { warsawDay } from '../../src/lib/dates.ts';
import { parseEventsFile } from '../../src/notices/events-file.ts';
import { boundariesOf, nextBoundary } from '../../src/site/boundaries.ts';
import { readWithIcalJs, readWithNodeIcal } from '../support/calendar-parsers.ts';
import type { FixtureSite } from '../support/fixture-site.ts';
import { fixtureConsultations, fixtureRequests, nextYearOf, requestsSite, seedConsultation } from '../support/requests-site.ts';

let site: FixtureSite;
let generatedAt: Date;
const read = (path: string) => readFile(join(site.dist, path), 'utf8');

beforeAll(async () => {
  site = await requestsSite();
  generatedAt = new Date((JSON.parse(await read('dane/wydarzenia.json')) as { generatedAt: string }).generatedAt);
}, 600_000);

afterAll(async () => {
  await site?.remove();
});

/** The HTML of the register's row for a request. */
function rowOf(html: string, id: string): string {
  const found = new RegExp(`<tr[^>]*data-request="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  if (!found) throw new Error(`no row for ${id}`);
  return found[1]!;
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** Days the overdue fixture has waited on the build's day: filed 45 days before the run started. */
async function expectedWait(): Promise<{ days: number; filedOn: string }> {
  const html = await read(`konsultacje/wnioski/${fixtureRequests.overdue}/index.html`);
  const filedOn = /<dt>Złożony<\/dt><dd><time datetime="(\d{4}-\d{2}-\d{2})"/.exec(html)![1]!;
  return { days: daysBetween(filedOn, warsawDay(generatedAt)), filedOn };
}

describe('the register of requests', () => {
  it('lists every request, the latest filed first, with its applicant, district, procedure and supporters', async () => {
    const html = await read('konsultacje/wnioski/index.html');
    const order = [...html.matchAll(/data-request="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([fixtureRequests.fresh, fixtureRequests.overdue, fixtureRequests.rejected, fixtureRequests.consultation]);
    expect(text(rowOf(html, fixtureRequests.overdue))).toContain('Wnioskodawca: Mieszkańcy Dotyczy: Dzielnica XIII Podgórze Tryb: Konsultacje społeczne');
    expect(text(rowOf(html, fixtureRequests.overdue))).toContain('Poparcia: 120 z 200');
    expect(text(rowOf(html, fixtureRequests.rejected))).toContain('Organizacje pozarządowe: Stowarzyszenie Przykładowe Dotyczy: Całe miasto Tryb: Mała Konsultacja');
    expect(text(rowOf(html, fixtureRequests.rejected))).toContain('Poparcia: 1 z 3');
    expect(text(rowOf(html, fixtureRequests.consultation))).toContain('Poparcia: nie są wymagane');
    expect(html).not.toContain('data-empty-register');
  });

  it('says "bez odpowiedzi od N dni" of the one request past its answer deadline, N counted from filing on the build\'s day', async () => {
    const { days } = await expectedWait();
    expect(days).toBeGreaterThan(ruleSetOn('2026-01-01').answerDays);
    const html = await read('konsultacje/wnioski/index.html');
    expect(rowOf(html, fixtureRequests.overdue)).toMatch(new RegExp(`<strong data-unanswered="${days}"[^>]*>bez odpowiedzi od ${days} dni</strong>`));
    for (const id of [fixtureRequests.fresh, fixtureRequests.rejected, fixtureRequests.consultation]) expect(rowOf(html, id)).not.toContain('data-unanswered');
    expect(text(rowOf(html, fixtureRequests.rejected))).toMatch(/Termin odpowiedzi: 1 maja 2026 odpowiedź: 20 kwietnia 2026 Status: Odrzucony$/);
  });
});

describe("a request's page", () => {
  it('shows the status, the rule set it is judged by, the supporters needed and verified, the deadline and the overdue days', async () => {
    const { days, filedOn } = await expectedWait();
    const html = await read(`konsultacje/wnioski/${fixtureRequests.overdue}/index.html`);
    expect(html).toContain('<strong data-status="verification">W weryfikacji</strong>');
    expect(html).toContain(`data-unanswered="${days}">Bez odpowiedzi od ${days} dni</strong>`);
    expect(text(html)).toContain('Wymagane poparcia 200 (według zasad: Zasady konsultacji z 2018 r. , liczby czekają na potwierdzenie)');
    expect(text(html)).toContain('Zweryfikowane poparcia 120 z 200 wymaganych');
    expect(html).toContain(`<dt>Termin odpowiedzi miasta</dt><dd><time datetime="${addDays(filedOn, 30)}">`);
    expect(text(html)).toContain('Miasto jeszcze nie odpowiedziało na ten wniosek.');
    expect(text(html)).toContain('Plac Wolnica nagrzewa się latem');
    expect([...html.matchAll(/<li data-status="([a-z]+)">/g)].map((m) => m[1])).toEqual(['filed', 'verification']);
  });

  it('shows a refusal with its reason in the history and the answer', async () => {
    const html = await read(`konsultacje/wnioski/${fixtureRequests.rejected}/index.html`);
    expect(text(html)).toContain('20 kwietnia 2026 : Odrzucony Uzasadnienie: Sprawa nie należy do zadań gminy — parking jest na terenie prywatnym.');
    expect(html).toContain('<p data-answer>Wniosek odrzucono, bo parking leży na terenie prywatnym');
    expect(html).not.toContain('data-unanswered');
  });

  it('links the consultation held on it, and says a council needs no supporters', async () => {
    const html = await read(`konsultacje/wnioski/${fixtureRequests.consultation}/index.html`);
    expect(html).toContain(`<a href="/konsultacje/${seedConsultation}/">Jak rozwijać konsultacje społeczne w Krakowie?</a>`);
    expect(html).toContain('<strong data-status="consultation">Skierowany do konsultacji</strong>');
    expect(text(html)).toContain('nie są wymagane: wnioskodawca składa wniosek z własnych uprawnień');
  });

  it('says so when no justification was published', async () => {
    expect(text(await read(`konsultacje/wnioski/${fixtureRequests.fresh}/index.html`))).toContain('Uzasadnienie nie zostało opublikowane.');
  });
});

describe('the rules page', () => {
  it('lists the rule set in force first and the proposal, each with its figures and that they await confirmation', async () => {
    const html = await read('konsultacje/wnioski/zasady/index.html');
    expect([...html.matchAll(/data-rule-set="([^"]+)"/g)].map((m) => m[1])).toEqual(['krakow-2018', 'krakow-projekt-2025']);
    expect(text(html)).toContain('Zasady konsultacji z 2018 r. (obowiązujące) Obowiązują od 1 października 2018.');
    expect(text(html)).toContain('Projekt — nie obowiązuje i nie stosuje się go do wniosków.');
    expect(html.match(/data-unconfirmed/g)).toHaveLength(2);
    expect(text(html)).toContain('Mieszkańcy 200 50');
    expect(text(html)).toContain('Rada dzielnicy bez poparć bez poparć');
    expect(text(html)).toContain('Odpowiedź na wniosek w ciągu 30 dni od złożenia');
  });
});

describe('the live site keeps N true', () => {
  it("asks, through the events file, for a rebuild at every midnight once a request's deadline has passed", async () => {
    const { filedOn } = await expectedWait();
    const file = parseEventsFile(JSON.parse(await read('dane/wydarzenia.json')));
    const what = 'wniosek bez odpowiedzi: Zieleń na placu Wolnica';
    expect(file.daily?.find((d) => d.what === what)?.from).toBe(warsawMidnight(addDays(filedOn, 31)).toISOString());
    // The deadline of the fresh request is ahead: its series starts the midnight after its due day.
    expect(file.daily?.some((d) => d.what === 'wniosek bez odpowiedzi: Ławki na bulwarach')).toBe(true);
    const next = nextBoundary(boundariesOf(catalogueOf([]), file), generatedAt);
    expect(next?.at.getTime()).toBeLessThanOrEqual(warsawMidnight(addDays(warsawDay(generatedAt), 1)).getTime());
  });
});

describe('the annual plan', () => {
  it('sets the 2025 plan beside what was held: as planned, in another quarter, not held, and held outside the plan', async () => {
    const html = await read('konsultacje/plan/2025/index.html');
    const outcomes = [...html.matchAll(/<tr data-outcome="([a-z-]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [m[1], text(m[2]!)]);
    expect(outcomes.map(([kind]) => kind)).toEqual(['other-quarter', 'not-held', 'as-planned', 'unplanned']);
    expect(outcomes[0]![1]).toContain('I kwartał Zieleń osiedlowa Jednostka: Zarząd Zieleni Miejskiej Forma: Panel obywatelski Przeprowadzone w innym kwartale: II kw. zamiast I kw. Zieleń osiedlowa');
    expect(outcomes[1]![1]).toContain('Nieprzeprowadzone: kwartał minął');
    expect(html).toContain(`href="/konsultacje/${seedConsultation}/"`);
    expect(outcomes[3]![1]).toContain('Parki kieszonkowe');
    expect(html).toContain(`href="/konsultacje/${fixtureConsultations.unplanned}/"`);
    expect(text(html)).toContain('przeprowadzone zgodnie z planem: 1 przeprowadzone w innym kwartale: 1 przeprowadzone w innym roku: 0 nieprzeprowadzone, choć kwartał minął: 1 jeszcze przed nami: 0 przeprowadzone poza planem: 1');
  });

  it("shows next year's plan as still to come, and lists both plans with their feeds", async () => {
    const year = nextYearOf();
    const html = await read(`konsultacje/plan/${year}/index.html`);
    expect([...html.matchAll(/data-outcome="([a-z-]+)"/g)].map((m) => m[1])).toEqual(['pending', 'pending']);
    expect(text(html)).toContain(`W ${year} r. nie odbyły się konsultacje spoza planu.`);
    const index = await read('konsultacje/plan/index.html');
    expect([...index.matchAll(/href="\/konsultacje\/plan\/(\d{4})\/"/g)].map((m) => Number(m[1]))).toEqual([year, 2025]);
    expect(index).toContain(`href="/konsultacje/plan/${year}.ics"`);
    expect(index).not.toContain('data-empty-plans');
  });

  it('publishes the planned consultations as all-day entries of their quarter, read alike by node-ical and ical.js', async () => {
    const ics = await read('konsultacje/plan/2025.ics');
    for (const parse of [readWithNodeIcal, readWithIcalJs]) {
      const events = [...parse(ics).values()].sort((a, b) => a.start.localeCompare(b.start));
      expect(events.map((e) => e.summary)).toEqual(['Planowane konsultacje: Zieleń osiedlowa', 'Planowane konsultacje: Nocna komunikacja', 'Planowane konsultacje: Zasady konsultacji społecznych']);
      expect(events.map((e) => e.uid.replace(/@.*$/, ''))).toEqual(['plan-2025-q1-zielen-osiedlowa', 'plan-2025-q2-nocna-komunikacja', 'plan-2025-q4-zasady-konsultacji-spolecznych']);
    }
    expect(ics).toContain('DTSTART;VALUE=DATE:20251001\r\nDTEND;VALUE=DATE:20260101\r\n');
    expect(ics).toContain('DTSTART;VALUE=DATE:20250101\r\nDTEND;VALUE=DATE:20250401\r\n');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('asks for a rebuild when a quarter of next year with an item not yet held ends', async () => {
    const file = parseEventsFile(JSON.parse(await read('dane/wydarzenia.json')));
    const year = nextYearOf();
    expect(file.daily?.filter((d) => d.what.includes(`planu konsultacji ${year}`)).map((d) => d.from)).toEqual([
      warsawMidnight(`${year}-04-01`).toISOString(),
      warsawMidnight(`${year}-10-01`).toISOString(),
    ]);
  });
});
