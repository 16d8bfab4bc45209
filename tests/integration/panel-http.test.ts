/**
 * The staff panel over HTTP against the real server, on PGlite and
 * PostgreSQL, with sign-in links through a real SMTP server:
 *
 * - every mounted panel route (enumerated from src/server/functions.ts, so a
 *   new one cannot be left out) refuses a request without a session, with a
 *   forged token, and with a session past its idle or absolute expiry —
 *   and changes nothing;
 * - every state-changing request is refused cross-site even with a valid session;
 * - sign-in links work once and for 15 minutes; asking for one answers the
 *   same whether the address is listed or not, and mails only listed ones;
 * - export, message and deletion do what they say and are audited, with no
 *   personal data in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes, type Route } from '../../src/server/functions.ts';
import { addStaff, removeStaff } from '../../src/panel/allow-list.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { engines, pgliteEngine } from '../support/databases.ts';
import type { EnrolmentApp } from '../support/enrolment-app.ts';
import { cookieHeader, requestLink, sameOrigin, seedApplication, sessionSet, signIn, staffAddress, startPanelApp, useLink, type Seeded } from '../support/panel.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const minute = 60_000;
const workshop = 'warsztaty-zielone-podworka';
const secretName = 'Bożena Ślązak-Wąs';
const secretEmail = 'bozena.slazak@example.pl';

const panelRoutes = allRoutes().filter((route) => route.paths.some((path) => path.startsWith('/panel')));
const isSignIn = (route: Route) => route.paths.some((path) => path.startsWith('/panel/logowanie'));
const protectedRoutes = panelRoutes.filter((route) => !isSignIn(route));

it('mounts the panel, and only its sign-in pages are open without a session', () => {
  expect(panelRoutes.filter(isSignIn).map((r) => r.name)).toEqual(['/panel/logowanie']);
  expect(protectedRoutes.map((r) => r.name).sort()).toEqual(
    ['/panel', '/panel/dziennik', '/panel/eksport', '/panel/losowanie', '/panel/losowanie/ogloszenie', '/panel/program', '/panel/usun', '/panel/uwagi', '/panel/uwagi/eksport', '/panel/uwagi/import', '/panel/wiadomosc', '/panel/wnioski', '/panel/wnioski/eksport', '/panel/wylogowanie'].sort(),
  );
});

describe.each(engines)('the staff panel over HTTP on $name', (engine) => {
  let t: EnrolmentApp;
  let sink: SmtpSink;
  let person: Seeded;
  const rows = (sql: string, params: unknown[] = []) => t.database.db.query(sql, params).then((r) => r.rows);
  const counts = async () => (await rows(`SELECT (SELECT count(*)::int FROM audit_log WHERE action <> 'sign-in') AS audit, (SELECT count(*)::int FROM outbox WHERE kind = 'staff-message') AS messages, (SELECT count(*)::int FROM applications WHERE email IS NOT NULL) AS live`))[0];

  beforeAll(async () => {
    // A mail server per engine: both runs use the same addresses.
    sink = await createSmtpSink();
    await sink.start();
    t = await startPanelApp(engine, sink);
    person = await seedApplication(t.database.db, { programme: workshop, status: 'confirmed', email: secretEmail, name: secretName, district: 'VIII' });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.dispose();
  });

  /** Every request each protected route takes: its methods on each of its paths, with the query and body it expects. */
  function requestsOf(route: Route): { method: string; url: string; body?: URLSearchParams }[] {
    const methods = [...(route.methods ?? ['GET']), ...(route.methods?.includes('GET') ? ['HEAD'] : [])];
    return route.paths.flatMap((path) =>
      methods.map((method) => {
        const url = `${t.origin}${path}?p=${workshop}&a=${person.id}`;
        return method === 'POST' ? { method, url, body: new URLSearchParams({ subject: 'Temat', body: 'Treść', q: 'Bożena', id: crypto.randomUUID() }) } : { method, url };
      }),
    );
  }

  async function expectAllRefused(extra: Record<string, string>, label: string): Promise<void> {
    const before = await counts();
    for (const route of protectedRoutes) {
      for (const request of requestsOf(route)) {
        const response = await fetch(request.url, { method: request.method, redirect: 'manual', headers: { ...sameOrigin(t.origin), ...extra }, ...(request.body ? { body: request.body } : {}) });
        const where = `${label}: ${request.method} ${new URL(request.url).pathname}`;
        const text = await response.text();
        if (request.method === 'POST') expect(response.status, where).toBe(401);
        else {
          expect(response.status, where).toBe(303);
          expect(response.headers.get('location'), where).toBe('/panel/logowanie/');
        }
        expect(text, where).not.toContain(secretName);
        expect(text, where).not.toContain(secretEmail);
        expect(text, where).not.toContain(person.code);
        expect(response.headers.get('content-disposition'), where).toBeNull();
        expect(response.headers.get('cache-control'), where).toBe('no-store');
        if (extra['Cookie']) expect(response.headers.getSetCookie().join(), where).toMatch(/__Host-wspolnie-panel=; .*Max-Age=0/);
      }
    }
    expect(await counts(), label).toEqual(before);
  }

  it('refuses every staff endpoint without a session, and with a forged or malformed token', async () => {
    await expectAllRefused({}, 'no cookie');
    await expectAllRefused(cookieHeader('A'.repeat(43)), 'forged token');
    await expectAllRefused(cookieHeader('nie-token'), 'malformed token');
  });

  it('refuses a session idle for 30 minutes', async () => {
    const token = await signIn(t);
    t.clock.advance(29 * minute);
    expect((await fetch(`${t.origin}/panel/`, { headers: cookieHeader(token), redirect: 'manual' })).status).toBe(200);
    t.clock.advance(30 * minute);
    await expectAllRefused(cookieHeader(token), 'idle session');
    expect(await rows('SELECT 1 FROM staff_sessions WHERE last_seen_at < $1', [new Date(t.clock.now().getTime() - 30 * minute)])).toEqual([]);
  });

  it('refuses a session after 8 hours however active', async () => {
    const token = await signIn(t);
    for (let elapsed = 0; elapsed < 475; elapsed += 25) {
      t.clock.advance(25 * minute);
      expect((await fetch(`${t.origin}/panel/`, { headers: cookieHeader(token), redirect: 'manual' })).status, `${elapsed + 25} min`).toBe(200);
    }
    t.clock.advance(6 * minute); // 481 minutes after sign-in, 6 after the last request
    await expectAllRefused(cookieHeader(token), 'absolute expiry');
  });

  it('refuses cross-site posts even with a valid session, on every state-changing route and the sign-in', async () => {
    const token = await signIn(t);
    const before = await counts();
    const posting = panelRoutes.filter((route) => route.methods?.includes('POST'));
    expect(posting.length).toBeGreaterThanOrEqual(6);
    for (const route of posting) {
      for (const headers of [{ 'Sec-Fetch-Site': 'cross-site', Origin: 'https://zly.example' }, { 'Sec-Fetch-Site': 'same-site', Origin: 'https://sub.zly.example' }, { Origin: 'https://zly.example' }, { Origin: 'null' }]) {
        for (const path of route.paths) {
          const response = await fetch(`${t.origin}${path}?p=${workshop}&a=${person.id}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...cookieHeader(token), ...headers },
            body: new URLSearchParams({ subject: 'Temat', body: 'Treść', email: staffAddress, t: 'x'.repeat(43) }),
          });
          expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
          expect(await response.text()).not.toContain(secretName);
        }
      }
    }
    expect(await counts()).toEqual(before);
    expect((await fetch(`${t.origin}/panel/`, { headers: cookieHeader(token), redirect: 'manual' })).status).toBe(200);
  });

  it('takes a sign-in link once, after its page (which uses nothing) was opened any number of times', async () => {
    const link = await requestLink(t);
    expect(new URL(link).origin).toBe(t.origin);
    for (let i = 0; i < 3; i++) {
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await page.text()).toContain('Zaloguj się</button>');
    }
    const first = await useLink(t, link);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/panel/');
    expect(first.headers.getSetCookie()[0]).toMatch(/^__Host-wspolnie-panel=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const again = await useLink(t, link);
    expect(again.status).toBe(410);
    expect(sessionSet(again)).toBeUndefined();
    expect(await again.text()).toContain('Ten link został już użyty');
    expect((await fetch(link)).status).toBe(410);
    // Only the hash is stored.
    expect(await rows('SELECT 1 FROM staff_sign_in_links WHERE token_hash = $1', [new URL(link).searchParams.get('t')])).toEqual([]);
  });

  it('takes no link after 15 minutes, and no invented one', async () => {
    const link = await requestLink(t);
    t.clock.advance(15 * minute);
    expect((await fetch(link)).status).toBe(410);
    const late = await useLink(t, link);
    expect(late.status).toBe(410);
    expect(sessionSet(late)).toBeUndefined();
    expect(await late.text()).toContain('Link wygasł');
    const invented = await useLink(t, `${t.origin}/panel/logowanie/link/?t=${'B'.repeat(43)}`);
    expect(invented.status).toBe(404);
    expect(sessionSet(invented)).toBeUndefined();
  });

  it('answers a link request the same for a listed and an unlisted address, and mails only the listed one', async () => {
    const ask = (email: string) => fetch(`${t.origin}/panel/logowanie/`, { method: 'POST', body: new URLSearchParams({ email }), headers: sameOrigin(t.origin) });
    t.clock.advance(20 * minute); // past the per-address window of the tests above
    const outboxBefore = (await rows('SELECT count(*)::int AS n FROM outbox'))[0]!['n'] as number;
    const listed = await ask('Drugi.Pracownik@um.example');
    const unlisted = await ask('ktos.obcy@um.example');
    expect(listed.status).toBe(200);
    expect(unlisted.status).toBe(listed.status);
    expect(await unlisted.text()).toBe(await listed.text());
    expect([...unlisted.headers.keys()]).toEqual([...listed.headers.keys()]);
    await t.waitForMail('drugi.pracownik@um.example', 1);
    expect((await rows('SELECT count(*)::int AS n FROM outbox'))[0]!['n']).toBe(outboxBefore + 1);
    expect(await rows(`SELECT 1 FROM staff WHERE email = 'ktos.obcy@um.example'`)).toEqual([]);
    expect(await t.mailTo('ktos.obcy@um.example')).toEqual([]);

    // At most three links per address in 15 minutes; the fourth request gets the same answer and no email.
    await ask('drugi.pracownik@um.example');
    await ask('drugi.pracownik@um.example');
    const fourth = await ask('drugi.pracownik@um.example');
    expect(await fourth.text()).toBe(await (await ask('ktos.obcy@um.example')).text());
    await t.waitForMail('drugi.pracownik@um.example', 3);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    t.app.worker.kick();
    expect(await t.mailTo('drugi.pracownik@um.example')).toHaveLength(3);
    // No log line holds an address.
    expect(t.logs.join('\n')).not.toMatch(/@um\.example/);
  });

  it('ends a session at sign-out, and when the person is taken off the list', async () => {
    const token = await signIn(t);
    const out = await fetch(`${t.origin}/panel/wylogowanie/`, { method: 'POST', headers: { ...sameOrigin(t.origin), ...cookieHeader(token) }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    expect((await fetch(`${t.origin}/panel/`, { headers: cookieHeader(token), redirect: 'manual' })).status).toBe(303);

    expect(await addStaff(t.database.db, 'trzeci@um.example')).toBe(true);
    // Added twice: the second time says nothing changed.
    expect(await addStaff(t.database.db, 'trzeci@um.example')).toBe(false);
    t.clock.advance(20 * minute);
    const other = await signIn(t, 'trzeci@um.example');
    expect((await fetch(`${t.origin}/panel/`, { headers: cookieHeader(other), redirect: 'manual' })).status).toBe(200);
    await removeStaff(t.database.db, 'trzeci@um.example');
    expect((await fetch(`${t.origin}/panel/`, { headers: cookieHeader(other), redirect: 'manual' })).status).toBe(303);
  });

  it('exports, messages and deletes — each audited with who, what and when, and no personal data in the log', async () => {
    t.clock.advance(20 * minute);
    const token = await signIn(t);
    const staffId = (await rows('SELECT id FROM staff WHERE email = $1', [staffAddress]))[0]!['id'];
    const post = (path: string, body: Record<string, string> = {}) =>
      fetch(`${t.origin}${path}`, { method: 'POST', redirect: 'manual', headers: { ...sameOrigin(t.origin), ...cookieHeader(token) }, body: new URLSearchParams(body) });
    const formula = await seedApplication(t.database.db, { programme: workshop, status: 'confirmed', email: 'formula@example.pl', name: '=HYPERLINK("http://zly.example")', district: 'XIII' });
    await seedApplication(t.database.db, { programme: workshop, status: 'pending', email: 'czeka@example.pl', name: 'Czekający' });

    const exported = await post(`/panel/eksport/?p=${workshop}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="zgloszenia-warsztaty-zielone-podworka-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(new TextDecoder().decode(bytes));
    expect(table[0]!.slice(0, 4)).toEqual(['Kod zgłoszenia', 'Status', 'Imię i nazwisko', 'Adres e-mail']);
    expect(table.find((r) => r[0] === person.code)!.slice(1, 6)).toEqual(['potwierdzone', secretName, secretEmail, '', 'Dzielnica VIII Dębniki']);
    expect(table.find((r) => r[0] === formula.code)![2]).toBe(`'=HYPERLINK("http://zly.example")`);
    expect(table).toHaveLength(4);

    const form = await fetch(`${t.origin}/panel/wiadomosc/?p=${workshop}`, { headers: cookieHeader(token) });
    const messageId = /name="id" value="([0-9a-f-]{36})"/.exec(await form.text())![1]!;
    const sent = await post(`/panel/wiadomosc/?p=${workshop}`, { id: messageId, subject: 'Zmiana sali warsztatów', body: 'Spotykamy się w sali 12.\n\nDo zobaczenia!' });
    expect(sent.status).toBe(303);
    const resultPage = await fetch(`${t.origin}${sent.headers.get('location')}`, { headers: cookieHeader(token) });
    expect(await resultPage.text()).toContain('czeka w kolejce do wysłania: 2 wiadomości');
    // The same form sent again (a double click) queues nothing more.
    expect((await post(`/panel/wiadomosc/?p=${workshop}`, { id: messageId, subject: 'Zmiana sali warsztatów', body: 'Spotykamy się w sali 12.' })).status).toBe(303);
    expect(await rows(`SELECT dedupe_key FROM outbox WHERE kind = 'staff-message' ORDER BY dedupe_key`)).toEqual(
      [person.id, formula.id].map((id) => ({ dedupe_key: `staff-message:${messageId}:${id}` })).sort((a, b) => a.dedupe_key.localeCompare(b.dedupe_key)),
    );
    const [mail] = await t.waitForMail(secretEmail);
    expect(mail!.parsed.subject).toBe('Zmiana sali warsztatów');
    expect(mail!.parsed.text).toContain('Spotykamy się w sali 12.');
    expect(mail!.parsed.text).toContain(`Kod zgłoszenia: ${person.code}.`);
    expect(mail!.parsed.text).toMatch(/\/api\/zapisy\/rezygnacja\?t=/);
    expect(await t.mailTo('czeka@example.pl')).toEqual([]);

    const invalid = await post(`/panel/wiadomosc/?p=${workshop}`, { id: crypto.randomUUID(), subject: '', body: '   ' });
    expect(invalid.status).toBe(422);
    const invalidPage = await invalid.text();
    expect(invalidPage).toContain('<title>Błąd: ');
    expect(invalidPage).toContain('Wpisz temat wiadomości');
    expect(invalidPage).toContain('Wpisz treść wiadomości');

    const confirmPage = await fetch(`${t.origin}/panel/usun/?a=${formula.id}`, { headers: cookieHeader(token) });
    expect(confirmPage.status).toBe(200);
    expect(await rows('SELECT email FROM applications WHERE id = $1', [formula.id])).toEqual([{ email: 'formula@example.pl' }]);
    const deleted = await post(`/panel/usun/?a=${formula.id}`);
    expect(deleted.status).toBe(200);
    expect(await rows('SELECT status, email, name, district FROM applications WHERE id = $1', [formula.id])).toEqual([{ status: 'withdrawn', email: null, name: null, district: null }]);
    expect((await post(`/panel/usun/?a=${formula.id}`)).status).toBe(410);

    const audit = await rows(`SELECT staff_id, action, programme_id, target, detail, at FROM audit_log WHERE action IN ('export', 'message', 'delete') ORDER BY id`);
    expect(audit.map(({ at, ...rest }) => rest)).toEqual([
      { staff_id: staffId, action: 'export', programme_id: workshop, target: null, detail: 'wierszy: 3' },
      { staff_id: staffId, action: 'message', programme_id: workshop, target: messageId, detail: 'odbiorców: 2' },
      { staff_id: staffId, action: 'delete', programme_id: workshop, target: formula.code, detail: null },
    ]);
    for (const row of audit) expect(Math.abs(new Date(row['at'] as string).getTime() - t.clock.now().getTime())).toBeLessThan(60_000);
    const everything = JSON.stringify(await rows('SELECT * FROM audit_log'));
    for (const secret of [secretName, secretEmail, 'formula@example.pl', 'HYPERLINK', staffAddress]) expect(everything).not.toContain(secret);

    const log = await (await fetch(`${t.origin}/panel/dziennik/`, { headers: cookieHeader(token) })).text();
    expect(log).toContain('Usunięcie danych osoby');
    expect(log).toContain(formula.code);
  });
});

// The rate limit lives in the web server, not the database; one engine is enough. (Its own app, after
// the others are closed: the functions' runtime is one per process.)
describe('link requests', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await createSmtpSink();
    await sink.start();
  });
  afterAll(() => sink?.dispose());

  it('limits link requests per client address, as the function declares (Netlify applies the same config)', async () => {
    const limited = await startPanelApp(pgliteEngine, sink, { rateLimits: {} });
    try {
      const ask = () => fetch(`${limited.origin}/panel/logowanie/`, { method: 'POST', body: new URLSearchParams({ email: 'ktos.obcy@um.example' }), headers: sameOrigin(limited.origin) });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await ask()).status);
      expect(statuses).toEqual([...Array(10).fill(200), 429]);
      const refused = await ask();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.text()).toContain('Wysłano zbyt wiele żądań');
    } finally {
      await limited.close();
    }
  });

});
