/**
 * Sign-ups over HTTP against the real self-hosted server (src/server/app.ts),
 * on PGlite and PostgreSQL, with mail through a real SMTP server process:
 * the form (URL-encoded and JSON) → the email → the confirmation link → the
 * public counts → the withdrawal page and its button → the data gone and
 * the code kept; duplicates, expired and reused links, the honeypot, the
 * closed windows, the waiting list, and the guards (403, 413, 415, 429).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashConfirmationToken } from '../../src/lib/confirmation-token.ts';
import { commonSecurityHeaders, siteContentSecurityPolicy } from '../../src/lib/security-headers.ts';
import { engines } from '../support/databases.ts';
import { confirmByButton, linksOf, startEnrolmentApp, workshopForm, type EnrolmentApp } from '../support/enrolment-app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const personal = ['Łucja Żółkiewska-Gęślą', '600 123 456', 'Zielone Dębniki', 'źdźbła traw'];
const printed: string[] = [];
let sink: SmtpSink;

beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
  // Everything any part of the server prints goes through console: keep it all for the last test.
  for (const method of ['log', 'error', 'warn', 'info'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sink?.dispose();
});

describe.each(engines)('sign-ups over HTTP on $name', (engine) => {
  let t: EnrolmentApp;
  const emails: string[] = [];
  const address = (name: string) => {
    const email = `${name}.${engine.name.toLowerCase()}@example.pl`;
    emails.push(email);
    return email;
  };
  beforeAll(async () => {
    t = await startEnrolmentApp(engine, sink);
  });
  afterAll(() => t?.close());
  afterEach(() => sink.start());

  const post = (body: URLSearchParams | string, headers: Record<string, string> = {}) =>
    fetch(`${t.origin}/api/zapisy`, { method: 'POST', body, redirect: 'manual', headers: { Origin: t.origin, ...headers } });
  const postJson = (body: unknown, headers: Record<string, string> = {}) =>
    post(JSON.stringify(body), { 'Content-Type': 'application/json', Accept: 'application/json', ...headers });
  const rows = (sql: string, params: unknown[] = []) => t.database.db.query(sql, params).then((r) => r.rows);
  const applicationOf = async (email: string) => (await rows('SELECT * FROM applications WHERE lower(email) = lower($1)', [email]))[0];
  const status = async (programme: string) => (await fetch(`${t.origin}/api/zapisy/status?programme=${encodeURIComponent(programme)}`)).json();

  it('takes a plain form, emails a signed link, confirms it, counts it, and withdraws it with the data deleted', async () => {
    const email = address('lucja');
    const before = (await status('warsztaty-zielone-podworka')) as { confirmed: number };
    const response = await post(workshopForm(email));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/zapisy/sprawdz-poczte/');
    const stored = await applicationOf(email);
    expect(stored).toMatchObject({
      programme_id: 'warsztaty-zielone-podworka',
      status: 'pending',
      name: 'Łucja Żółkiewska-Gęślą',
      district: 'VIII',
      phone: '+48 600 123 456',
      age_band: '30-44',
      organisation: 'Stowarzyszenie „Zielone Dębniki”',
      message: 'Chcę, żeby na podwórku rosły źdźbła traw i mlecze.\nDruga linia.',
      declarations: ['udzial-we-wszystkich'],
    });
    const code = String(stored?.['registration_code']);
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);

    const [request] = await t.waitForMail(email);
    const { parsed } = request!;
    expect(parsed.subject).toBe('Potwierdź zgłoszenie: Warsztaty „Zielone podwórka” — Dębniki');
    expect(parsed.text).toContain(`Kod zgłoszenia: ${code}.`);
    expect(parsed.text).toMatch(/Link działa do \d{1,2} \p{L}+ \d{4}, godz\. \d{2}:\d{2}\./u);
    const [confirmLink = '', withdrawLink = ''] = linksOf(request!);
    expect(confirmLink.startsWith(`${t.origin}/api/zapisy/potwierdz?t=`)).toBe(true);
    expect(withdrawLink.startsWith(`${t.origin}/api/zapisy/rezygnacja?t=`)).toBe(true);
    expect(parsed.html).toContain(`href="${confirmLink}"`);
    expect(parsed.html).toContain(`href="${withdrawLink}"`);
    // The link carries no personal data, and the database keeps only its hash.
    for (const value of [email, ...personal]) expect(decodeURIComponent(confirmLink + withdrawLink)).not.toContain(value);
    expect(stored?.['confirmation_token_hash']).toBe(hashConfirmationToken(new URL(confirmLink).searchParams.get('t') ?? ''));

    // A link checker's HEAD and a mail scanner's GET change nothing, whatever they claim to be; the person's button does.
    expect((await fetch(confirmLink, { method: 'HEAD' })).status).toBe(200);
    const scanned = await fetch(confirmLink, { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Microsoft Office Existence Discovery; SafeLinks)' } });
    expect(scanned.status).toBe(200);
    const question = await scanned.text();
    expect(question).toContain('<title>Potwierdź zgłoszenie — Wspólnie — Kraków</title>');
    expect(question).toContain(code);
    expect(question).toMatch(/<form method="post" action="\/api\/zapisy\/potwierdz">\s*<input type="hidden" name="t" value="[^"]+">\s*<button type="submit" class="button">Potwierdzam zgłoszenie<\/button>/);
    expect((await applicationOf(email))?.['status']).toBe('pending');
    expect(await t.mailTo(email)).toHaveLength(1);
    const confirmed = await confirmByButton(confirmLink);
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await confirmed.text();
    expect(page).toContain('<title>Zgłoszenie potwierdzone — Wspólnie — Kraków</title>');
    expect(page).toContain(code);
    expect(page).toContain('publiczne losowanie');
    expect(await applicationOf(email)).toMatchObject({ status: 'confirmed', confirmation_token_hash: null });
    expect(await status('warsztaty-zielone-podworka')).toMatchObject({ confirmed: before.confirmed + 1, state: 'open', mode: 'lottery', capacity: 60, full: false });

    const [, done] = await t.waitForMail(email, 2);
    expect(done!.parsed.subject).toBe('Zgłoszenie potwierdzone: Warsztaty „Zielone podwórka” — Dębniki');
    expect(done!.parsed.text).toContain(`Kod zgłoszenia: ${code}.`);
    expect(linksOf(done!)).toEqual([withdrawLink]);

    // Used: the page says so and nothing changes.
    const again = await fetch(confirmLink);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Zgłoszenie było już potwierdzone');

    // Opening the withdrawal link (as a mail scanner would) changes nothing.
    const withdrawQuestion = await fetch(withdrawLink);
    expect(withdrawQuestion.status).toBe(200);
    const form = await withdrawQuestion.text();
    expect(form).toContain('<form method="post" action="/api/zapisy/rezygnacja">');
    expect(form).toContain(code);
    expect((await applicationOf(email))?.['status']).toBe('confirmed');

    const token = new URL(withdrawLink).searchParams.get('t') ?? '';
    const withdraw = () =>
      fetch(`${t.origin}/api/zapisy/rezygnacja`, { method: 'POST', body: new URLSearchParams({ t: token }), headers: { Origin: t.origin, 'Sec-Fetch-Site': 'same-origin' } });
    const withdrawn = await withdraw();
    expect(withdrawn.status).toBe(200);
    const withdrawnPage = await withdrawn.text();
    expect(withdrawnPage).toContain('Zgłoszenie wycofane');
    expect(withdrawnPage).toContain('nie mamy już Twojego adresu');

    const [after] = await rows('SELECT * FROM applications WHERE registration_code = $1', [code]);
    expect(after).toMatchObject({ status: 'withdrawn', email: null, name: null, district: null, phone: null, age_band: null, organisation: null, message: null });
    expect(after?.['withdrawn_at']).toBeInstanceOf(Date);
    const outbox = await rows(`SELECT to_address, text_body, html_body FROM outbox WHERE dedupe_key LIKE $1`, [`%${String(after?.['id'])}%`]);
    expect(outbox.every((r) => r['to_address'] === null && r['text_body'] === null && r['html_body'] === null)).toBe(true);
    expect(await status('warsztaty-zielone-podworka')).toMatchObject({ confirmed: before.confirmed });

    const twice = await withdraw();
    expect(twice.status).toBe(410);
    expect(await twice.text()).toContain('Zgłoszenie było już wycofane');
    expect((await fetch(confirmLink)).status).toBe(410);
  });

  it('answers JSON to the enhanced form, and a second sign-up with the same address re-sends the same link, with no second row', async () => {
    const email = address('jan.kowalski');
    const body = { programme: 'otwarte', email, consent: 'tak', website: '' };
    const first = await postJson(body);
    expect(first.status).toBe(202);
    const answer = await first.json();
    expect(answer).toEqual({ status: 'pending', message: expect.stringContaining('Sprawdź skrzynkę e-mail') });

    const second = await postJson({ ...body, email: `  ${email.toUpperCase()} ` });
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(answer); // nothing tells whether the address was known
    expect(await rows('SELECT id FROM applications WHERE lower(email) = lower($1)', [email])).toHaveLength(1);

    const [one, two] = await t.waitForMail(email, 2);
    expect(two!.parsed.subject).toBe(one!.parsed.subject);
    expect(linksOf(two!)).toEqual(linksOf(one!));
    // A third try within ten minutes sends nothing more: the form cannot flood an inbox.
    expect((await postJson(body)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.mailTo(email)).toHaveLength(2);

    // Once confirmed, signing up again re-sends the confirmation with the status instead.
    expect((await confirmByButton(linksOf(one!)[0]!)).status).toBe(200);
    t.clock.advance(11 * 60_000);
    expect((await postJson(body)).status).toBe(202);
    const mail = await t.waitForMail(email, 4);
    expect(mail.map((m) => m.parsed.subject)).toEqual([
      'Potwierdź zgłoszenie: Otwarte spotkanie informacyjne',
      'Potwierdź zgłoszenie: Otwarte spotkanie informacyjne',
      'Zgłoszenie potwierdzone: Otwarte spotkanie informacyjne',
      'Zgłoszenie potwierdzone: Otwarte spotkanie informacyjne',
    ]);
  });

  it('refuses an expired link, sends a new one when the person signs up again, and refuses made-up links', async () => {
    const email = address('spozniona');
    expect((await post(new URLSearchParams({ programme: 'otwarte', email, consent: 'tak' }))).status).toBe(303);
    const [first] = await t.waitForMail(email);
    const oldLink = linksOf(first!)[0]!;
    t.clock.advance(49 * 3_600_000);
    const expired = await fetch(oldLink);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Link wygasł');
    expect((await applicationOf(email))?.['status']).toBe('pending');

    expect((await post(new URLSearchParams({ programme: 'otwarte', email, consent: 'tak' }))).status).toBe(303);
    const [, again] = await t.waitForMail(email, 2);
    const newLink = linksOf(again!)[0]!;
    expect(newLink).not.toBe(oldLink);
    expect((await confirmByButton(newLink)).status).toBe(200);

    const token = new URL(newLink).searchParams.get('t') ?? '';
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const t2 of [forged, 'abc', '', `${token}x`]) {
      const response = await fetch(`${t.origin}/api/zapisy/potwierdz?t=${encodeURIComponent(t2)}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Nie rozpoznajemy tego linku');
    }
    expect((await fetch(`${t.origin}/api/zapisy/rezygnacja?t=${encodeURIComponent(forged)}`)).status).toBe(404);
  });

  it('gives a filled honeypot the success answer and keeps nothing', async () => {
    const email = address('robot');
    const html = await post(workshopForm(email, { website: 'https://spam.example' }));
    expect(html.status).toBe(303);
    expect(html.headers.get('location')).toBe('/zapisy/sprawdz-poczte/');
    const json = await postJson({ programme: 'otwarte', email, consent: 'tak', website: 'x' });
    expect(json.status).toBe(202);
    expect(await applicationOf(email)).toBeUndefined();
    expect(await rows('SELECT 1 FROM outbox WHERE to_address = $1', [email])).toHaveLength(0);
  });

  it('explains every mistake in Polish, field by field, and stores nothing', async () => {
    const email = address('bledy');
    const response = await postJson({ programme: 'warsztaty-zielone-podworka', email: 'nie-adres', name: '', district: 'XIX', phone: '12', ageBand: '', message: 'x'.repeat(501) });
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: { field: string; message: string }[] };
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    expect(byField).toMatchObject({
      email: expect.stringContaining('Wpisz adres e-mail w poprawnym formacie'),
      name: 'Wpisz imię i nazwisko',
      district: expect.stringContaining('Wybierz dzielnicę'),
      phone: expect.stringContaining('numer telefonu'),
      ageBand: 'Wybierz przedział wieku',
      organisation: 'Wpisz nazwę organizacji',
      message: expect.stringContaining('500'),
      consent: expect.stringContaining('zgodę'),
    });
    expect(Object.keys(byField).some((f) => f.startsWith('declarations'))).toBe(true);

    // Without JavaScript: the programme's own page again, errors in place, everything typed kept.
    const page = await post(workshopForm(email, { email: 'nie-adres' }));
    expect(page.status).toBe(422);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const text = await page.text();
    expect(text).toContain('<title>Błąd: Warsztaty „Zielone podwórka” — Wspólnie — Kraków</title>');
    expect(text).toContain('<a href="#enrol-email">Wpisz adres e-mail w poprawnym formacie');
    expect(text).toContain('value="Łucja Żółkiewska-Gęślą"');
    expect(text).toContain('value="nie-adres"');
    expect(text).toContain('Chcę, żeby na podwórku rosły źdźbła traw i mlecze.');
    expect(text).toContain('<p>Strona programu, poza formularzem.</p>');
    // A page that cannot be read still gets the errors, on a page of their own.
    const plain = await post(new URLSearchParams({ programme: 'otwarte', email: 'nie-adres', consent: 'tak' }));
    expect(plain.status).toBe(422);
    expect(await plain.text()).toMatch(/<title>Błąd: [^<]+<\/title>[\s\S]*Wpisz adres e-mail w poprawnym formacie/);
    expect(await rows('SELECT 1 FROM applications WHERE email = $1', ['nie-adres'])).toHaveLength(0);
  });

  it('says clearly when sign-ups have not opened, have closed or the programme is cancelled', async () => {
    const cases = [
      ['jeszcze-nie', 'before', 'Nabór jeszcze się nie rozpoczął: zgłoszenia przyjmujemy od'],
      ['juz-po', 'closed', 'Nabór zakończył się'],
      ['odwolany', 'cancelled', 'program został odwołany'],
    ] as const;
    for (const [programme, state, sentence] of cases) {
      const email = address(`okno-${programme}`);
      const json = await postJson({ programme, email, name: 'Jan', consent: 'tak' });
      expect(json.status).toBe(409);
      const body = (await json.json()) as { state: string; errors: { field: string; message: string }[] };
      expect(body.state).toBe(state);
      expect(body.errors[0]?.message).toContain(sentence);
      const html = await post(new URLSearchParams({ programme, email, name: 'Jan', consent: 'tak' }));
      expect(html.status).toBe(409);
      expect(await html.text()).toContain(sentence);
      expect(await status(programme)).toMatchObject({ state });
      expect(await applicationOf(email)).toBeUndefined();
    }
    const unknown = await postJson({ programme: 'nie-ma-takiego', email: address('nikt'), consent: 'tak' });
    expect(unknown.status).toBe(404);
  });

  it('gives first-come places in the order of confirmation, offers the waiting list when full, and promotes from it on withdrawal', async () => {
    const people = ['pierwsza', 'drugi', 'trzecia'].map(address);
    for (const email of people) expect((await postJson({ programme: 'dwa-miejsca', email, name: 'Osoba', consent: 'tak' })).status).toBe(202);
    const links: string[][] = [];
    for (const email of people) links.push(linksOf((await t.waitForMail(email))[0]!));
    const pages = [];
    for (const [confirm] of links) pages.push(await (await confirmByButton(confirm!)).text());
    expect(pages[0]).toContain('Masz zapewnione miejsce');
    expect(pages[1]).toContain('Masz zapewnione miejsce');
    expect(pages[2]).toContain('jesteś na liście rezerwowej, na 1. miejscu');
    expect(await status('dwa-miejsca')).toMatchObject({ state: 'full-waitlist', mode: 'first-come', capacity: 2, confirmed: 2, full: true, waitlisted: 1, placesLeft: 0 });

    const late = address('czwarty');
    const full = await postJson({ programme: 'dwa-miejsca', email: late, name: 'Osoba', consent: 'tak' });
    expect(((await full.json()) as { message: string }).message).toContain('trafisz na listę rezerwową');
    expect((await t.waitForMail(late))[0]!.parsed.text).toContain('Wszystkie miejsca są już zajęte');

    const token = new URL(links[0]![1]!).searchParams.get('t') ?? '';
    const withdrawn = await fetch(`${t.origin}/api/zapisy/rezygnacja`, { method: 'POST', body: new URLSearchParams({ t: token }), headers: { Origin: t.origin } });
    expect(withdrawn.status).toBe(200);
    expect((await applicationOf(people[2]!))?.['status']).toBe('accepted');
    expect(await status('dwa-miejsca')).toMatchObject({ confirmed: 2, full: true, waitlisted: 0 });
  });

  it('keeps sign-ups while the mail server is down and sends each email once when it is back', async () => {
    const email = address('awaria');
    await sink.stop();
    expect((await post(new URLSearchParams({ programme: 'otwarte', email, consent: 'tak' }))).status).toBe(303);
    expect((await applicationOf(email))?.['status']).toBe('pending');
    await expect.poll(async () => (await rows('SELECT attempts FROM outbox WHERE to_address = $1', [email]))[0]?.['attempts'], { timeout: 10_000 }).toBe(1);
    await sink.start();
    t.clock.advance(2 * 60_000); // past the first retry's backoff
    const [mail, ...more] = await t.waitForMail(email);
    expect(mail!.parsed.subject).toBe('Potwierdź zgłoszenie: Otwarte spotkanie informacyjne');
    t.clock.advance(60 * 60_000);
    t.app.worker.kick();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...more, ...(await t.mailTo(email)).slice(1)]).toEqual([]);
  });

  it('refuses cross-site posts, other content types, other charsets and oversized bodies, in Polish', async () => {
    const email = address('straznik');
    const form = new URLSearchParams({ programme: 'otwarte', email, consent: 'tak' });
    const crossSite = await post(form, { Origin: 'https://zly.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('tylko ze strony portalu Wspólnie');
    expect((await post(form, { Origin: t.origin, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post(form, { Origin: 'null' })).status).toBe(403);

    const text = await post(form.toString(), { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(await text.text()).toContain('Nieobsługiwany format danych');
    expect((await post(form.toString(), { 'Content-Type': 'application/x-www-form-urlencoded; charset=iso-8859-2' })).status).toBe(415);

    const huge = new URLSearchParams({ programme: 'otwarte', email, consent: 'tak', message: 'ż'.repeat(60_000) });
    const tooLarge = await post(huge, { Accept: 'application/json' });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain('za dużo danych');
    expect(await applicationOf(email)).toBeUndefined();
  });

  it('sends the security headers on function answers and static files', async () => {
    for (const path of ['/api/zapisy/status?programme=otwarte', '/', '/nie-ma-takiej-strony/']) {
      const response = await fetch(`${t.origin}${path}`);
      for (const [name, value] of Object.entries(commonSecurityHeaders)) expect(response.headers.get(name), `${path} ${name}`).toBe(value);
      expect(response.headers.get('content-security-policy')).toBe(siteContentSecurityPolicy);
    }
    const status = await fetch(`${t.origin}/api/zapisy/status?programme=otwarte`);
    expect(status.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=5');
    expect(await status.json()).toEqual({
      programme: 'otwarte',
      state: 'open',
      opens: expect.any(String),
      closes: expect.any(String),
      mode: 'open',
      capacity: null,
      confirmed: expect.any(Number),
      full: false,
      waitlisted: 0,
    });
    expect((await fetch(`${t.origin}/api/zapisy/status?programme=brak`)).status).toBe(404);
    expect((await fetch(`${t.origin}/api/zapisy`, { method: 'PUT' })).status).toBe(405);
  });

  it('leads the address bar’s /api/zapisy, opened again after a no-JS answer, back to that form', async () => {
    const fresh = await fetch(`${t.origin}/api/zapisy`, { redirect: 'manual' });
    expect([fresh.status, fresh.headers.get('location')]).toEqual([303, '/programy/']);
    const mistaken = await fetch(`${t.origin}/api/zapisy`, {
      method: 'POST',
      body: new URLSearchParams({ programme: 'warsztaty-zielone-podworka', email: 'bez-malpy', consent: 'tak', website: '' }),
      redirect: 'manual',
      headers: { Origin: t.origin },
    });
    expect(mistaken.status).toBe(422);
    const cookie = mistaken.headers.getSetCookie().find((c) => c.startsWith('wspolnie-formularz='));
    expect(cookie).toBe('wspolnie-formularz=warsztaty-zielone-podworka; Path=/api/zapisy; Max-Age=86400; HttpOnly; SameSite=Lax');
    const again = await fetch(`${t.origin}/api/zapisy`, { redirect: 'manual', headers: { Cookie: cookie!.split(';')[0]! } });
    expect([again.status, again.headers.get('location')]).toEqual([303, '/programy/warsztaty-zielone-podworka/#zapisy']);
    // A hand-edited, malformed cookie is no server error either.
    const edited = await fetch(`${t.origin}/api/zapisy`, { redirect: 'manual', headers: { Cookie: 'wspolnie-formularz=%E2%82' } });
    expect([edited.status, edited.headers.get('location')]).toEqual([303, '/programy/']);
  });

  it('answers 429 in Polish when one address sends too many requests', async () => {
    const limited = await startEnrolmentApp(engine, sink, { rateLimits: { '/api/zapisy': { windowLimit: 3, windowSize: 60 } } });
    try {
      const send = () =>
        fetch(`${limited.origin}/api/zapisy`, {
          method: 'POST',
          body: JSON.stringify({ programme: 'otwarte', email: 'limit@example.pl', consent: 'tak' }),
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        });
      for (let i = 0; i < 3; i++) expect((await send()).status).toBe(202);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain('zbyt wiele żądań');
      const page = await fetch(`${limited.origin}/api/zapisy`, { method: 'POST', body: new URLSearchParams({ programme: 'otwarte' }) });
      expect(page.status).toBe(429);
      expect(await page.text()).toContain('Zbyt wiele prób');
      // Other functions count separately.
      expect((await fetch(`${limited.origin}/api/zapisy/status?programme=otwarte`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('never printed an address, a name or anything else a person typed', () => {
    const lines = [...printed, ...t.logs];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      for (const value of [...emails, ...personal, '@example.pl']) expect(line).not.toContain(value);
    }
  });
});
