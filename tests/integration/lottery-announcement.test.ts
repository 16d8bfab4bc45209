/**
 * What a lottery announced is a commitment (issue 11 §2), on both engines,
 * through the real app, its routes and the panel:
 *
 * - the announcement is recorded before the first application is stored, and
 *   /losowania/<id>/ and ogloszenie.json show the SHA-256 of the documented
 *   canonical form (recomputed here by hand, independently of the code);
 * - the CMS's check, run against the real route, refuses a change of any
 *   announced fact and names the fields in Polish;
 * - content that drifted (capacity, window, draw date) is shown as a conflict
 *   in the panel and the draw refuses (runDraw, the panel, the CLI), while
 *   the freeze goes by the recorded values; once content matches, the draw
 *   runs on the recorded values and the protocol carries the announcement;
 * - a typo in a description is corrected only by an audited staff action,
 *   listed publicly, before enrolment closes; the database refuses any other
 *   change of the record.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockedAnnouncementReasons } from '../../src/cms/browser/announcement-lock.ts';
import { verifyProtocolText } from '../../src/draw/verify.ts';
import { catalogueOf, type CatalogueEntry, type CatalogueFile } from '../../src/catalogue/catalogue.ts';
import { drawFromCommandLine } from '../../src/lottery/command-line.ts';
import { freezeDuePools, freezeIfDue } from '../../src/lottery/freeze.ts';
import { runDraw } from '../../src/lottery/run-draw.ts';
import { engines } from '../support/databases.ts';
import { testEnrolment, type EnrolmentApp } from '../support/enrolment-app.ts';
import { cookieHeader, sameOrigin, seedApplication, signIn, startPanelApp, staffAddress } from '../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const drawScript = new URL('../../scripts/draw.ts', import.meta.url).pathname;
const start = Date.now();
const sourceA = 'Wyniki losowania Lotto z dnia losowania (6 liczb)';
const sourceB = 'Kurs średni EUR w tabeli A NBP z dnia losowania';
const values = ['9 18 26 34 41 45', '4.2718'];
/** The corrected lottery's first source, announced with a typo ("losowana"). */
const typoSource = 'Wyniki losowana Lotto z 1 grudnia 2026 r. (6 liczb)';

function lottery(id: string, closes: Date, capacity = 3): CatalogueEntry {
  return {
    id,
    kind: 'programme',
    title: `Warsztaty z losowaniem (${id})`,
    page: `/programy/${id}/`,
    closedEarly: false,
    enrolment: testEnrolment({
      opens: new Date(start - hour),
      closes,
      mode: 'lottery',
      capacity,
      drawSources: [
        { description: sourceA, kind: 'numbers' },
        { description: sourceB, kind: 'text' },
      ],
      drawDate: new Date(closes.getTime() + 25 * hour),
    }),
  };
}

/** The canonical form, written out by hand from the documented rules (src/draw/announcement.ts), not by the code under test. */
function canonicalByHand(entry: CatalogueEntry, descriptions = [sourceA, sourceB]): string {
  const e = entry.enrolment;
  return (
    `{"capacity":${e.capacity},"closes":"${e.closes.toISOString()}","drawDate":"${e.drawDate!.toISOString()}",` +
    `"format":"wspolnie-ogloszenie-losowania/1","mode":"lottery","opens":"${e.opens.toISOString()}","programme":"${entry.id}",` +
    `"sources":[{"description":${JSON.stringify(descriptions[0])},"kind":"numbers"},{"description":${JSON.stringify(descriptions[1])},"kind":"text"}]}`
  );
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The programme's front matter as the CMS's form holds it (instants as the datetime widget writes them). */
function formData(entry: CatalogueEntry, status = 'enrolment'): Record<string, unknown> {
  const e = entry.enrolment;
  return {
    title: entry.title,
    status,
    enrolment: {
      opens: e.opens.toISOString(),
      closes: e.closes.toISOString(),
      mode: e.mode,
      ...(e.capacity === undefined ? {} : { capacity: e.capacity }),
      fields: ['name'],
      drawSources: e.drawSources.map((s) => ({ ...s })),
      ...(e.drawDate ? { drawDate: e.drawDate.toISOString() } : {}),
    },
  };
}

const withEnrolment = (entry: CatalogueEntry, change: Partial<CatalogueEntry['enrolment']>): CatalogueEntry => ({ ...entry, enrolment: { ...entry.enrolment, ...change } });

let sink: SmtpSink;
beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
});
afterAll(() => sink?.dispose());

