/**
 * Issue 11 §5, on PGlite and PostgreSQL, through the real server: people
 * sign up (the form, the email, the button) to a programme and a
 * consultation; an editor then deletes both from the site. Their
 * applications must stay within staff's reach until retention erases them:
 *
 * - the panel lists them under "Programy i konsultacje, których nie ma już
 *   na stronie" (by the title the site last showed), and each opens a page
 *   with the applications — not a 404;
 * - the CSV export holds every application, and is audited;
 * - deletion on request works (the existing flow), and is audited;
 * - the scheduled job inside the server erases the rest RETENTION_DAYS
 *   after it first found them missing (or at the date last known, if
 *   earlier), and not a day before; the panel shows the date and the rule;
 * - the public lottery page of the vanished programme answers 404 in
 *   Polish, not 500.
 *
 * The rule's edges (coming back resets it; the date known earlier wins;
 * the public files not knowing a programme's events either) are checked on
 * the job alone below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { catalogueOf, type CatalogueEntry } from '../../src/catalogue/catalogue.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { parseEventsFile } from '../../src/notices/events-file.ts';
import type { PublicData } from '../../src/notices/public-data.ts';
import { applyRetention } from '../../src/notices/retention.ts';
import { describeRun, runScheduledJobs } from '../../src/notices/run.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { exportHeader } from '../../src/staff/export.ts';
import { engines } from '../support/databases.ts';
import { confirmByButton, linksOf, testCatalogue, workshopForm, type EnrolmentApp } from '../support/enrolment-app.ts';
import { storeApplication } from '../support/notices-site.ts';
import { cookieHeader, sameOrigin, signIn, startPanelApp } from '../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const day = 86_400_000;
const workshop = 'warsztaty-zielone-podworka';
const workshopTitle = 'Warsztaty „Zielone podwórka” — Dębniki';
const park = 'park-za-torami';
const section = 'Programy i konsultacje, których nie ma już na stronie';
const personal = ['email', 'name', 'district', 'phone', 'age_band', 'organisation', 'message'];

/** The public files as a build of `entries` would write them (the events file lists the programmes, no events). */
function publicDataOf(entries: readonly CatalogueEntry[]): PublicData {
  return {
    events: parseEventsFile({
      generatedAt: new Date().toISOString(),
      events: [],
      programmes: entries.filter((e) => e.kind === 'programme').map((e) => ({ id: e.id, title: e.title })),
    }),
    catalogue: catalogueOf(entries),
  };
}

