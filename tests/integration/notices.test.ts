/**
 * The scheduled job (src/notices/run.ts) on PGlite and PostgreSQL with a real
 * SMTP server: an editor cancels or moves an event (the test rewrites the
 * public file the job reads, as a deploy would), the job runs — twice, or
 * twice at once — and every person registered gets exactly one email;
 * reminders go out 48 hours before, once, and never for a cancelled event.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { deliverDue } from '../../src/mail/outbox.ts';
import { linksIn } from '../../src/mail/template.ts';
import { createMailTransport, type ConfiguredTransport } from '../../src/mail/transport.ts';
import { filePublicData } from '../../src/notices/public-data.ts';
import { runScheduledJobs, type JobRuntime } from '../../src/notices/run.ts';
import { engines, type TestDatabase } from '../support/databases.ts';
import { storeApplication, writeSiteFiles, type SiteFiles, type StoredApplication, type WrittenEvent } from '../support/notices-site.ts';
import { createSmtpSink, type ReceivedEmail, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const day = 24 * hour;
const t0 = new Date('2026-05-04T08:00:00Z');
const site = 'https://wspolnie.example';
const key = Buffer.from('notices-test-secret-notices-test-secret-0123');
const links = createLinkSigner(key, site);

const programmes = [
  { id: 'wspolne', title: 'Wspólne Projekty 2026' },
  { id: 'miejskie', title: 'Wspólne Projekty Miejskie 2026', parent: 'wspolne' },
  { id: 'dzielnicowe', title: 'Wspólne Projekty Dzielnicowe 2026', parent: 'wspolne' },
];

function workshop(id: string, startsIn: number, overrides: Partial<WrittenEvent> = {}): WrittenEvent {
  return {
    id,
    title: `Warsztat ${id} — „Zielone podwórka”`,
    programme: 'miejskie',
    kind: 'workshop',
    start: new Date(t0.getTime() + startsIn).toISOString(),
    end: new Date(t0.getTime() + startsIn + 4 * hour).toISOString(),
    status: 'planned',
    place: { name: 'Centrum Obywatelskie', address: 'ul. Reymonta 20, Kraków', room: 'sala 2' },
    page: `/wydarzenia/${id}/`,
    ...overrides,
  };
}

describe.each(engines)('scheduled notices on $name', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let sink: SmtpSink;
  let transport: ConfiguredTransport;
  let root: string;
  let now: Date;
  let files: SiteFiles;
  let people: Record<string, StoredApplication>;

  const runtime = (): JobRuntime => ({ db, publicData: filePublicData(root), links, siteUrl: site, now: () => now, retentionDays: 90 });
  const run = () => runScheduledJobs(runtime());
  const deploy = (events: WrittenEvent[]) => writeSiteFiles(root, { ...files, events });
  let seen = 0;
  /** Delivers what is queued and returns the emails that arrived since the last call. */
  const deliverNew = async (): Promise<ReceivedEmail[]> => {
    await deliverDue(db, transport, now);
    const all = await sink.received();
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  };
  const recipients = (mail: ReceivedEmail[]) => mail.map((m) => m.parsed.to?.[0]?.address ?? '').sort();
  const addresses = (...names: string[]) => names.map((n) => people[n]!.email!).sort();

  beforeAll(async () => {
    [t, sink] = await Promise.all([engine.create(), createSmtpSink()]);
    db = t.db;
    await sink.start();
    transport = createMailTransport({ SMTP_URL: sink.url });
    root = await mkdtemp(join(tmpdir(), 'wspolnie-powiadomienia-'));
  });
  afterAll(async () => {
    transport?.close();
    await Promise.all([t?.dispose(), sink?.dispose(), root && rm(root, { recursive: true, force: true })]);
  });
  beforeEach(async () => {
    await db.exec('TRUNCATE outbox, applications, event_snapshots CASCADE');
    now = t0;
    seen = (await sink.received()).length;
    files = { programmes, events: [], closes: { miejskie: new Date(t0.getTime() - day), wspolne: new Date(t0.getTime() - day), dzielnicowe: new Date(t0.getTime() - day) } };
    const tag = Math.random().toString(36).slice(2, 8);
    people = {};
    const states = [
      ['ola', 'miejskie', 'confirmed'], ['jan', 'miejskie', 'confirmed'], ['ewa', 'miejskie', 'accepted'], ['lena', 'miejskie', 'waitlisted'],
      ['piotr', 'miejskie', 'pending'], ['adam', 'miejskie', 'withdrawn'], ['zosia', 'wspolne', 'confirmed'], ['marek', 'dzielnicowe', 'confirmed'],
    ] as const;
    for (const [name, programme, status] of states) people[name] = await storeApplication(db, programme, status, `${name}.${tag}@example.pl`, new Date(t0.getTime() - 10 * day));
  });

  it('cancelling an event sends one notice per person registered, however often the job runs', async () => {
    await deploy([workshop('w1', 10 * day)]);
    expect((await run()).changes).toEqual({ firstSeen: 1, changed: 0, queued: 0 }); // the baseline: nothing to tell
    expect(await deliverNew()).toEqual([]);

    await deploy([workshop('w1', 10 * day, { status: 'cancelled', statusReason: 'Sala zalana po awarii hydrauliki.', statusDecidedOn: '2026-05-03' })]);
    now = new Date(t0.getTime() + hour);
    expect((await run()).changes).toEqual({ firstSeen: 0, changed: 1, queued: 5 });
    expect((await run()).changes).toEqual({ firstSeen: 0, changed: 0, queued: 0 });
    const mail = await deliverNew();
    // Confirmed, accepted and waitlisted in the programme, and the person registered for the whole parent
    // programme; not the pending or withdrawn ones, not the sibling programme's.
    expect(recipients(mail)).toEqual(addresses('ola', 'jan', 'ewa', 'lena', 'zosia'));
    for (const m of mail) {
      const who = Object.values(people).find((p) => p.email === m.parsed.to?.[0]?.address)!;
      expect(m.parsed.subject).toBe('Odwołane: Warsztat w1 — „Zielone podwórka”');
      expect(m.parsed.text).toContain('zostało odwołane');
      expect(m.parsed.text).toContain('Powód: Sala zalana po awarii hydrauliki.');
      expect(m.parsed.text).toContain('Data decyzji: 3 maja 2026.');
      expect(m.parsed.text).toContain(`Kod zgłoszenia: ${who.code}.`);
      expect(linksIn(m.parsed.text ?? '')).toEqual([`${site}/wydarzenia/w1/`, links.withdrawUrl(who.id)]);
    }
    await run();
    expect(await deliverNew()).toEqual([]);
  });

  it('two runs at the same moment still send each notice once', async () => {
    await deploy([workshop('w1', 10 * day), workshop('w2', 12 * day)]);
    await Promise.all([run(), run()]);
    await deploy([workshop('w1', 10 * day, { status: 'cancelled', statusReason: 'Choroba prowadzącej.', statusDecidedOn: '2026-05-03' }), workshop('w2', 12 * day)]);
    const reports = await Promise.all([run(), run(), run()]);
    expect(reports.map((r) => r.changes.queued).reduce((a, b) => a + b)).toBe(5);
    const mail = await deliverNew();
    expect(recipients(mail)).toEqual(addresses('ola', 'jan', 'ewa', 'lena', 'zosia'));
    expect(new Set(mail.map((m) => m.parsed.messageId)).size).toBe(5);
  });

  it('a move sends one notice with the old and the new date and place', async () => {
    await deploy([workshop('w1', 10 * day)]);
    await run();
    await deploy([workshop('w1', 17 * day, { status: 'moved', place: { address: 'ul. Wielicka 28a, Kraków' }, statusReason: 'Remont sali.', statusDecidedOn: '2026-05-04' })]);
    await run();
    await run();
    const mail = await deliverNew();
    expect(recipients(mail)).toEqual(addresses('ola', 'jan', 'ewa', 'lena', 'zosia'));
    const text = mail[0]!.parsed.text ?? '';
    expect(mail[0]!.parsed.subject).toBe('Zmiana terminu lub miejsca: Warsztat w1 — „Zielone podwórka”');
    // 10:00 UTC is 12:00 in Warsaw (CEST).
    expect(text).toContain('Termin: czwartek, 21 maja 2026, 10:00–14:00 (poprzednio: czwartek, 14 maja 2026, 10:00–14:00).');
    expect(text).toContain('Miejsce: ul. Wielicka 28a, Kraków (poprzednio: Centrum Obywatelskie, ul. Reymonta 20, Kraków, sala 2).');
    expect(text).toContain('Powód: Remont sali.');
  });

  it('a change nobody cares about (the title, the reason) sends nothing; an event first seen already cancelled is told', async () => {
    await deploy([workshop('w1', 10 * day)]);
    await run();
    await deploy([workshop('w1', 10 * day, { title: 'Warsztat pierwszy (poprawiony tytuł)' }), workshop('w9', 5 * day, { status: 'cancelled', statusReason: 'Brak sali.', statusDecidedOn: '2026-05-02' }), workshop('stary', -400 * day, { status: 'cancelled', statusReason: 'Dawno temu.', statusDecidedOn: '2025-01-01' })]);
    expect((await run()).changes).toEqual({ firstSeen: 2, changed: 0, queued: 5 });
    const mail = await deliverNew();
    expect(mail.map((m) => m.parsed.subject)).toEqual(Array(5).fill('Odwołane: Warsztat w9 — „Zielone podwórka”'));
  });

  it('reminds 48 hours before, once per person, only people with a place, never for a cancelled event', async () => {
    await deploy([workshop('w1', 3 * day), workshop('w2', 3 * day + 2 * hour)]);
    await run();
    expect(await deliverNew()).toEqual([]); // three days ahead: too early
    await deploy([workshop('w1', 3 * day), workshop('w2', 3 * day + 2 * hour, { status: 'cancelled', statusReason: 'Choroba.', statusDecidedOn: '2026-05-04' })]);
    now = new Date(t0.getTime() + day + hour); // 47 hours before w1
    const report = await run();
    expect(report.reminders).toBe(4);
    const mail = await deliverNew();
    const reminders = mail.filter((m) => m.parsed.subject?.startsWith('Przypomnienie:'));
    expect(reminders.map((m) => m.parsed.subject)).toEqual(Array(4).fill('Przypomnienie: Warsztat w1 — „Zielone podwórka”, 7 maja 2026'));
    expect(recipients(reminders)).toEqual(addresses('ola', 'jan', 'ewa', 'zosia'));
    expect(mail.filter((m) => m.parsed.subject?.startsWith('Odwołane: Warsztat w2'))).toHaveLength(5);
    expect(mail).toHaveLength(9);

    now = new Date(t0.getTime() + 2 * day); // later, still before the start: nothing again
    expect((await run()).reminders).toBe(0);
    now = new Date(t0.getTime() + 4 * day); // after the event
    expect((await run()).reminders).toBe(0);
    expect(await deliverNew()).toEqual([]);
  });

  it('a reminder still queued when the event is cancelled is dropped; one moved to another day reminds again', async () => {
    await deploy([workshop('w1', 3 * day), workshop('w2', 3 * day)]);
    await run();
    now = new Date(t0.getTime() + 2 * day);
    expect((await run()).reminders).toBe(8);
    await deploy([workshop('w1', 3 * day, { status: 'cancelled', statusReason: 'Choroba.', statusDecidedOn: '2026-05-06' }), workshop('w2', 3 * day)]);
    await run(); // before the outbox delivered anything
    let mail = await deliverNew();
    expect(mail.filter((m) => m.parsed.subject?.startsWith('Przypomnienie: Warsztat w1'))).toEqual([]);
    expect(mail.filter((m) => m.parsed.subject?.startsWith('Przypomnienie: Warsztat w2'))).toHaveLength(4);
    expect(mail.filter((m) => m.parsed.subject?.startsWith('Odwołane: Warsztat w1'))).toHaveLength(5);

    await deploy([workshop('w1', 3 * day, { status: 'cancelled', statusReason: 'Choroba.', statusDecidedOn: '2026-05-06' }), workshop('w2', 5 * day, { status: 'moved', statusReason: 'Nowy termin.', statusDecidedOn: '2026-05-06' })]);
    await run();
    mail = await deliverNew();
    expect(mail.filter((m) => m.parsed.subject?.startsWith('Zmiana terminu lub miejsca: Warsztat w2'))).toHaveLength(5);
    expect(mail.filter((m) => m.parsed.subject?.startsWith('Przypomnienie:'))).toEqual([]); // the new day is three days away
    now = new Date(t0.getTime() + 3 * day + 12 * hour);
    await run();
    mail = await deliverNew();
    expect(mail.map((m) => m.parsed.subject)).toEqual(Array(4).fill('Przypomnienie: Warsztat w2 — „Zielone podwórka”, 9 maja 2026'));
  });

  it('a withdrawal drops the notices still queued for the person', async () => {
    await deploy([workshop('w1', 10 * day)]);
    await run();
    await deploy([workshop('w1', 10 * day, { status: 'cancelled', statusReason: 'Brak sali.', statusDecidedOn: '2026-05-04' })]);
    await run();
    const { withdrawApplication } = await import('../../src/enrolment/withdraw.ts');
    const { catalogueOf } = await import('../../src/catalogue/catalogue.ts');
    await withdrawApplication(db, links.withdrawToken(people['ola']!.id), { links, catalogue: catalogueOf([]), now });
    const mail = await deliverNew();
    expect(recipients(mail)).toEqual(addresses('jan', 'ewa', 'lena', 'zosia'));
  });
});
