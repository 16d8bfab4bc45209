/**
 * The staff panel served for a browser spec: the real server (src/server/app.ts)
 * over a site folder holding public/ and the panel's bundled script, on PGlite,
 * with a real SMTP server catching its mail. Rate limits are off and live counts
 * uncached, so a spec's steps see their own effects at once.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogueOf } from '../../src/catalogue/catalogue.ts';
import { createMailTransport } from '../../src/mail/transport.ts';
import { writePanelScript } from '../../src/panel/browser/integration.ts';
import { startApp, type RunningApp } from '../../src/server/app.ts';
import { pgliteEngine, type TestDatabase } from './databases.ts';
import { testCatalogue } from './enrolment-app.ts';
import { staffAddress } from './panel.ts';
import { createSmtpSink, type ReceivedEmail, type SmtpSink } from './smtp-sink.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface PanelServer {
  siteDir: string;
  sink: SmtpSink;
  database: TestDatabase;
  app: RunningApp;
  /** At least `count` emails to `to`, kicking the outbox worker until they arrive (about 15 s at most). */
  mailTo(to: string, count?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

/** Starts the server with the test catalogue and `staffAddress` on the allow-list; `prefix` names its temporary folder. */
export async function startPanelServer(prefix: string): Promise<PanelServer> {
  const siteDir = await mkdtemp(join(tmpdir(), `wspolnie-${prefix}-`));
  await cp(join(projectRoot, 'public'), siteDir, { recursive: true });
  await writePanelScript(projectRoot, siteDir);
  const [sink, database] = await Promise.all([createSmtpSink(), pgliteEngine.create()]);
  await sink.start();
  const app = await startApp({
    root: siteDir,
    port: 0,
    host: '127.0.0.1',
    env: { WSPOLNIE_SECRET: 'browser-test-secret-browser-test-secret-0123', STAFF_EMAILS: staffAddress },
    db: database.db,
    transport: createMailTransport({ SMTP_URL: sink.url }),
    catalogue: async () => catalogueOf(testCatalogue),
    rateLimits: 'off',
    statusCacheMs: 0,
    log: () => undefined,
  });
  return {
    siteDir,
    sink,
    database,
    app,
    async mailTo(to, count = 1) {
      for (let i = 0; i < 300; i++) {
        const mail = (await sink.received()).filter((m) => m.parsed.to?.[0]?.address === to);
        if (mail.length >= count) return mail;
        app.worker.kick();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no email for ${to}`);
    },
    async close() {
      await app.close();
      await Promise.all([database.dispose(), sink.dispose(), rm(siteDir, { recursive: true, force: true })]);
    },
  };
}
