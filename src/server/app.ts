/**
 * The whole self-hosted application behind `npm start`: the database (with
 * its migrations), the outbox worker, the scheduled job (change notices,
 * reminders, retention: src/notices/), the sign-up runtime the functions use,
 * and the web server. The tests and the bench start exactly this, with their
 * own database, mail server and clock.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { cataloguePath, type Catalogue } from '../catalogue/catalogue.ts';
import { fileCatalogue } from '../catalogue/source.ts';
import { installRuntime, type Runtime } from '../http/runtime.ts';
import { staffEmailsFrom } from '../panel/allow-list.ts';
import { createLinkSigner } from '../http/links.ts';
import { ConfigurationError, isProduction, loadSecret, type Env } from '../lib/secret.ts';
import { defaultConfirmationTtlMs, defaultResendIntervalMs } from '../enrolment/sign-up.ts';
import { releaseClaimsOfDeadProcess, type MailTransport } from '../mail/outbox.ts';
import { createMailTransport } from '../mail/transport.ts';
import { startOutboxWorker, type OutboxWorker } from '../mail/worker.ts';
import { filePublicData, type PublicData } from '../notices/public-data.ts';
import { retentionDaysFrom } from '../notices/rules.ts';
import { startJobTimer, type JobTimer } from '../notices/timer.ts';
import type { SiteBuildStatus } from '../http/runtime.ts';
import { siteRootOf, startServer, type ServerOptions } from './server.ts';
import { resolveStatic } from './static-files.ts';

export interface AppOptions extends ServerOptions {
  env?: Env;
  /** A database to use instead of opening one from the environment (it stays open on close). */
  db?: Database;
  /** A transport instead of the one SMTP_URL chooses. */
  transport?: MailTransport & { close?(): void };
  catalogue?: () => Promise<Catalogue>;
  now?: () => Date;
  log?: (line: string) => void;
  /** The public address in email links; SITE_URL, else the address the server listens on. */
  siteUrl?: string;
  workerIntervalMs?: number;
  confirmationTtlMs?: number;
  resendIntervalMs?: number;
  statusCacheMs?: number;
  /** How often the scheduled job (notices, reminders, retention; src/notices/) runs; 0: never on its own. */
  jobIntervalMs?: number;
  /** Where the live site's builds stand, for the staff panel (src/site/rebuild.ts). */
  siteStatus?: () => SiteBuildStatus;
  /** The public files the job reads; default dane/wydarzenia.json and zapisy.json of the site serving at the time. */
  publicData?: () => Promise<PublicData>;
}

export interface RunningApp {
  server: Server;
  /** http://host:port */
  origin: string;
  db: Database;
  runtime: Runtime;
  worker: OutboxWorker;
  jobs: JobTimer | undefined;
  /** Stops taking requests, lets the worker finish its run, closes what it opened. */
  close(): Promise<void>;
}

const shutdownGraceMs = 5_000;

/** Settings that must exist before a production start (the secret is checked by loadSecret). */
function checkProductionSettings(env: Env): void {
  if (isProduction(env) && !env['SMTP_URL']?.trim()) {
    throw new ConfigurationError('Brak SMTP_URL: w środowisku produkcyjnym wiadomości muszą iść przez serwer pocztowy (lokalny folder .data/outbox służy tylko do prób).');
  }
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  checkProductionSettings(env);
  const retentionDays = retentionDaysFrom(env['RETENTION_DAYS']);
  const key = loadSecret(env);
  const db = options.db ?? (await openDatabase(env));
  const transport = options.transport ?? createMailTransport(env, log);
  const now = options.now ?? (() => new Date());
  const site = siteRootOf(options.root);
  // PGlite opened here is this process's alone (its folder is locked): claims left in it belong to a process that died mid-send.
  if (!options.db && db.engine === 'pglite') {
    const freed = await releaseClaimsOfDeadProcess(db);
    if (freed > 0) log(`Poczta: wysyłam od razu wiadomości przerwane przez poprzednie zatrzymanie (${freed}); mają ten sam Message-ID, więc serwery poczty rozpoznają powtórki.`);
  }
  const worker = startOutboxWorker(db, transport, { log, now, ...(options.workerIntervalMs ? { intervalMs: options.workerIntervalMs } : {}) });
  let server: Server;
  try {
    server = await startServer({ ...options, log, publicOrigin: options.publicOrigin ?? (env['SITE_URL']?.trim() || undefined) });
  } catch (error) {
    await worker.stop();
    if (!options.db) await db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const origin = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const siteUrl = options.siteUrl ?? (env['SITE_URL']?.trim() || origin);
  const runtime: Runtime = {
    db,
    catalogue: options.catalogue ?? fileCatalogue(async () => join(await site.current(), cataloguePath), log),
    links: createLinkSigner(key, siteUrl),
    now,
    mailQueued: () => worker.kick(),
    async builtPage(path) {
      const lease = await site.lease();
      try {
        const file = await resolveStatic(lease.root, path);
        return file ? await readFile(file, 'utf8') : undefined;
      } finally {
        lease.release();
      }
    },
    log,
    confirmationTtlMs: options.confirmationTtlMs ?? defaultConfirmationTtlMs,
    resendIntervalMs: options.resendIntervalMs ?? defaultResendIntervalMs,
    statusCacheMs: options.statusCacheMs ?? 2_000,
    siteOrigins: [new URL(siteUrl).origin],
    staffEmails: staffEmailsFrom(env).emails,
    ...(options.siteStatus ? { siteStatus: options.siteStatus } : {}),
  };
  // Installed before the event loop can hand the server its first request.
  const uninstall = installRuntime(runtime);
  const jobs =
    options.jobIntervalMs === 0
      ? undefined
      : startJobTimer(
          { db, publicData: options.publicData ?? (async () => filePublicData(await site.current())()), links: runtime.links, siteUrl, now, retentionDays, mailQueued: () => worker.kick() },
          { log, ...(options.jobIntervalMs ? { intervalMs: options.jobIntervalMs } : {}) },
        );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Requests in flight finish (a sign-up half-way through its transaction is not cut off); idle
      // keep-alive connections close at once, and anything still open after the grace period is cut.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), shutdownGraceMs);
      await closed;
      clearTimeout(cut);
      await jobs?.stop(); // before the worker: a run may still queue mail for it
      await worker.stop();
      uninstall();
      transport.close?.();
      if (!options.db) await db.close();
    })());
  return { server, origin, db, runtime, worker, jobs, close };
}
