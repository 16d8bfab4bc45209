/**
 * The lottery on both engines, through the real app and a real SMTP server:
 * the pool freezes at its time (not before), 75 confirmed for 60 places are
 * drawn once with RFC 3797 (the same order the published protocol verifies
 * to), 60 accepted and 15 waitlisted get the right emails, a second draw is
 * refused by the code and by the database, a withdrawal promotes number one
 * of the list and tells them, the public page shows it all without personal
 * data; and the pool that fits, where no draw is run.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolSha256 } from '../../src/draw/pool.ts';
import { verifyProtocolText } from '../../src/draw/verify.ts';
import { catalogueOf, type CatalogueEntry } from '../../src/catalogue/catalogue.ts';
import { newRegistrationCode } from '../../src/enrolment/registration-code.ts';
import { withdrawApplication } from '../../src/enrolment/withdraw.ts';
import { freezeDuePools, freezeIfDue, poolFreezesAt } from '../../src/lottery/freeze.ts';
import { runDraw } from '../../src/lottery/run-draw.ts';
import { engines } from '../support/databases.ts';
import { startEnrolmentApp, testEnrolment, type EnrolmentApp } from '../support/enrolment-app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const hour = 3_600_000;
const closes = new Date(Date.now() - 20 * hour);

const lottery = (id: string, capacity: number): CatalogueEntry => ({
  id,
  kind: 'programme',
  title: `Warsztaty z losowaniem (${id})`,
  page: `/programy/${id}/`,
  closedEarly: false,
  enrolment: testEnrolment({
    opens: new Date(closes.getTime() - 20 * 24 * hour),
    closes,
    mode: 'lottery',
    capacity,
    drawSources: [
      { description: 'Wyniki losowania Lotto z dnia losowania (6 liczb)', kind: 'numbers' },
      { description: 'Kurs średni EUR NBP z dnia losowania', kind: 'text' },
    ],
    drawDate: new Date(closes.getTime() + 25 * hour),
  }),
});

const big = lottery('wielkie-losowanie', 60);
const small = lottery('male-losowanie', 60);
const values = ['9 18 26 34 41 45', '4,2718'];

let sink: SmtpSink;
beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
});
afterAll(() => sink?.dispose());

describe.each(engines)('the lottery on $name', (engine) => {
  let env: EnrolmentApp;
  const emails = new Map<string, string>();
  const staff: string[] = [];
  const prefix = `${engine.name.toLowerCase()}-${randomUUID().slice(0, 6)}`;
  // What the site publishes; the last test deletes the drawn programme from it.
  let published = [big, small];

  beforeAll(async () => {
    env = await startEnrolmentApp(engine, sink, { catalogue: async () => catalogueOf(published) });
    await seed(big, 75);
    await seed(small, 12);
    for (const [i, email] of ['urzednik-1@krakow.example', 'urzednik-2@krakow.example'].entries()) {
      const { rows } = await env.database.db.query<{ id: string }>('INSERT INTO staff (email, allowed_by_table) VALUES ($1, true) RETURNING id', [email]);
      staff[i] = rows[0]!.id;
    }
  }, 120_000);
  afterAll(() => env?.close());

  async function seed(entry: CatalogueEntry, count: number) {
    for (let i = 0; i < count; i++) {
      const email = `${prefix}-${entry.id}-${i}@example.pl`;
      const code = newRegistrationCode();
      emails.set(code, email);
      await env.database.db.query(
        `INSERT INTO applications (programme_id, registration_code, status, email, name, confirmed_at) VALUES ($1, $2, 'confirmed', $3, $4, $5)`,
        [entry.id, code, email, `Osoba ${i} Źdźbło`, closes],
      );
    }
    // Pending and withdrawn ones never enter a pool.
    await env.database.db.query(`INSERT INTO applications (programme_id, registration_code, status, email) VALUES ($1, $2, 'pending', $3)`, [entry.id, newRegistrationCode(), `${prefix}-pending@example.pl`]);
  }

  const options = () => ({ links: env.app.runtime.links, now: env.clock.now() });
  const page = (path: string) => fetch(`${env.origin}${path}`);

  it('does not freeze or draw before the links of the last confirmations have expired', async () => {
    expect(env.clock.now() < poolFreezesAt(big)).toBe(true);
    expect(await freezeIfDue(env.database.db, big, options())).toBe('not-due');
    expect(await runDraw(env.database.db, big, { values, staffId: staff[0]!, ...options() })).toMatchObject({ kind: 'too-early', reason: 'pool-open' });
    const answer = await page('/losowania/wielkie-losowanie/');
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Pula jeszcze nie jest zamknięta');
    expect((await page('/losowania/wielkie-losowanie/pula.txt')).status).toBe(404);
  });

  it('freezes the pool once, publishes it with its SHA-256; a fitting pool is decided without a draw', async () => {
    env.clock.advance(poolFreezesAt(big).getTime() - env.clock.now().getTime() + 60_000);
    // A view after the freeze time freezes the pool on the way, before the scheduled job. On the second engine
    // the same programme id already has a draw in the first engine's database: what this process remembers of
    // one database must not stand for another.
    expect(await (await page('/losowania/wielkie-losowanie/')).text()).toContain('Pula zamrożona');
    expect(await freezeDuePools(env.database.db, catalogueOf([big, small]), options())).toBe(1);
    expect(await freezeDuePools(env.database.db, catalogueOf([big, small]), options())).toBe(0);

    const pool = await (await page('/losowania/wielkie-losowanie/pula.txt')).text();
    const codes = pool.trimEnd().split('\n');
    expect(codes).toHaveLength(75);
    expect([...codes].sort()).toEqual(codes);
    const html = await (await page('/losowania/wielkie-losowanie/')).text();
    expect(html).toContain(poolSha256(codes));
    for (const email of emails.values()) expect(html).not.toContain(email);

    // 12 for 60 places: everyone accepted and told, recorded as no draw.
    const { rows } = await env.database.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM applications WHERE programme_id = $1 GROUP BY status ORDER BY status`, [small.id]);
    expect(rows).toEqual([{ status: 'accepted', n: 12 }, { status: 'pending', n: 1 }]);
    const protocol = await (await page('/losowania/male-losowanie/protokol.json')).text();
    expect(JSON.parse(protocol)).toMatchObject({ outcome: 'no-draw', accepted: 12, capacity: 60 });
    expect(verifyProtocolText(protocol).ok).toBe(true);
    const smallCode = [...emails].find(([, e]) => e.includes('male-losowanie'))!;
    const [mail] = await env.waitForMail(smallCode[1]);
    expect(mail!.parsed.subject).toBe(`Masz miejsce: ${small.title}`);
    expect(mail!.parsed.text).toContain('losowanie nie było potrzebne');

    // A withdrawal after a decision without a draw frees a place nobody waits for, and the page says just that.
    const { rows: placed } = await env.database.db.query<{ id: string }>(`SELECT id FROM applications WHERE programme_id = $1 AND status = 'accepted' LIMIT 1`, [small.id]);
    const links = env.app.runtime.links;
    expect((await withdrawApplication(env.database.db, links.withdrawToken(placed[0]!.id), { links, catalogue: catalogueOf([big, small]), now: env.clock.now() })).kind).toBe('withdrawn');
    const after = await (await page('/losowania/male-losowanie/')).text();
    expect(after).toContain('Od przydziału miejsc wycofano 1 zgłoszenie; listy rezerwowej nie ma, więc to miejsce pozostaje wolne.');
    expect(after).not.toContain('Od losowania zmienił się stan');
  });

  it('refuses to draw before the announced draw date, and names each wrong source value', async () => {
    expect(await runDraw(env.database.db, big, { values, staffId: staff[0]!, ...options() })).toMatchObject({ kind: 'too-early', reason: 'before-draw-date' });
    env.clock.advance(2 * hour);
    const wrong = await runDraw(env.database.db, big, { values: ['9 18 dwadzieścia', ''], staffId: staff[0]!, ...options() });
    expect(wrong.kind).toBe('invalid');
    expect(wrong.kind === 'invalid' && wrong.errors.map((e) => e.source)).toEqual([0, 1]);
    const { rows } = await env.database.db.query(`SELECT state FROM draws WHERE programme_id = $1`, [big.id]);
    expect(rows).toEqual([{ state: 'frozen' }]);
  });

  it('draws 75 for 60 once: 60 accepted, 15 waitlisted in drawn order, each emailed; the protocol verifies', async () => {
    const outcome = await runDraw(env.database.db, big, { values, staffId: staff[0]!, ...options() });
    expect(outcome).toMatchObject({ kind: 'drawn', accepted: 60, waitlisted: 15 });
    if (outcome.kind !== 'drawn') return;
    expect(outcome.protocol.keyString).toBe('9.18.26.34.41.45./42718/');

    const protocolText = await (await page('/losowania/wielkie-losowanie/protokol.json')).text();
    const verification = verifyProtocolText(protocolText, { sourceValues: values });
    expect(verification.findings).toEqual([]);
    expect(verification.ok).toBe(true);

    const { rows } = await env.database.db.query<{ registration_code: string; status: string; waitlist_number: number | null }>(
      `SELECT registration_code, status, waitlist_number FROM applications WHERE programme_id = $1 AND status IN ('accepted', 'waitlisted')`,
      [big.id],
    );
    const byCode = new Map(rows.map((r) => [r.registration_code, r]));
    outcome.protocol.order.forEach((code, i) => {
      expect(byCode.get(code)?.status, code).toBe(i < 60 ? 'accepted' : 'waitlisted');
      if (i >= 60) expect(byCode.get(code)?.waitlist_number).toBe(i - 59);
    });

    const first = outcome.protocol.order[0]!;
    const last = outcome.protocol.order[74]!;
    const [won] = await env.waitForMail(emails.get(first)!);
    expect(won!.parsed.subject).toBe(`Masz miejsce: ${big.title}`);
    expect(won!.parsed.text).toContain(`Kod zgłoszenia: ${first}.`);
    expect(won!.parsed.text).toContain('/api/zapisy/rezygnacja?t=');
    const [waits] = await env.waitForMail(emails.get(last)!);
    expect(waits!.parsed.subject).toBe(`Lista rezerwowa: ${big.title}`);
    expect(waits!.parsed.text).toContain('na 15. pozycji');
  });

  it('refuses a second draw, in the code and in the database', async () => {
    expect(await runDraw(env.database.db, big, { values: ['1 2 3 4 5 6', 'inny'], staffId: staff[1]!, ...options() })).toEqual({ kind: 'already-drawn' });
    await expect(env.database.db.query(`UPDATE draws SET decided_by = 'ktos' WHERE programme_id = $1`, [big.id])).rejects.toThrow();
    await expect(env.database.db.query(`DELETE FROM draws WHERE programme_id = $1`, [big.id])).rejects.toThrow();
    const { rows } = await env.database.db.query(`SELECT decided_by FROM draws WHERE programme_id = $1`, [big.id]);
    expect(rows).toEqual([{ decided_by: staff[0] }]);
    const { rows: audit } = await env.database.db.query(`SELECT staff_id, action, programme_id, detail FROM audit_log WHERE action = 'draw'`);
    expect(audit).toEqual([{ staff_id: staff[0], action: 'draw', programme_id: big.id, detail: 'pula 75, miejsc 60, przyjęto 60, lista rezerwowa 15' }]);
  });

  it('an accepted person withdraws: number one on the list gets the place and an email; the page shows it by code', async () => {
    const protocol = JSON.parse(await (await page('/losowania/wielkie-losowanie/protokol.json')).text()) as { order: string[] };
    const leaving = protocol.order[3]!;
    const nextInLine = protocol.order[60]!;
    const { rows } = await env.database.db.query<{ id: string }>('SELECT id FROM applications WHERE registration_code = $1', [leaving]);
    const result = await withdrawApplication(env.database.db, env.app.runtime.links.withdrawToken(rows[0]!.id), { links: env.app.runtime.links, catalogue: catalogueOf([big, small]), now: env.clock.now() });
    expect(result.kind).toBe('withdrawn');

    const mail = await env.waitForMail(emails.get(nextInLine)!, 2);
    expect(mail[1]!.parsed.subject).toBe(`Zwolniło się miejsce: ${big.title}`);
    const html = await (await page(`/losowania/wielkie-losowanie/?kod=${nextInLine.toLowerCase().replace('-', '')}`)).text();
    expect(html).toContain(`Kod <strong class="mono">${nextInLine}</strong>: ma miejsce`);
    expect(html).toContain('Od losowania zmienił się stan 2 kodów');
    const second = protocol.order[61]!;
    const secondLine = await (await page(`/losowania/wielkie-losowanie/?kod=${second}`)).text();
    expect(secondLine).toContain('lista rezerwowa, 1. pozycja');
    const unknown = await (await page('/losowania/wielkie-losowanie/?kod=ZZZZ-ZZZZ')).text();
    expect(unknown).toContain('Nie ma kodu „ZZZZ-ZZZZ” w puli tego losowania');
    expect(unknown).toContain(`<title>Błąd: Losowanie miejsc: ${big.title}`);
    expect(html).toContain(`<title>Losowanie miejsc: ${big.title}`);
  });

  it('keeps the pool and the protocol public, unchanged, after the programme is deleted from the site', async () => {
    const [pool, protocol] = await Promise.all([page('/losowania/wielkie-losowanie/pula.txt').then((r) => r.text()), page('/losowania/wielkie-losowanie/protokol.json').then((r) => r.text())]);
    published = [small];
    const [poolAfter, protocolAfter, pageAfter] = await Promise.all([page('/losowania/wielkie-losowanie/pula.txt'), page('/losowania/wielkie-losowanie/protokol.json'), page('/losowania/wielkie-losowanie/')]);
    expect([poolAfter.status, protocolAfter.status, pageAfter.status]).toEqual([200, 200, 200]);
    expect(await poolAfter.text()).toBe(pool);
    expect(await protocolAfter.text()).toBe(protocol);
    expect(verifyProtocolText(protocol).ok).toBe(true);
    const text = await pageAfter.text();
    expect(text).toContain('Program „wielkie-losowanie” nie jest już publikowany na stronie');
    expect(text).toContain(poolSha256(pool.trimEnd().split('\n')));
    // An id that never had a draw still answers the Polish 404.
    expect((await page('/losowania/nigdy-nie-bylo/protokol.json')).status).toBe(404);
  });
});
