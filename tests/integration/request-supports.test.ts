/**
 * Supporting a request for a consultation over HTTP against the real
 * self-hosted server (src/server/app.ts), on PGlite and PostgreSQL, with mail
 * through a real SMTP server process: the form (plain and JSON) → the email
 * → the confirmation page and its button → the counts; a second attempt of
 * the same address; mistakes in Polish with everything typed kept; a closed
 * request; withdrawal with the data gone; the threshold's wording; the
 * panel's list, paper supports and CSV export (audited); retention.
 * The requests come from a fixture /dane/wnioski.json in the served folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { warsawDay } from '../../src/lib/dates.ts';
import { linksIn } from '../../src/mail/template.ts';
import { parseRequests, type RequestsFile } from '../../src/requests/requests-file.ts';
import { applySupportRetention } from '../../src/requests/retention.ts';
import { filePublicData } from '../../src/notices/public-data.ts';
import { describeRun, runScheduledJobs } from '../../src/notices/run.ts';
import { engines } from '../support/databases.ts';
import type { EnrolmentApp } from '../support/enrolment-app.ts';
import { cookieHeader, sameOrigin, signIn, startPanelApp } from '../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const day = 86_400_000;
const request = (id: string, overrides: Partial<RequestsFile['requests'][number]> = {}): RequestsFile['requests'][number] => ({
  id,
  title: `Wniosek: ${id}`,
  url: `/konsultacje/wnioski/${id}/`,
  filedOn: '2026-10-01',
  procedure: 'small',
  applicantKind: 'residents',
  supportersNeeded: 3,
  status: 'filed',
  statusOn: '2026-10-01',
  supportUntil: warsawDay(new Date(Date.now() + 10 * day)),
  finalAnswerOn: null,
  ...overrides,
});

const file: RequestsFile = {
  generatedAt: new Date().toISOString(),
  requests: [
    request('przejscie-dla-pieszych', { title: 'Przejście dla pieszych przy szkole na Żabińcu' }),
    request('zamkniety', { supportUntil: warsawDay(new Date(Date.now() - 3 * day)) }),
    request('skwer', { supportersNeeded: 2 }),
  ],
};

let sink: SmtpSink;
let root: string;

beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  root = await mkdtemp(join(tmpdir(), 'wspolnie-wnioski-'));
  await mkdir(join(root, 'dane'), { recursive: true });
  await writeFile(join(root, 'dane/wnioski.json'), JSON.stringify(file));
  await writeFile(join(root, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  await mkdir(join(root, 'konsultacje/wnioski/przejscie-dla-pieszych'), { recursive: true });
  await writeFile(
    join(root, 'konsultacje/wnioski/przejscie-dla-pieszych/index.html'),
    '<!doctype html><html lang="pl"><head><title>Przejście — Wspólnie — Kraków</title></head><body><main><p>Strona wniosku.</p><!--request-support-form--><form></form><!--/request-support-form--></main></body></html>',
  );
});
afterAll(async () => {
  await sink?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe.each(engines)('request supports on $name', (engine) => {
  let t: EnrolmentApp;
  const address = (name: string) => `${name}.${engine.name.toLowerCase()}@example.pl`;
  beforeAll(async () => {
    t = await startPanelApp(engine, sink, { root, jobIntervalMs: 0 });
  });
  afterAll(() => t?.close());

  const form = (fields: Record<string, string>) =>
    new URLSearchParams({ request: 'przejscie-dla-pieszych', name: 'Zażółć Gęślą-Jaźń', address: 'ul. Długa 5/3', email: '', declaration: 'tak', website: '', ...fields });
  const post = (body: URLSearchParams | string, headers: Record<string, string> = {}) =>
    fetch(`${t.origin}/api/wnioski/poparcie`, { method: 'POST', body, redirect: 'manual', headers: { Origin: t.origin, ...headers } });
  const postJson = (body: unknown) => post(JSON.stringify(body), { 'Content-Type': 'application/json', Accept: 'application/json' });
  const status = async (id = 'przejscie-dla-pieszych') => (await (await fetch(`${t.origin}/api/wnioski/status?wniosek=${id}`)).json()) as Record<string, unknown>;
  const rows = (sql: string, params: unknown[] = []) => t.database.db.query(sql, params).then((r) => r.rows);
  const press = (link: string) => {
    const url = new URL(link);
    return fetch(`${url.origin}${url.pathname}`, { method: 'POST', body: new URLSearchParams({ t: url.searchParams.get('t') ?? '' }), headers: { Origin: url.origin } });
  };
  /** Supports and confirms by the emailed link; returns the withdrawal link. */
  async function supportAndConfirm(email: string, id = 'przejscie-dla-pieszych'): Promise<string> {
    expect((await post(form({ email, request: id }))).status).toBe(303);
    const [mail] = await t.waitForMail(email);
    const [confirm] = linksIn(mail!.parsed.text ?? '');
    expect((await press(confirm!)).status).toBe(200);
    const confirmed = await t.waitForMail(email, 2);
    return linksIn(confirmed[1]!.parsed.text ?? '').find((l) => l.includes('/api/wnioski/wycofaj'))!;
  }

  it('takes a plain form, emails a link whose page counts the support only after its button, and shows the count on every page', async () => {
    const email = address('zazolc');
    const response = await post(form({ email }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/api/wnioski/poparcie?wniosek=przejscie-dla-pieszych&wyslano=1');
    const checkMail = await (await fetch(`${t.origin}${response.headers.get('location')}`)).text();
    expect(checkMail).toContain('Sprawdź skrzynkę e-mail');
    expect(checkMail).toContain('Zebrano 0 poparć z wymaganych 3');
    expect(await rows('SELECT status, name, address FROM request_supports WHERE email = $1', [email])).toEqual([{ status: 'pending', name: 'Zażółć Gęślą-Jaźń', address: 'ul. Długa 5/3' }]);

    const [mail] = await t.waitForMail(email);
    expect(mail!.parsed.subject).toBe('Potwierdź poparcie wniosku: Przejście dla pieszych przy szkole na Żabińcu');
    const [confirm, withdraw] = linksIn(mail!.parsed.text ?? '');
    expect(confirm).toContain('/api/wnioski/potwierdz?t=');
    expect(withdraw).toContain('/api/wnioski/wycofaj?t=');
    const page = await fetch(confirm!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Potwierdzam poparcie');
    expect(await status()).toMatchObject({ online: 0, gathered: 0, needed: 3, reached: false });

    const confirmed = await press(confirm!);
    expect(confirmed.status).toBe(200);
    const text = await confirmed.text();
    expect(text).toContain('Poparcie potwierdzone');
    expect(text).toContain('Zebrano 1 poparcie z wymaganych 3 (online 1, na papierze 0).');
    expect(await status()).toMatchObject({ online: 1, paper: 0, gathered: 1, reached: false, open: true });
    expect((await press(confirm!)).status).toBe(410);
    const [, done] = await t.waitForMail(email, 2);
    expect(done!.parsed.subject).toBe('Poparcie potwierdzone: Przejście dla pieszych przy szkole na Żabińcu');
  });

  it('stores no second support for the same address: the answer is the same and the email says it clearly', async () => {
    const email = address('drugi-raz');
    await supportAndConfirm(email);
    const before = (await status())['online'];
    expect((await post(form({ email: email.toUpperCase() }))).status).toBe(303);
    const mails = await t.waitForMail(email, 3);
    expect(mails[2]!.parsed.subject).toBe('Poparcie było już potwierdzone: Przejście dla pieszych przy szkole na Żabińcu');
    expect(mails[2]!.parsed.text).toContain('drugie poparcie nie powstało');
    expect(await rows('SELECT count(*)::int AS n FROM request_supports WHERE lower(email) = lower($1)', [email])).toEqual([{ n: 1 }]);
    expect((await status())['online']).toBe(before);

    // Not yet confirmed: the same link again.
    const waiting = address('czeka');
    await post(form({ email: waiting }));
    const [first] = await t.waitForMail(waiting);
    await post(form({ email: waiting }));
    const [, again] = await t.waitForMail(waiting, 2);
    expect(again!.parsed.text).toContain('Drugie poparcie nie powstało');
    expect(linksIn(again!.parsed.text ?? '')[0]).toBe(linksIn(first!.parsed.text ?? '')[0]);
  });

  it('refuses mistakes in Polish, in place on the page without JavaScript and as JSON with it, never with a 500', async () => {
    const plain = await post(form({ name: '', address: 'Długa', email: 'nie-adres', declaration: '' }));
    expect(plain.status).toBe(422);
    const page = await plain.text();
    expect(page).toContain('<title>Błąd: Przejście');
    expect(page).toContain('Strona wniosku.');
    expect(page).toContain('Wpisz imię i nazwisko');
    expect(page).toContain('Wpisz ulicę i numer domu, np. ul. Długa 5/3');
    expect(page).toContain('Wpisz adres e-mail w poprawnym formacie');
    expect(page).toContain('Zaznacz oświadczenie, żeby poprzeć wniosek');
    expect(page).toContain('value="nie-adres"');
    expect(page).toContain('Popraw 4 błędy w formularzu');

    const json = await postJson({ request: 'przejscie-dla-pieszych', name: 'Jan\u0000', address: 'ul. Krótka 1', email: address('json'), declaration: 'tak' });
    expect(json.status).toBe(422);
    expect(await json.json()).toEqual({ errors: [{ field: 'name', message: 'Usuń z tego pola niedozwolone znaki (np. znaki sterujące skopiowane razem z tekstem)' }] });

    const unknown = await postJson({ request: 'nie-ma-takiego', name: 'A', address: 'B 1', email: address('x'), declaration: 'tak' });
    expect(unknown.status).toBe(404);
    for (const body of ['[1,2]', '{"request": {"a": 1}}', 'nie json']) {
      const answer = await post(body, { 'Content-Type': 'application/json', Accept: 'application/json' });
      expect([400, 404, 422]).toContain(answer.status);
    }
    expect((await post('x'.repeat(20_000), { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(413);
    expect((await post(form({ email: address('obcy') }), { Origin: 'https://zla-strona.example' })).status).toBe(403);
    expect(await rows('SELECT 1 FROM request_supports WHERE email = $1', [address('obcy')])).toEqual([]);
  });

  it('answers any form, however malformed, with 303, 404, 409 or 422 — never a 500 — and stores only valid supports', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    const field = fc.oneof(text, fc.constantFrom('', '   ', '\u0000', 'ul. Długa 5', 'tak', 'a@b.pl', 'przejscie-dla-pieszych', 'zamkniety', '../x'));
    await fc.assert(
      fc.asyncProperty(fc.record({ request: field, name: field, address: field, email: field, declaration: field, website: fc.constantFrom('', 'x') }), async (fields) => {
        const response = await post(new URLSearchParams(fields));
        expect([303, 404, 409, 422]).toContain(response.status);
        await response.arrayBuffer();
      }),
      { numRuns: 60 },
    );
    const stored = await rows('SELECT name, address, email FROM request_supports');
    for (const row of stored) {
      expect(String(row['name']).trim()).not.toBe('');
      expect(String(row['address'])).toMatch(/\d/);
      expect(String(row['email'])).toContain('@');
    }
  });

  it('refuses a request whose online support has ended (409) and stores nothing for a filled honeypot', async () => {
    const closed = await post(form({ request: 'zamkniety', email: address('po-czasie') }));
    expect(closed.status).toBe(409);
    expect(await closed.text()).toContain('Zbieranie poparć przez internet zakończyło się');
    expect((await post(form({ email: address('bot'), website: 'http://spam.example' }))).status).toBe(303);
    expect(await rows('SELECT 1 FROM request_supports WHERE email = ANY($1)', [[address('po-czasie'), address('bot')]])).toEqual([]);
  });

  it('withdraws by the emailed link: the support stops counting and the data is gone', async () => {
    const email = address('wycofuje');
    const withdraw = await supportAndConfirm(email);
    const before = (await status())['online'] as number;
    const question = await fetch(withdraw);
    expect(question.status).toBe(200);
    expect(await question.text()).toContain('Wycofuję poparcie');
    const done = await press(withdraw);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`Zebrano ${before - 1}`);
    expect(await rows("SELECT email, name, address FROM request_supports WHERE status = 'withdrawn' AND withdrawn_at IS NOT NULL")).toContainEqual({ email: null, name: null, address: null });
    expect((await status())['online']).toBe(before - 1);
    expect((await press(withdraw)).status).toBe(410);
    // Withdrawing frees the address: supporting again starts a new support.
    expect((await post(form({ email }))).status).toBe(303);
    expect(await rows("SELECT status FROM request_supports WHERE email = $1", [email])).toEqual([{ status: 'pending' }]);
  });

  it('changes the public wording when online and paper supports reach the threshold; the panel lists, adds (audited) and exports', async () => {
    const cookie = cookieHeader(await signIn(t));
    const skwer = async () => status('skwer');
    expect((await skwer())['threshold']).toBe('Do wymaganej liczby brakuje jeszcze 2 poparć.');
    await supportAndConfirm(address('skwer-1'), 'skwer');
    expect(await skwer()).toMatchObject({ online: 1, gathered: 1, reached: false });

    const list = await fetch(`${t.origin}/panel/wnioski/`, { headers: cookie });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Przejście dla pieszych przy szkole na Żabińcu');
    const panelPage = `${t.origin}/panel/wnioski/?w=skwer`;
    const detail = await (await fetch(panelPage, { headers: cookie })).text();
    expect(detail).toContain('Zażółć Gęślą-Jaźń');
    expect(detail).toContain('ul. Długa 5/3');
    expect(detail).toContain(address('skwer-1'));

    const bad = await fetch(panelPage, { method: 'POST', headers: { ...cookie, ...sameOrigin(t.origin) }, body: new URLSearchParams({ count: 'dużo', note: '' }), redirect: 'manual' });
    expect(bad.status).toBe(422);
    const badPage = await bad.text();
    expect(badPage).toContain('<title>Błąd: ');
    expect(badPage).toContain('Wpisz liczbę całkowitą różną od zera');
    expect(badPage).toContain('Wpisz notatkę: skąd są te poparcia');
    const huge = await fetch(panelPage, { method: 'POST', headers: { ...cookie, ...sameOrigin(t.origin) }, body: new URLSearchParams({ count: '9999999', note: 'listy' }), redirect: 'manual' });
    expect(huge.status).toBe(422);
    expect(await huge.text()).toContain('Jeden wpis może mieć najwyżej 999');
    const negative = await fetch(panelPage, { method: 'POST', headers: { ...cookie, ...sameOrigin(t.origin) }, body: new URLSearchParams({ count: '-5', note: 'poprawka' }), redirect: 'manual' });
    expect(negative.status).toBe(422);

    const added = await fetch(panelPage, { method: 'POST', headers: { ...cookie, ...sameOrigin(t.origin) }, body: new URLSearchParams({ count: '1', note: '=lista z Rady Dzielnicy; 3 marca' }), redirect: 'manual' });
    expect(added.status).toBe(303);
    expect(await skwer()).toMatchObject({ online: 1, paper: 1, gathered: 2, reached: true, threshold: 'Zebrano wymaganą liczbę poparć — wniosek czeka na weryfikację podpisów przez urząd.' });
    const counted = await (await fetch(`${t.origin}/api/wnioski/poparcie?wniosek=skwer`)).text();
    expect(counted).toContain('Zebrano wymaganą liczbę poparć');

    const exported = await fetch(`${t.origin}/panel/wnioski/eksport/?w=skwer`, { method: 'POST', headers: { ...cookie, ...sameOrigin(t.origin) } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain(`poparcia-skwer-`);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain('Sposób;Imię i nazwisko;');
    const [header, online, paper] = parseCsv(csv);
    expect(header).toEqual(['Sposób', 'Imię i nazwisko', 'Adres w Krakowie', 'Adres e-mail', 'Data', 'Liczba poparć', 'Notatka']);
    expect(online!.slice(0, 4)).toEqual(['internet', 'Zażółć Gęślą-Jaźń', 'ul. Długa 5/3', address('skwer-1')]);
    expect(paper![0]).toBe('papier');
    expect(paper![6]).toBe("'=lista z Rady Dzielnicy; 3 marca");
    expect(await rows("SELECT action, programme_id, detail FROM audit_log WHERE action LIKE 'request-%' ORDER BY id")).toEqual([
      { action: 'request-paper', programme_id: 'skwer', detail: 'poparć na papierze: +1' },
      { action: 'request-export', programme_id: 'skwer', detail: 'wierszy: 2' },
    ]);
    // Without a session: the sign-in page.
    expect((await fetch(panelPage, { redirect: 'manual' })).status).toBe(303);

    // A request deleted from the site keeps its supporters within staff's reach until retention.
    await t.database.db.query(
      `INSERT INTO request_supports (id, request_id, status, email, name, address, created_at, confirmed_at) VALUES (gen_random_uuid(), 'usuniety', 'confirmed', $1, 'Jan Usunięty', 'ul. Krótka 2', now(), now())`,
      [address('usuniety')],
    );
    expect(await (await fetch(`${t.origin}/panel/wnioski/`, { headers: cookie })).text()).toContain('usuniety (wniosku nie ma już na stronie)');
    expect(await (await fetch(`${t.origin}/panel/wnioski/?w=usuniety`, { headers: cookie })).text()).toContain('Jan Usunięty');
    const gone = await fetch(`${t.origin}/panel/wnioski/eksport/?w=usuniety`, { method: 'POST', headers: { ...cookie, ...sameOrigin(t.origin) } });
    expect(parseCsv(await gone.text())[1]!.slice(0, 3)).toEqual(['internet', 'Jan Usunięty', 'ul. Krótka 2']);
    expect((await fetch(`${t.origin}/panel/wnioski/?w=nie-bylo-nigdy`, { headers: cookie })).status).toBe(404);
  });

  it('erases supporters after the final answer plus the retention days, keeping the counts', async () => {
    const email = address('retencja');
    await supportAndConfirm(email, 'skwer');
    const before = await status('skwer');
    // An email the mail server has not taken yet goes with the data it holds.
    await sink.stop();
    const unsent = address('retencja-nie-wyslany');
    expect((await post(form({ email: unsent, request: 'skwer' }))).status).toBe(303);
    const [queued] = await rows("SELECT o.id FROM outbox o JOIN request_supports s ON split_part(o.dedupe_key, ':', 2) = s.id::text WHERE s.email = $1 AND o.status <> 'sent'", [unsent]);
    expect(queued).toBeDefined();
    const answered = parseRequests({ ...file, requests: file.requests.map((r) => (r.id === 'skwer' ? { ...r, status: 'accepted', finalAnswerOn: '2026-11-02', supportUntil: null } : r)) });
    const early = await applySupportRetention(t.database.db, answered, new Date('2027-01-30T12:00:00Z'));
    expect(early.erased).toBe(0);
    expect(await rows('SELECT 1 FROM request_supports WHERE email = $1', [email])).toHaveLength(1);
    // 2026-11-02 ends at midnight Warsaw (23:00 UTC), plus 90 days.
    // Due: the notices job reads /dane/wnioski.json beside the other public files and erases.
    const site = await mkdtemp(join(tmpdir(), 'wspolnie-wnioski-job-'));
    await mkdir(join(site, 'dane'), { recursive: true });
    await writeFile(join(site, 'dane/wydarzenia.json'), JSON.stringify({ generatedAt: new Date().toISOString(), events: [], programmes: [] }));
    await writeFile(join(site, 'dane/zapisy.json'), JSON.stringify({ generatedAt: new Date().toISOString(), entries: [] }));
    await writeFile(join(site, 'dane/wnioski.json'), JSON.stringify({ ...file, requests: answered.entries }));
    const now = new Date('2027-01-31T23:00:00Z');
    const report = await runScheduledJobs({ db: t.database.db, publicData: filePublicData(site), links: t.app.runtime.links, siteUrl: t.origin, now: () => now, retentionDays: 90 });
    await rm(site, { recursive: true, force: true });
    await sink.start();
    expect(report.supports?.erased).toBeGreaterThan(0);
    expect(await rows('SELECT 1 FROM outbox WHERE id = $1', [queued!['id']])).toEqual([]);
    expect(describeRun(report)).toContain('usunięte dane poparć wniosków');
    expect(await rows("SELECT count(*)::int AS n FROM request_supports WHERE request_id = 'skwer' AND (email IS NOT NULL OR name IS NOT NULL OR address IS NOT NULL)")).toEqual([{ n: 0 }]);
    expect(await rows("SELECT count(*)::int AS n FROM request_paper_supports WHERE request_id = 'skwer' AND note IS NOT NULL")).toEqual([{ n: 0 }]);
    const after = await status('skwer');
    expect(after).toMatchObject({ online: before['online'], paper: before['paper'], gathered: before['gathered'] });
    // The other requests have no final answer: their supporters stay.
    expect((await rows("SELECT count(*)::int AS n FROM request_supports WHERE request_id = 'przejscie-dla-pieszych' AND email IS NOT NULL"))[0]!['n']).toBeGreaterThan(0);
  });
});