describe.each(engines)('applications of content deleted from the site, on $name', (engine) => {
  let t: EnrolmentApp;
  let sink: SmtpSink;
  let published: CatalogueEntry[] = [...testCatalogue];
  let session = '';
  const rows = (sql: string, params: unknown[] = []) => t.database.db.query(sql, params).then((r) => r.rows);
  const panel = (path: string, init: RequestInit = {}) =>
    fetch(`${t.origin}${path}`, { redirect: 'manual', ...init, headers: { ...sameOrigin(t.origin), ...cookieHeader(session), ...(init.headers as Record<string, string> | undefined) } });
  const runJob = async () => {
    const report = await t.app.jobs!.runNow();
    if (!report) throw new Error(`the job failed: ${t.logs.slice(-3).join(' | ')}`);
    return report;
  };
  /** Moves the clock and signs in again (a session lasts a working day). */
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    session = await signIn(t);
  };

  beforeAll(async () => {
    sink = await createSmtpSink();
    await sink.start();
    t = await startPanelApp(engine, sink, {
      catalogue: async () => catalogueOf(published),
      publicData: async () => publicDataOf(published),
      // Driven by the test (runNow), not by a timer.
      jobIntervalMs: 24 * 60 * 60_000,
    });
    session = await signIn(t);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.dispose();
  });

  async function signUp(form: URLSearchParams, confirm: boolean): Promise<string> {
    const email = form.get('email')!;
    const response = await fetch(`${t.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: t.origin } });
    expect(response.status, await response.text()).toBe(303);
    const [mail] = await t.waitForMail(email);
    if (confirm) expect((await confirmByButton(linksOf(mail!)[0]!)).status).toBe(200);
    return String((await rows('SELECT id FROM applications WHERE email = $1', [email]))[0]?.['id']);
  }

  it('keeps them in the panel with export, deletion on request and retention after the content is deleted', async () => {
    const ola = await signUp(workshopForm('ola.nowak@example.pl', { name: 'Aleksandra Nowak' }), true);
    const jan = await signUp(workshopForm('jan.kos@example.pl', { name: 'Jan Kos', phone: '+48 600 100 200' }), true);
    const pending = await signUp(workshopForm('ewa.zajac@example.pl', { name: 'Ewa Zając' }), false);
    await signUp(new URLSearchParams({ programme: park, email: 'uwagi@example.pl', message: 'Więcej ławek przy stawie.', consent: 'tak', website: '' }), true);
    // The job sees them published once, and records their titles.
    await runJob();

    // An editor deletes the programme and the consultation; the next build publishes the site without them.
    published = testCatalogue.filter((e) => e.id !== workshop && e.id !== park);
    const deletedAt = t.clock.now();
    // Before the job's next run: the page answers at once, with the date the content gave and why.
    const early = await panel(`/panel/program/?p=${workshop}`);
    expect(early.status).toBe(200);
    expect(await early.text()).toContain('termin według treści z ostatniego sprawdzenia strony');
    const first = await runJob();
    expect(first.retention).toMatchObject({ erased: 0, unknownProgrammes: 2 });
    const [record] = await rows('SELECT missing_since, erase_after, known_erase_after FROM programme_retention WHERE programme_id = $1', [workshop]);
    const missingSince = record!['missing_since'] as Date;
    expect(Math.abs(missingSince.getTime() - deletedAt.getTime())).toBeLessThan(60_000);
    // 90 days after it went missing: earlier than the date the content gave (90 days after the close of sign-ups in 20 days).
    expect(record!['erase_after']).toEqual(new Date(missingSince.getTime() + 90 * day));
    expect((record!['known_erase_after'] as Date).getTime()).toBeGreaterThan(missingSince.getTime() + 90 * day);

    // The panel: the new section, by title, linking to pages that answer.
    const home = await (await panel('/panel/')).text();
    const listed = home.slice(home.indexOf(section));
    expect(home).toContain(`<h2 id="nieopublikowane-tytul">${section}</h2>`);
    expect(listed).toContain(`<a href="/panel/program/?p=${workshop}">${workshopTitle}</a>`);
    expect(listed).toContain(`<a href="/panel/program/?p=${park}">Konsultacje: park za torami</a>`);
    expect(listed).toContain('usuwane automatycznie po 90 dniach od chwili, gdy system po raz pierwszy zauważył ich brak na stronie');
    const page = await panel(`/panel/program/?p=${workshop}`);
    expect(page.status).toBe(200);
    const pageText = await page.text();
    expect(pageText).toContain(`<h1>${workshopTitle}</h1>`);
    expect(pageText).toContain('Tego programu nie ma już na stronie');
    for (const name of ['Aleksandra Nowak', 'Jan Kos', 'Ewa Zając', 'ola.nowak@example.pl']) expect(pageText).toContain(name);
    expect(pageText).toMatch(/Dane osobowe zostaną usunięte \d{1,2} \p{L}+ \d{4}, godz\. \d{2}:\d{2}/u);
    // What needs the content is not offered.
    expect(pageText).not.toContain('Napisz do uczestników');
    expect(pageText).not.toContain('Losowanie miejsc');
    expect((await panel(`/panel/program/?p=nigdy-nie-istnial`)).status).toBe(404);

    // Export: every application, with the data, audited.
    const exported = await panel(`/panel/eksport/?p=${workshop}`, { method: 'POST' });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = parseCsv(await exported.text());
    expect(header).toEqual([...exportHeader]);
    const byName = new Map(lines.map((l) => [l[2], l]));
    expect([...byName.keys()].sort()).toEqual(['Aleksandra Nowak', 'Ewa Zając', 'Jan Kos']);
    expect(byName.get('Jan Kos')!.slice(1, 5)).toEqual(['potwierdzone', 'Jan Kos', 'jan.kos@example.pl', '+48 600 100 200']);
    expect(byName.get('Ewa Zając')![1]).toBe('oczekuje na potwierdzenie');
    // The declaration's text is gone with the content: its id stands for it.
    expect(byName.get('Jan Kos')![9]).toBe('udzial-we-wszystkich');

    // Deletion on request: the page, its button, the row withdrawn without data.
    const question = await panel(`/panel/usun/?a=${jan}`);
    expect(question.status).toBe(200);
    const questionText = await question.text();
    expect(questionText).toContain(`Program: „${workshopTitle}” (nie ma go już na stronie).`);
    expect(questionText).toContain(`href="/panel/program/?p=${workshop}"`);
    const deleted = await panel(`/panel/usun/?a=${jan}`, { method: 'POST' });
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain('zostały usunięte');
    expect((await rows(`SELECT status, ${personal.join(', ')} FROM applications WHERE id = $1`, [jan]))[0]).toEqual({
      status: 'withdrawn', ...Object.fromEntries(personal.map((c) => [c, null])),
    });

    // The audit log: both actions, named by the programme's id (its title on the page), no personal data.
    const audit = await rows(`SELECT action, programme_id, target, detail FROM audit_log WHERE action IN ('export', 'delete') ORDER BY id`);
    expect(audit).toEqual([
      { action: 'export', programme_id: workshop, target: null, detail: 'wierszy: 3' },
      { action: 'delete', programme_id: workshop, target: expect.stringMatching(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/), detail: null },
    ]);
    const auditPage = await (await panel('/panel/dziennik/')).text();
    expect(auditPage).toContain(`<td>${workshopTitle}</td>`);
    expect(auditPage).not.toContain('jan.kos@example.pl');

    // The vanished lottery programme's public page: a Polish 404, not a 500.
    for (const path of [`/losowania/${workshop}/`, `/losowania/${workshop}/pula.txt`, `/losowania/${workshop}/protokol.json`]) {
      const response = await fetch(`${t.origin}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain('Nie ma losowania o takim adresie');
    }
    // Its recorded announcement (issue 11 §2) may still be served as a public record, or refused — never a server error.
    expect((await fetch(`${t.origin}/losowania/${workshop}/ogloszenie.json`)).status).toBeLessThan(500);

    // Retention: nothing a day before the date (the unconfirmed one goes when its link expires), everything at it.
    await advance(89 * day);
    const before = await runJob();
    expect(before.retention).toMatchObject({ erased: 0, expiredUnconfirmed: 1, unknownProgrammes: 2 });
    expect((await rows('SELECT email FROM applications WHERE id = $1', [ola]))[0]).toEqual({ email: 'ola.nowak@example.pl' });
    expect((await rows('SELECT email, erased_at FROM applications WHERE id = $1', [pending]))[0]?.['email']).toBeNull();
    await advance(day + 60_000);
    const after = await runJob();
    // Ola (the workshop) and the consultation's remark.
    expect(after.retention).toMatchObject({ erased: 2, unknownProgrammes: 0 });
    expect(await rows(`SELECT count(*)::int AS n FROM applications WHERE ${personal.map((c) => `${c} IS NOT NULL`).join(' OR ')}`)).toEqual([{ n: 0 }]);
    // Codes and states stay; the panel still lists them, saying the data is gone.
    expect(await rows('SELECT status, count(*)::int AS n FROM applications WHERE programme_id = $1 GROUP BY status ORDER BY status', [workshop])).toEqual([
      { status: 'confirmed', n: 1 },
      { status: 'pending', n: 1 },
      { status: 'withdrawn', n: 1 },
    ]);
    const finalHome = await (await panel('/panel/')).text();
    expect(finalHome.slice(finalHome.indexOf(section))).toContain('dane już usunięte');
    const finalPage = await (await panel(`/panel/program/?p=${workshop}`)).text();
    expect(finalPage).toContain('Zgłoszenia nie zawierają już danych osobowych');
    expect(finalPage).not.toContain('ola.nowak@example.pl');
  });
});

