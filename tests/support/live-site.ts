/**
 * The self-hosted server with its live site, as `npm start` runs it, for the
 * scenario tests and the bench: a throw-away copy of the project
 * (fixture-site.ts), its builds in a folder of its own, the real app
 * (panel.ts: a staff address can sign in) and a real database and SMTP
 * server. Nothing here touches the project's own src/content/.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { announcementsForBuild } from '../../src/lottery/announcement-file.ts';
import { openLiveSite, type LiveSite } from '../../src/site/live-site.ts';
import { pushWebhookRoute } from '../../src/server/webhook-route.ts';
import type { EnrolmentApp } from './enrolment-app.ts';
import type { TestEngine } from './databases.ts';
import { createFixtureSite, type FixtureSite } from './fixture-site.ts';
import { startPanelApp } from './panel.ts';
import type { SmtpSink } from './smtp-sink.ts';

export interface LiveSiteRun {
  site: FixtureSite;
  live: LiveSite;
  app: EnrolmentApp;
  origin: string;
  /** Every line the live site logged. */
  siteLogs: string[];
  /** Writes a file into the copy, as decap-server does on a save (path relative to the copy). */
  save(path: string, content: string): Promise<void>;
  close(): Promise<void>;
}

export interface LiveSiteOptions {
  /** Written into the copy before the first build (relative path → content). */
  files?: Record<string, string>;
  /** Replace the archive (file name → markdown), as the bench does. */
  reports?: Map<string, string>;
  /** Mount the push webhook with this secret; the copy is then a clone to fast-forward (see gitFixture). */
  webhookSecret?: string;
}

/** Before the copy is served: makes it a git checkout, for the webhook. */
export type PrepareCopy = (root: string) => Promise<void>;

export async function startLiveSite(engine: TestEngine, sink: SmtpSink, { files = {}, reports, webhookSecret }: LiveSiteOptions = {}, prepare?: PrepareCopy): Promise<LiveSiteRun> {
  const site = await createFixtureSite(reports, 'wspolnie-live-');
  for (const [path, content] of Object.entries(files)) await writeFile(join(site.root, path), content);
  await prepare?.(site.root);
  const siteDir = await mkdtemp(join(tmpdir(), 'wspolnie-live-builds-'));
  const siteLogs: string[] = [];
  let origin = '';
  let webhook: ReturnType<typeof pushWebhookRoute> | undefined;
  let app: EnrolmentApp | undefined;
  // As scripts/start.ts: each build gets the lottery announcements recorded in the database, in a file in the data folder.
  const dataDir = await mkdtemp(join(tmpdir(), 'wspolnie-live-data-'));
  const buildEnv = async () => ({ SITE_URL: origin, ...(app ? await announcementsForBuild(app.app.db, dataDir) : {}) });
  const live = await openLiveSite({ projectRoot: site.root, siteDir, buildEnv, log: (line) => siteLogs.push(line), quietMs: 1_000 });
  app = await startPanelApp(engine, sink, {
    root: live.generations,
    siteStatus: () => live.rebuilder.status(),
    // The catalogue the build writes, as `npm start` reads it (the scenario apps' default is a fixed list).
    builtCatalogue: true,
    ...(webhookSecret
      ? { routes: () => [webhook ??= pushWebhookRoute({ env: { GITHUB_WEBHOOK_SECRET: webhookSecret }, checkout: site.root, rebuild: (reason) => live.rebuilder.request(reason), log: (line) => siteLogs.push(line) })] }
      : {}),
    jobIntervalMs: 0,
  });
  origin = app.origin;
  await live.start();
  return {
    site,
    live,
    app,
    origin,
    siteLogs,
    save: (path, content) => writeFile(join(site.root, path), content),
    async close() {
      await live.close();
      await app.close();
      await rm(siteDir, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
      await site.remove();
    },
  };
}

/** A programme entry with an open-mode enrolment window, as the CMS writes it. */
export function programmeWithEnrolment(options: { title: string; opens: Date; closes: Date; mode?: 'open' | 'first-come'; capacity?: number }): string {
  const capacity = options.mode === 'first-come' ? `\n  capacity: ${options.capacity ?? 30}` : '';
  return `---
title: ${options.title}
summary: Program dodany w teście żywej strony.
year: ${options.opens.getUTCFullYear()}
status: enrolment
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: ${options.opens.toISOString().slice(0, 10)}
  label: test
enrolment:
  opens: "${options.opens.toISOString()}"
  closes: "${options.closes.toISOString()}"
  mode: ${options.mode ?? 'open'}${capacity}
  fields:
    - name
---

Opis programu.
`;
}