describe.each(engines)('a lottery announcement on $name', (engine) => {
  let t: EnrolmentApp;
  let token: string;
  const drawn = lottery('ogloszone-losowanie', new Date(start + 2 * hour));
  const corrected = withEnrolment(lottery('poprawiane-losowanie', new Date(start + 5 * 24 * hour)), { drawSources: [{ description: typoSource, kind: 'numbers' }, { description: sourceB, kind: 'text' }] });
  let content: CatalogueEntry[] = [drawn, corrected];
  const rows = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => t.database.db.query<T>(sql, params).then((r) => r.rows);
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.origin}${path}`, { headers, redirect: 'manual' });

  beforeAll(async () => {
    // No scheduled job: the first application must be what records the announcement here.
    t = await startPanelApp(engine, sink, { catalogue: async () => catalogueOf(content), jobIntervalMs: 0 });
    token = await signIn(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('records the announcement before the first application is stored; the page and the JSON show the SHA-256 of the canonical form', async () => {
    expect(await rows('SELECT programme_id FROM lottery_announcements')).toEqual([]);
    const form = new URLSearchParams({ programme: drawn.id, email: `pierwsza-${engine.name}@example.pl`, name: 'Zofia Źdźbło', consent: 'tak', website: '' });
    expect((await fetch(`${t.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: t.origin } })).status).toBe(303);

    const [stored] = await rows<{ recorded_at: Date; created_at: Date; canonical: string; sha256: string }>(
      `SELECT a.recorded_at, p.created_at, a.canonical, a.sha256 FROM lottery_announcements a JOIN applications p ON p.programme_id = a.programme_id WHERE a.programme_id = $1`,
      [drawn.id],
    );
    const expected = canonicalByHand(drawn);
    expect(stored!.canonical).toBe(expected);
    expect(stored!.sha256).toBe(sha256(expected));
    expect(new Date(stored!.recorded_at).getTime()).toBeLessThanOrEqual(new Date(stored!.created_at).getTime());

    const page = await (await get(`/losowania/${drawn.id}/`)).text();
    expect(page).toContain(sha256(expected));
    expect(page).toContain('Ogłoszenie losowania');
    const json = await get(`/losowania/${drawn.id}/ogloszenie.json`);
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ programme: drawn.id, recorded: true, sha256: sha256(expected), originalSha256: sha256(expected), canonical: expected });
    expect((await get('/losowania/nie-ma-takiego/ogloszenie.json')).status).toBe(404);
  });

  it('the CMS, asking the real route, refuses a change of any announced fact and names each field in Polish', async () => {
    const check = (entry: CatalogueEntry, slug = entry.id, status?: string) =>
      lockedAnnouncementReasons({ collection: 'programmes', slug, data: formData(entry, status) }, (url) => fetch(url), t.origin);
    expect(await check(drawn)).toEqual([]);
    const moved = withEnrolment(drawn, {
      capacity: 5,
      closes: new Date(start - 30 * 60_000),
      drawDate: new Date(start - 10 * 60_000),
      drawSources: [{ description: 'Wyniki losowania Lotto z 1 stycznia 2020 r.', kind: 'numbers' }, drawn.enrolment.drawSources[1]!],
    });
    const reasons = await check(moved);
    expect(reasons[0]).toMatch(/^Ogłoszenie losowania zapisano .*, gdy otworzył się nabór/);
    expect(reasons).toContain('Zapisy › Liczba miejsc: ogłoszono 3, a teraz jest 5.');
    expect(reasons.some((r) => r.startsWith('Zapisy › Koniec naboru: ogłoszono '))).toBe(true);
    expect(reasons.some((r) => r.startsWith('Zapisy › Data losowania: ogłoszono '))).toBe(true);
    expect(reasons).toContain(`Zapisy › Źródło losowości 1 — opis: ogłoszono „${sourceA}”, a teraz jest „Wyniki losowania Lotto z 1 stycznia 2020 r.”.`);
    // A cancelled programme never draws; a new entry and a programme with nothing recorded are free to edit.
    expect(await check(moved, drawn.id, 'cancelled')).toEqual([]);
    expect(await check(moved, '')).toEqual([]);
    expect(await check(withEnrolment(moved, {}), 'bez-ogloszenia')).toEqual([]);
  });

  it('content that drifted is a conflict: the panel shows it and the draw refuses, while the freeze goes by the record', async () => {
    for (let i = 0; i < 5; i++) await seedApplication(t.database.db, { programme: drawn.id, status: 'confirmed', confirmedAt: new Date(start) });
    // Edited by hand past the CMS and the build: more places, the window and the draw date moved into the past.
    const drifted = withEnrolment(drawn, { capacity: 10, closes: new Date(start - 30 * 60_000), drawDate: new Date(start - 10 * 60_000) });
    content = [drifted, corrected];
    const links = t.app.runtime.links;
    expect(await freezeIfDue(t.database.db, drifted, { links, now: t.clock.now() })).toBe('not-due');

    const panel = await (await get(`/panel/losowanie/?p=${drawn.id}`, cookieHeader(token))).text();
    expect(panel).toContain('Treść różni się od zapisanego ogłoszenia');
    expect(panel).toMatch(/<th scope="row">Liczba miejsc<\/th><td>3<\/td><td>10<\/td>/);
    expect(panel).toContain('<th scope="row">Koniec naboru</th>');
    expect(panel).not.toContain('Przeprowadź losowanie');

    t.clock.advance(drawn.enrolment.drawDate!.getTime() - t.clock.now().getTime() + 60_000);
    token = await signIn(t); // a day later: the earlier session has expired
    // Five confirmed for the three places announced: a pool to draw, not "everyone fits" as ten would say.
    expect(await freezeIfDue(t.database.db, drifted, { links, now: t.clock.now() })).toBe('frozen');
    expect(await rows('SELECT state, capacity FROM draws WHERE programme_id = $1', [drawn.id])).toEqual([{ state: 'frozen', capacity: 3 }]);

    const refused = await runDraw(t.database.db, drifted, { values, staffId: (await rows<{ id: string }>('SELECT id FROM staff WHERE email = $1', [staffAddress]))[0]!.id, links, now: t.clock.now() });
    expect(refused.kind).toBe('conflict');
    expect(refused.kind === 'conflict' && refused.differences.map((d) => d.field)).toEqual(['Koniec naboru', 'Liczba miejsc', 'Data losowania']);
    const posted = await fetch(`${t.origin}/panel/losowanie/?p=${drawn.id}`, {
      method: 'POST',
      body: new URLSearchParams({ v0: values[0]!, v1: values[1]!, confirm: 'tak' }),
      headers: { ...sameOrigin(t.origin), ...cookieHeader(token) },
      redirect: 'manual',
    });
    expect([303, 422]).toContain(posted.status);
    if (engine.name === 'PostgreSQL') {
      const siteDir = await mkdtemp(join(tmpdir(), 'wspolnie-ogloszenie-cli-'));
      try {
        const file: CatalogueFile = { generatedAt: new Date().toISOString(), entries: [{ ...drifted, enrolment: { ...drifted.enrolment, opens: drifted.enrolment.opens.toISOString(), closes: drifted.enrolment.closes.toISOString(), drawDate: drifted.enrolment.drawDate!.toISOString() } }] };
        await mkdir(join(siteDir, 'dane'), { recursive: true });
        await writeFile(join(siteDir, 'dane/zapisy.json'), JSON.stringify(file));
        const env = { DATABASE_URL: t.database.location, WSPOLNIE_SECRET: 'test-secret-test-secret-test-secret-0123456789', STAFF_EMAILS: staffAddress };
        const cli = await drawFromCommandLine({ programme: drawn.id, staffEmail: staffAddress, values, env, siteDir, now: t.clock.now() });
        expect(cli.status).toBe(1);
        expect(cli.lines[0]).toMatch(/^Losowanie wstrzymane\. Treść programu różni się od ogłoszenia/);
        expect(cli.lines).toContain('  Liczba miejsc: ogłoszono 3, a teraz jest 10.');
      } finally {
        await rm(siteDir, { recursive: true, force: true });
      }
    }
    expect(await rows('SELECT state FROM draws WHERE programme_id = $1', [drawn.id])).toEqual([{ state: 'frozen' }]);

    // Put back as announced: the draw runs on the recorded values and the protocol carries the record.
    content = [drawn, corrected];
    const staffId = (await rows<{ id: string }>('SELECT id FROM staff WHERE email = $1', [staffAddress]))[0]!.id;
    const outcome = await runDraw(t.database.db, drawn, { values, staffId, links, now: t.clock.now() });
    expect(outcome).toMatchObject({ kind: 'drawn', accepted: 3, waitlisted: 2 });
    const protocol = await (await get(`/losowania/${drawn.id}/protokol.json`)).text();
    const expectedSha = sha256(canonicalByHand(drawn));
    expect(JSON.parse(protocol).announcement).toMatchObject({ sha256: expectedSha, corrections: [], facts: { capacity: 3 } });
    const verdict = verifyProtocolText(protocol, { announcementSha256: expectedSha });
    expect(verdict.findings).toEqual([]);
    expect(verdict.ok).toBe(true);
    // Anyone with the protocol and the hash from the programme page, on the command line.
    const dir = await mkdtemp(join(tmpdir(), 'wspolnie-ogloszenie-verify-'));
    try {
      await writeFile(join(dir, 'protokol.json'), protocol);
      const verify = (hash: string) => new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(process.execPath, [drawScript, 'verify', join(dir, 'protokol.json'), '--ogloszenie', hash], { timeout: 60_000 }, (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout })));
      expect(await verify(expectedSha)).toMatchObject({ code: 0, stdout: expect.stringContaining(`Porównaj skrót ogłoszenia ${expectedSha}`) });
      expect(await verify('b'.repeat(64))).toMatchObject({ code: 1, stdout: expect.stringContaining('Skrót ogłoszenia podany do sprawdzenia') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a typo in a description is corrected only by an audited staff action, listed publicly and before enrolment closes', async () => {
    const original = canonicalByHand(corrected, [typoSource, sourceB]);
    token = await signIn(t);
    expect((await get(`/losowania/${corrected.id}/ogloszenie.json`)).status).toBe(200);
    const url = `${t.origin}/panel/losowanie/ogloszenie/?p=${corrected.id}`;
    const post = (fields: Record<string, string>) => fetch(url, { method: 'POST', body: new URLSearchParams(fields), headers: { ...sameOrigin(t.origin), ...cookieHeader(token) }, redirect: 'manual' });
    expect(await (await get(`/panel/losowanie/ogloszenie/?p=${corrected.id}`, cookieHeader(token))).text()).toContain(
      'wszystkie liczby w opisie (dni, lata, liczby wyników, także rzymskie) i nazwy miesięcy muszą zostać dokładnie takie same',
    );

    const mistaken = await post({ zrodlo: '1', opis: typoSource, powod: '' });
    expect(mistaken.status).toBe(422);
    const page = await mistaken.text();
    expect(page).toContain('Poprawiony opis jest taki sam jak zapisany');
    expect(page).toContain('Napisz, czego dotyczy poprawka');

    // Another source dressed as a typo fix: refused, saying what changed, and the record stays as it was.
    const notTypos: [string, string][] = [
      ['Wyniki losowania Multi Multi z 5 grudnia 2026 r. (20 liczb)', 'Liczba „1” zmieniła się na „5”: liczby w opisie (dni, lata, liczby wyników) muszą zostać dokładnie takie same. To nie jest literówka, tylko inne źródło'],
      ['Wyniki losowania Lotto z 4 grudnia 2026 r. (6 liczb)', 'Liczba „1” zmieniła się na „4”'],
      ['Wyniki losowana Lotto z 1 grudnia 2025 r. (6 liczb)', 'Liczba „2026” zmieniła się na „2025”'],
      ['Wyniki losowana Lotto z 1 grudnia 2026 r. (6 liczb) i 2027', 'Doszła liczba „2027”'],
      ['Wyniki losowana Lotto z 1 lipca 2026 r. (6 liczb)', 'Miesiąc „grudnia” zmienił się na „lipca”: miesiące w opisie muszą zostać takie same.'],
      ['Wyniki losowania Mini Lotto z 1 grudnia 2026 r. (6 liczb)', 'Słowo „Mini” nie jest poprawioną pisownią żadnego słowa z zapisanego opisu: można poprawić pisownię słowa, ale nie dopisać, usunąć ani zamienić słowa na inne.'],
      ['Wyniki losowania Keno z 1 grudnia 2026 r. (6 liczb)', 'Słowo „Keno” nie jest poprawioną pisownią żadnego słowa z zapisanego opisu'],
      ['Wynikki lossowanaa Lottto z 1 grudniaa 2026 r. (6 liczbb)', 'Poprawka zmienia 6 znaków, a poprawka literówki w tym opisie może zmienić najwyżej 5 znaków'],
    ];
    for (const [opis, why] of notTypos) {
      const refused = await post({ zrodlo: '1', opis, powod: 'Literówka w opisie źródła.' });
      expect(refused.status, opis).toBe(422);
      expect(await refused.text(), opis).toContain(why);
    }
    expect(await rows('SELECT sha256 FROM lottery_announcements WHERE programme_id = $1', [corrected.id])).toEqual([{ sha256: sha256(original) }]);
    expect(await rows('SELECT count(*)::int AS n FROM lottery_announcement_corrections WHERE programme_id = $1', [corrected.id])).toEqual([{ n: 0 }]);
    expect(await rows('SELECT count(*)::int AS n FROM audit_log WHERE programme_id = $1', [corrected.id])).toEqual([{ n: 0 }]);

    const fixedText = 'Wyniki losowania Lotto z 1 grudnia 2026 r. (6 liczb)';
    const done = await post({ zrodlo: '1', opis: fixedText, powod: 'Literówka: „losowana” zamiast „losowania”.' });
    expect(done.status).toBe(303);
    const after = canonicalByHand(corrected, [fixedText, sourceB]);
    expect(await (await get(`/losowania/${corrected.id}/ogloszenie.json`)).json()).toMatchObject({ sha256: sha256(after), originalSha256: sha256(original), canonical: after });
    const audit = await rows<{ action: string; detail: string }>(`SELECT action, detail FROM audit_log WHERE programme_id = $1`, [corrected.id]);
    expect(audit).toEqual([{ action: 'announcement-correction', detail: `źródło 1: „${typoSource}” → „${fixedText}”; powód: Literówka: „losowana” zamiast „losowania”.` }]);
    expect(await (await get('/panel/dziennik/', cookieHeader(token))).text()).toContain('Poprawka opisu źródła losowania');
    const results = await (await get(`/losowania/${corrected.id}/`)).text();
    expect(results).toContain('Poprawki opisów źródeł');
    expect(results).toContain(fixedText);
    expect(results).toContain('Literówka: „losowana” zamiast „losowania”.');
    expect(results).toContain(sha256(original));

    // Content still says the old text: a conflict until the editor writes the corrected one.
    expect(await (await get(`/panel/losowanie/?p=${corrected.id}`, cookieHeader(token))).text()).toContain('Treść różni się od zapisanego ogłoszenia');
    const updated = withEnrolment(corrected, { drawSources: [{ description: fixedText, kind: 'numbers' }, corrected.enrolment.drawSources[1]!] });
    content = [drawn, updated];
    expect(await (await get(`/panel/losowanie/?p=${corrected.id}`, cookieHeader(token))).text()).not.toContain('Treść różni się od zapisanego ogłoszenia');
    expect(await lockedAnnouncementReasons({ collection: 'programmes', slug: corrected.id, data: formData(updated) }, (u) => fetch(u), t.origin)).toEqual([]);

    // The record changes in no other way, whoever asks.
    await expect(t.database.db.query(`UPDATE lottery_announcements SET sha256 = repeat('a', 64) WHERE programme_id = $1`, [corrected.id])).rejects.toThrow(/changes only by a recorded correction/);
    await expect(t.database.db.query(`UPDATE lottery_announcements SET original_canonical = canonical WHERE programme_id = $1`, [corrected.id])).rejects.toThrow(/cannot change/);
    await expect(t.database.db.query(`DELETE FROM lottery_announcements WHERE programme_id = $1`, [corrected.id])).rejects.toThrow(/cannot be deleted/);
    await expect(t.database.db.query(`UPDATE lottery_announcement_corrections SET reason = 'inny powód'`)).rejects.toThrow(/cannot change or be deleted/);

    // After the recorded close, source values may be public: no more corrections.
    t.clock.advance(corrected.enrolment.closes.getTime() - t.clock.now().getTime() + 60_000);
    token = await signIn(t);
    const late = await post({ zrodlo: '2', opis: 'Kurs średni EUR w tabeli A NBP z dnia po losowaniu', powod: 'Inny dzień kursu, bo tak wygodniej.' });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain('opisów źródeł nie można już poprawiać');
    expect(await rows('SELECT count(*)::int AS n FROM lottery_announcement_corrections WHERE programme_id = $1', [corrected.id])).toEqual([{ n: 1 }]);
  });

  it('the scheduled job records an announcement when enrolment opens, before anyone signs up', async () => {
    const later = withEnrolment(lottery('pozniejsze-losowanie', new Date(start + 10 * 24 * hour)), { opens: new Date(start + 6 * 24 * hour) });
    content = [drawn, later];
    const job = () => freezeDuePools(t.database.db, catalogueOf(content), { links: t.app.runtime.links, now: t.clock.now() });
    await job();
    expect(await rows('SELECT programme_id FROM lottery_announcements WHERE programme_id = $1', [later.id])).toEqual([]);
    t.clock.advance(later.enrolment.opens.getTime() - t.clock.now().getTime() + 60_000);
    await job();
    const [recorded] = await rows<{ sha256: string; recorded_at: Date }>('SELECT sha256, recorded_at FROM lottery_announcements WHERE programme_id = $1', [later.id]);
    expect(recorded!.sha256).toBe(sha256(canonicalByHand(later)));
    expect(new Date(recorded!.recorded_at) >= later.enrolment.opens).toBe(true);
  });
});
