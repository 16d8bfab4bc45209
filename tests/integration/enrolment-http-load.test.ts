/**
 * Sign-ups under load over HTTP, against the real server on PGlite and
 * PostgreSQL: 500 submissions at the same moment leave exactly the rows that
 * were acknowledged, and a first-come programme of 60 places accepts exactly
 * 60 of 200 people confirming at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../support/databases.ts';
import { startEnrolmentApp, type EnrolmentApp } from '../support/enrolment-app.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await createSmtpSink();
  await sink.start();
});
afterAll(() => sink?.dispose());

describe.each(engines)('sign-ups under load over HTTP on $name', (engine) => {
  let t: EnrolmentApp;
  beforeAll(async () => {
    // The worker would compete for the database with the burst; mail is not what is measured here.
    t = await startEnrolmentApp(engine, sink, { workerIntervalMs: 3_600_000 });
    t.app.runtime.mailQueued = () => undefined;
  });
  afterAll(() => t?.close());

  const submit = (programme: string, email: string) =>
    fetch(`${t.origin}/api/zapisy`, {
      method: 'POST',
      body: JSON.stringify({ programme, email, name: 'Bożena Ćwik', consent: 'tak' }),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Origin: t.origin },
    }).then(async (r) => ({ email, status: r.status, body: await r.text() }));

  it('keeps exactly the acknowledged rows of 500 simultaneous submissions, one per address', async () => {
    // 450 addresses; 50 people submit twice at the same moment, once in capitals.
    const emails = Array.from({ length: 500 }, (_, i) => (i < 450 ? `tlum${i}@example.pl` : `TLUM${i - 450}@EXAMPLE.PL`));
    const answers = await Promise.all(emails.map((email) => submit('otwarte', email)));
    expect(answers.filter((a) => a.status !== 202)).toEqual([]);

    const { rows } = await t.database.db.query<{ email: string }>(`SELECT email FROM applications WHERE programme_id = 'otwarte'`);
    const acknowledged = new Set(answers.map((a) => a.email.toLowerCase()));
    expect(rows).toHaveLength(450);
    expect(new Set(rows.map((r) => r.email.toLowerCase()))).toEqual(acknowledged);
    const { rows: mail } = await t.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'confirm-application'`);
    expect(mail[0]?.n).toBeGreaterThanOrEqual(450); // one each, plus a re-send for some of the 50 repeated addresses
  });

  it('accepts exactly 60 of 200 people confirming a 60-place first-come programme at the same moment', async () => {
    const people = Array.from({ length: 200 }, (_, i) => `spacer${i}@example.pl`);
    for (let i = 0; i < people.length; i += 50) {
      const answers = await Promise.all(people.slice(i, i + 50).map((email) => submit('pierwsi-60', email)));
      expect(answers.every((a) => a.status === 202)).toBe(true);
    }
    const { rows } = await t.database.db.query<{ id: string; confirmation_expires_at: Date }>(
      `SELECT id, confirmation_expires_at FROM applications WHERE programme_id = 'pierwsi-60'`,
    );
    expect(rows).toHaveLength(200);
    // The links the emails carry, signed with the server's key.
    const links = rows.map((r) => t.app.runtime.links.confirmUrl(r.id, r.confirmation_expires_at));
    // Everyone presses the confirmation page's button at the same moment (its POST confirms; opening the link does not).
    const pages = await Promise.all(links.map(async (link) => {
      const url = new URL(link);
      const response = await fetch(`${url.origin}${url.pathname}`, { method: 'POST', body: new URLSearchParams({ t: url.searchParams.get('t') ?? '' }), headers: { Origin: url.origin } });
      return { status: response.status, text: await response.text() };
    }));
    expect(pages.every((p) => p.status === 200)).toBe(true);
    const accepted = pages.filter((p) => p.text.includes('Masz zapewnione miejsce'));
    const waitlisted = pages.filter((p) => p.text.includes('jesteś na liście rezerwowej'));
    expect(accepted).toHaveLength(60);
    expect(waitlisted).toHaveLength(140);

    const count = async (status: string) =>
      (await t.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE programme_id = 'pierwsi-60' AND status = $1`, [status])).rows[0]?.n;
    expect(await count('accepted')).toBe(60);
    expect(await count('waitlisted')).toBe(140);
    const positions = waitlisted.map((p) => Number(/na (\d+)\. miejscu/.exec(p.text)?.[1]));
    expect(new Set(positions).size).toBe(140);
    expect(Math.max(...positions)).toBe(140);
    const status = await (await fetch(`${t.origin}/api/zapisy/status?programme=pierwsi-60`)).json();
    expect(status).toMatchObject({ confirmed: 60, full: true, waitlisted: 140, capacity: 60 });
  });
});
