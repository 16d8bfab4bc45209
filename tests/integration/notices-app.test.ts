/**
 * The self-hosted server (src/server/app.ts, what `npm start` runs) runs the
 * scheduled job by itself: on start and on its timer, with the notice going
 * out through the outbox worker to a real SMTP server; closing stops both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePublicData } from '../../src/notices/public-data.ts';
import { engines } from '../support/databases.ts';
import { startEnrolmentApp, type EnrolmentApp } from '../support/enrolment-app.ts';
import { storeApplication, writeSiteFiles } from '../support/notices-site.ts';
import { createSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const day = 86_400_000;

describe.each(engines)('the scheduled job inside the server on $name', (engine) => {
  let sink: SmtpSink;
  let root: string;
  let t: EnrolmentApp;
  beforeAll(async () => {
    sink = await createSmtpSink();
    await sink.start();
    root = await mkdtemp(join(tmpdir(), 'wspolnie-powiadomienia-app-'));
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([sink?.dispose(), rm(root, { recursive: true, force: true })]);
  });

  it('announces a change on its timer and delivers it; closing waits for the run', async () => {
    const start = new Date(Date.now() + 5 * day);
    const event = {
      id: 'spacer',
      title: 'Spacer badawczy po Nowej Hucie',
      programme: 'pierwsi-60',
      kind: 'workshop' as const,
      start: start.toISOString(),
      end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      status: 'planned' as const,
      place: { address: 'pl. Centralny 1, Kraków' },
      page: '/wydarzenia/spacer/',
    };
    const files = { programmes: [{ id: 'pierwsi-60', title: 'Spacer badawczy: Nowa Huta (60 miejsc)' }], events: [event], closes: { 'pierwsi-60': new Date(Date.now() + day) } };
    await writeSiteFiles(root, files);
    t = await startEnrolmentApp(engine, sink, { publicData: filePublicData(root), jobIntervalMs: 300 });
    const email = `spacer.${engine.name.toLowerCase()}@example.pl`;
    await storeApplication(t.database.db, 'pierwsi-60', 'accepted', email, new Date());
    // Wait for the baseline run to record the event before the editor's change lands.
    for (let i = 0; i < 100 && (await t.database.db.query('SELECT 1 FROM event_snapshots')).rows.length === 0; i++) await new Promise((r) => setTimeout(r, 50));

    await writeSiteFiles(root, { ...files, events: [{ ...event, status: 'cancelled', statusReason: 'Ulewa.', statusDecidedOn: new Date().toISOString().slice(0, 10) }] });
    const [mail] = await t.waitForMail(email);
    expect(mail?.parsed.subject).toBe('Odwołane: Spacer badawczy po Nowej Hucie');
    await new Promise((r) => setTimeout(r, 1_000)); // a few more timer runs
    expect(await t.mailTo(email)).toHaveLength(1);
    expect(t.logs.filter((line) => line.startsWith('Powiadomienia:')).join('\n')).not.toContain('@');
    await t.close();
    t = undefined as unknown as EnrolmentApp;
  });
});