describe.each(engines)('the retention rule for programmes no longer on the site, on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const links = createLinkSigner(Buffer.from('retention-test-secret-retention-test-secret'), 'https://wspolnie.example');
  const start = new Date('2026-09-01T10:00:00Z');
  const at = (days: number) => new Date(start.getTime() + days * day);
  const entry = (id: string, closes: Date): CatalogueEntry => ({
    ...testCatalogue[1]!,
    id,
    title: `Program ${id}`,
    page: `/programy/${id}/`,
    enrolment: { ...testCatalogue[1]!.enrolment, opens: new Date(closes.getTime() - 30 * day), closes },
  });
  const run = (entries: CatalogueEntry[], now: Date) => applyRetention(db, publicDataOf(entries).events, catalogueOf(entries), 90, now);
  const emailOf = async (id: string) => (await db.query<{ email: string | null }>('SELECT email FROM applications WHERE id = $1', [id])).rows[0]?.email;
  const recordOf = async (id: string) => (await db.query('SELECT title, kind, missing_since, erase_after FROM programme_retention WHERE programme_id = $1', [id])).rows[0];

  beforeAll(async () => {
    const t = await engine.create();
    db = t.db;
    dispose = t.dispose;
  });
  afterAll(() => dispose?.());

  it('starts the period when the job first finds it missing, and a programme that comes back is counted as before', async () => {
    const a = await storeApplication(db, 'wraca', 'confirmed', 'wraca@example.pl', at(-10));
    const published = [entry('wraca', at(100))];
    await run(published, at(0));
    expect(await recordOf('wraca')).toEqual({ title: 'Program wraca', kind: 'programme', missing_since: null, erase_after: at(190) });
    await run([], at(1));
    expect(await recordOf('wraca')).toMatchObject({ title: 'Program wraca', missing_since: at(1), erase_after: at(91) });
    // Later runs keep the first sighting.
    await run([], at(50));
    expect(await recordOf('wraca')).toMatchObject({ missing_since: at(1), erase_after: at(91) });
    // Restored by the editor before the date: the usual rule again, nothing erased.
    await run(published, at(60));
    expect(await recordOf('wraca')).toMatchObject({ missing_since: null, erase_after: at(190) });
    expect((await run(published, at(95))).erased).toBe(0);
    expect(await emailOf(a.id)).toBe('wraca@example.pl');
    // Deleted again: the period starts again from this sighting.
    await run([], at(96));
    expect(await recordOf('wraca')).toMatchObject({ missing_since: at(96), erase_after: at(186) });
  });

  it('erases at the date the content gave when that is earlier, and one never seen published 90 days after it was found', async () => {
    const ending = await storeApplication(db, 'konczy-sie', 'confirmed', 'konczy@example.pl', at(-100));
    const stranger = await storeApplication(db, 'nieznany-nigdy', 'accepted', 'obcy@example.pl', at(-400));
    // Sign-ups closed 85 days ago: on the site, its data would go in 5 days.
    await run([entry('konczy-sie', at(-85))], at(0));
    await run([], at(1));
    expect(await recordOf('konczy-sie')).toMatchObject({ missing_since: at(1), erase_after: at(5) });
    // The one the job never saw on the site: no title, 90 days from the first run that found it.
    expect(await recordOf('nieznany-nigdy')).toEqual({ title: null, kind: null, missing_since: at(0), erase_after: at(90) });
    expect((await run([], at(4))).erased).toBe(0);
    expect(await emailOf(ending.id)).toBe('konczy@example.pl');
    expect((await run([], at(5))).erased).toBe(1);
    expect(await emailOf(ending.id)).toBeNull();
    expect(await emailOf(stranger.id)).toBe('obcy@example.pl');
    const report = await run([], at(90));
    expect(report).toMatchObject({ erased: 1, unknownProgrammes: 1 /* 'wraca' of the test above */ });
    expect(await emailOf(stranger.id)).toBeNull();
  });

  it('the scheduled job logs, in counts, the programmes whose data waits', async () => {
    const report = await runScheduledJobs({ db, publicData: async () => publicDataOf([]), links, siteUrl: 'https://wspolnie.example', now: () => at(91), retentionDays: 90 });
    expect(report.retention.unknownProgrammes).toBe(1);
    expect(describeRun(report)).toBe('Powiadomienia: programy, których nie ma już na stronie: 1 (ich dane czekają na termin usunięcia; panel pracowników je pokazuje).');
  });
});
