/**
 * Following by email (src/follow/, issue 16 §4) on PGlite and PostgreSQL
 * with a real SMTP server: the form's POST, the emailed confirmation (GET
 * shows a button, POST confirms), a change announced once per person however
 * often the job runs, the daily digest, and the one-click unsubscribe read
 * from the received message's List-Unsubscribe header and POSTed as a mail
 * provider would (RFC 8058), after which the address is gone.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { buildFollowFeed, type FeedInput } from '../../src/follow/build-feed.ts';
import { detectChanges } from '../../src/follow/changes.ts';
import { handleFollowConfirm } from '../../src/follow/http/confirm.ts';
import { handleFollow } from '../../src/follow/http/submit.ts';
import { handleUnsubscribe } from '../../src/follow/http/unsubscribe.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import type { Runtime } from '../../src/http/runtime.ts';
import { deliverDue } from '../../src/mail/outbox.ts';
import { linksIn } from '../../src/mail/template.ts';
import { createMailTransport, type ConfiguredTransport } from '../../src/mail/transport.ts';
import { filePublicData } from '../../src/notices/public-data.ts';
import { runScheduledJobs } from '../../src/notices/run.ts';
import { engines, type TestDatabase } from '../support/databases.ts';
import { writeSiteFiles } from '../support/notices-site.ts';
import { createSmtpSink, type ReceivedEmail, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const day = 24 * hour;
// 10:00 in Warsaw on a Monday.
const t0 = new Date('2026-05-04T08:00:00Z');
const site = 'https://wspolnie.example';
const links = createLinkSigner(Buffer.from('follow-test-secret-follow-test-secret-012345'), site);

const content = (over: Partial<FeedInput> = {}): FeedInput => ({
  generatedAt: t0,
  programmes: [
    { id: 'wspolne', title: 'Wspólne Projekty 2026', status: 'ongoing', tags: [], relatedReports: [] },
    { id: 'miejskie', title: 'Wspólne Projekty Miejskie 2026', status: 'enrolment', parent: 'wspolne', tags: ['Zieleń'], relatedReports: [] },
  ],
  consultations: [{ id: 'konsultacje-2026', title: 'Jak rozwijać konsultacje', status: 'open', tags: ['konsultacje'] }],
  reports: [],
  events: [{ id: 'w1', title: 'Warsztat 1', programme: 'miejskie', status: 'planned', start: new Date(t0.getTime() + 10 * day) }],
  requests: [{ id: 'park', title: 'Park przy ul. Lipowej', district: 'XIII', status: 'verification', statusDate: '2026-05-01' }],
  ...over,
});

describe.each(engines)('following by email on $name', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let sink: SmtpSink;
  let transport: ConfiguredTransport;
  let root: string;
  let now: Date;
  let seen = 0;

  const deploy = async (input: FeedInput) => {
    await mkdir(join(root, 'dane'), { recursive: true });
    await writeFile(join(root, 'dane', 'obserwowane.json'), JSON.stringify(buildFollowFeed(input)));
  };
  const run = () => runScheduledJobs({ db, publicData: filePublicData(root), links, siteUrl: site, now: () => now, retentionDays: 90 });
  const runtime = (): Runtime => ({
    db,
    catalogue: () => Promise.reject(new Error('the follow functions read no catalogue')),
    links,
    now: () => now,
    mailQueued: () => undefined,
    builtPage: (path) => readFile(join(root, path), 'utf8').catch(() => undefined),
    log: () => undefined,
    confirmationTtlMs: 48 * hour,
    resendIntervalMs: 10 * 60_000,
    statusCacheMs: 0,
    siteOrigins: [site],
  });
  const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
    new Request(`${site}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin', ...headers }, body: new URLSearchParams(body) });
  const deliverNew = async (): Promise<ReceivedEmail[]> => {
    await deliverDue(db, transport, now);
    const all = await sink.received();
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  };
  const to = (m: ReceivedEmail) => m.parsed.to?.[0]?.address ?? '';
  const header = (m: ReceivedEmail, name: string) => m.parsed.headers.find((h) => h.key === name)?.value;

  /** Follows through the form and the emailed link, as a person would. */
  async function followAndConfirm(email: string, target: string, frequency: 'immediate' | 'daily') {
    const answer = await handleFollow(post('/api/obserwuj', { target, email, frequency, website: '' }), runtime());
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe('/obserwuj/sprawdz-poczte/');
    const mail = (await deliverNew()).filter((m) => to(m) === email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.parsed.subject).toMatch(/^Potwierdź obserwowanie: (program|konsultacje|wnioski o konsultacje:|temat) .+ — Wspólnie$/);
    const link = linksIn(mail[0]!.parsed.text ?? '').find((l) => l.includes('/api/obserwuj/potwierdz?t='))!;
    expect(link).not.toContain(encodeURIComponent(email));
    const token = new URL(link).searchParams.get('t')!;
    const page = await handleFollowConfirm(new Request(link), runtime());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Potwierdzam');
    const confirmed = await handleFollowConfirm(post('/api/obserwuj/potwierdz', { t: token }), runtime());
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Obserwowanie potwierdzone');
    expect((await handleFollowConfirm(post('/api/obserwuj/potwierdz', { t: token }), runtime())).status).toBe(410);
  }

  beforeAll(async () => {
    [t, sink] = await Promise.all([engine.create(), createSmtpSink()]);
    db = t.db;
    await sink.start();
    transport = createMailTransport({ SMTP_URL: sink.url });
    root = await mkdtemp(join(tmpdir(), 'wspolnie-obserwuj-'));
    await writeSiteFiles(root, { programmes: [], events: [], closes: {} });
  });
  afterAll(async () => {
    transport?.close();
    await Promise.all([t?.dispose(), sink?.dispose(), root && rm(root, { recursive: true, force: true })]);
  });
  beforeEach(async () => {
    await db.exec('TRUNCATE outbox, follows, follow_items, follow_kinds, follow_changes, follow_digest_days');
    now = t0;
    seen = (await sink.received()).length;
  });

  it('a mistake in the form is answered in Polish with the form again, and nothing is stored', async () => {
    await deploy(content());
    const page = await handleFollow(post('/api/obserwuj', { target: 'programme:nie-ma-takiego', email: 'zly-adres', frequency: 'immediate' }), runtime());
    expect(page.status).toBe(422);
    const text = await page.text();
    expect(text).toContain('Nie znaleźliśmy tego, co chcesz obserwować.');
    expect(text).toContain('Podaj adres e-mail w poprawnej postaci');
    expect(text).toContain('value="zly-adres"');
    const asJson = await handleFollow(post('/api/obserwuj', { target: 'topic:zieleń', email: '', frequency: 'co-godzine' }, { Accept: 'application/json' }), runtime());
    expect(asJson.status).toBe(422);
    expect(await asJson.json()).toEqual({
      errors: [
        { field: 'email', message: 'Podaj adres e-mail.' },
        { field: 'frequency', message: 'Wybierz, jak często pisać: od razu albo raz dziennie.' },
      ],
    });
    expect((await db.query('SELECT 1 FROM follows')).rows).toHaveLength(0);
  });

  it('a change is announced once per person, however often the job runs; the digest collects the day; one click unsubscribes', async () => {
    await deploy(content());
    expect((await run()).follow).toMatchObject({ baseline: 5, news: 0, announced: 0 });
    const tag = Math.random().toString(36).slice(2, 8);
    const [ola, jan, ewa, piotr] = ['ola', 'jan', 'ewa', 'piotr'].map((n) => `${n}.${tag}@example.pl`) as [string, string, string, string];
    await followAndConfirm(ola, 'programme:miejskie', 'immediate');
    // Jan follows the whole programme and its topic: one email per change all the same.
    await followAndConfirm(jan, 'programme:wspolne', 'immediate');
    await followAndConfirm(jan, 'topic:zieleń', 'immediate');
    await followAndConfirm(ewa, 'topic:zieleń', 'daily');
    await followAndConfirm(piotr, 'district:XIII', 'immediate');

    // An editor cancels the programme's workshop and publishes a report; the city answers the request.
    now = new Date(t0.getTime() + hour);
    await deploy(content({
      events: [{ id: 'w1', title: 'Warsztat 1', programme: 'miejskie', status: 'cancelled', start: new Date(t0.getTime() + 10 * day) }],
      reports: [{ id: 'raport', title: 'Raport z warsztatów', programme: 'miejskie', tags: [] }],
      requests: [{ id: 'park', title: 'Park przy ul. Lipowej', district: 'XIII', status: 'accepted', statusDate: '2026-05-04', answer: 'Konsultacje odbędą się w czerwcu.' }],
    }));
    const [first, second] = [await run(), await run()];
    expect(first.follow).toMatchObject({ news: 3, announced: 5 });
    expect(second.follow).toMatchObject({ news: 0, announced: 0, digests: 0 });
    const mail = await deliverNew();
    const byPerson = (address: string) => mail.filter((m) => to(m) === address).map((m) => m.parsed.subject).sort();
    expect(byPerson(ola)).toEqual(['Nowy raport: Raport z warsztatów — Wspólnie', 'Odwołane wydarzenie: Warsztat 1 — Wspólnie']);
    expect(byPerson(jan)).toEqual(['Nowy raport: Raport z warsztatów — Wspólnie', 'Odwołane wydarzenie: Warsztat 1 — Wspólnie']);
    expect(byPerson(piotr)).toEqual(['Odpowiedź na wniosek o konsultacje: Park przy ul. Lipowej — Wspólnie']);
    expect(byPerson(ewa)).toEqual([]);
    const answer = mail.find((m) => to(m) === piotr)!;
    expect(answer.parsed.text).toContain('Miasto przyjęło wniosek.');
    expect(answer.parsed.text).toContain('Odpowiedź: Konsultacje odbędą się w czerwcu.');
    expect(linksIn(answer.parsed.text ?? '')[0]).toBe(`${site}/konsultacje/wnioski/park/`);

    // Not at midnight: at 5:00 the next morning no digest goes out yet.
    now = new Date('2026-05-05T03:00:00Z');
    expect((await run()).follow).toMatchObject({ digests: 0 });
    // From 7:00: Ewa's digest holds both changes of her topic, once; the job run again adds nothing.
    now = new Date(t0.getTime() + day);
    expect((await run()).follow).toMatchObject({ digests: 1 });
    expect((await run()).follow).toMatchObject({ digests: 0 });
    const digest = await deliverNew();
    expect(digest.map(to)).toEqual([ewa]);
    expect(digest[0]!.parsed.subject).toBe('Podsumowanie dnia 4 maja 2026: 2 zmiany — Wspólnie');
    expect(digest[0]!.parsed.text).toContain('Odwołane wydarzenie: Warsztat 1');
    expect(digest[0]!.parsed.text).toContain('Nowy raport: Raport z warsztatów');

    // One click: the address in List-Unsubscribe, POSTed as RFC 8058 says, with no page in between.
    const message = mail.find((m) => to(m) === jan)!;
    expect(header(message, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const address = /^<(https:\/\/[^>]+)>$/.exec(header(message, 'list-unsubscribe') ?? '')?.[1];
    expect(address).toMatch(new RegExp(`^${site}/api/obserwuj/wypisz\\?t=`));
    expect(linksIn(message.parsed.text ?? '')).toContain(address);
    // A provider's server posts with its own Origin, if any: the token alone decides.
    const oneClick = new Request(address!, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://mail.example.com' }, body: 'List-Unsubscribe=One-Click' });
    const unsubscribed = await handleUnsubscribe(oneClick, runtime());
    expect(unsubscribed.status).toBe(200);
    expect(await unsubscribed.text()).toContain('Wypisano');
    expect((await db.query('SELECT 1 FROM follows WHERE lower(email) = lower($1)', [jan])).rows).toHaveLength(0);
    const again = await handleUnsubscribe(new Request(address!, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }), runtime());
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Adres był już wypisany');
    // The sent rows keep neither the address nor the link.
    expect((await db.query(`SELECT 1 FROM outbox WHERE status = 'sent' AND (to_address IS NOT NULL OR list_unsubscribe IS NOT NULL)`)).rows).toHaveLength(0);

    // The programme is cancelled: Ola is told, Jan no longer.
    now = new Date(t0.getTime() + day + hour);
    await deploy(content({
      programmes: [
        { id: 'wspolne', title: 'Wspólne Projekty 2026', status: 'ongoing', tags: [], relatedReports: [] },
        { id: 'miejskie', title: 'Wspólne Projekty Miejskie 2026', status: 'cancelled', parent: 'wspolne', tags: ['Zieleń'], relatedReports: [] },
      ],
      events: [{ id: 'w1', title: 'Warsztat 1', programme: 'miejskie', status: 'cancelled', start: new Date(t0.getTime() + 10 * day) }],
      reports: [{ id: 'raport', title: 'Raport z warsztatów', programme: 'miejskie', tags: [] }],
    }));
    await Promise.all([run(), run()]);
    const last = await deliverNew();
    expect(last.map(to).sort()).toEqual([ola]);
    expect(last[0]!.parsed.subject).toBe('Odwołany program: Wspólne Projekty Miejskie 2026 — Wspólnie');
  });

  it('a run that stopped after recording a change (a crash before sending) leaves it to the next run, which sends it once', async () => {
    await deploy(content());
    await run();
    const email = `ula.${Math.random().toString(36).slice(2, 8)}@example.pl`;
    await followAndConfirm(email, 'programme:miejskie', 'immediate');
    now = new Date(t0.getTime() + hour);
    const changed = content({ events: [{ id: 'w1', title: 'Warsztat 1', programme: 'miejskie', status: 'cancelled', start: new Date(t0.getTime() + 10 * day) }] });
    await deploy(changed);
    // Only the first stage, as a run killed right after it would leave things.
    expect(await detectChanges(db, buildFollowFeed(changed), now)).toEqual({ baseline: 0, changed: 1, news: 1 });
    expect((await db.query(`SELECT 1 FROM outbox WHERE kind = 'follow-change'`)).rows).toHaveLength(0);
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.follow!.announced + b.follow!.announced).toBe(1);
    expect((await deliverNew()).map(to)).toEqual([email]);
  });

  it('the unsubscribe link opened (GET) changes nothing and shows one button; a forged one is not ours', async () => {
    await deploy(content());
    await run();
    const email = `ala.${Math.random().toString(36).slice(2, 8)}@example.pl`;
    await followAndConfirm(email, 'consultation:konsultacje-2026', 'immediate');
    const { rows } = await db.query<{ id: string }>('SELECT id FROM follows');
    const url = `${site}/api/obserwuj/wypisz?t=${links.withdrawToken(rows[0]!.id)}`;
    const page = await handleUnsubscribe(new Request(url), runtime());
    expect(page.status).toBe(200);
    expect(page.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(await page.text()).toContain('Wypisz mnie');
    expect((await db.query('SELECT 1 FROM follows')).rows).toHaveLength(1);
    expect((await handleUnsubscribe(new Request(`${site}/api/obserwuj/wypisz?t=zmyslony.token`), runtime())).status).toBe(404);
    // The page's own button posts the token in the body.
    const button = await handleUnsubscribe(post('/api/obserwuj/wypisz', { t: links.withdrawToken(rows[0]!.id) }), runtime());
    expect(button.status).toBe(200);
    expect((await db.query('SELECT 1 FROM follows')).rows).toHaveLength(0);
  });
});
