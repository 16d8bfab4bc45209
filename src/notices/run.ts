/**
 * The scheduled job, one run: read the public files, freeze lottery pools
 * whose time has come (src/lottery/freeze.ts), queue change notices,
 * queue reminders, apply retention. The self-hosted server runs it on a
 * timer (timer.ts), Netlify as a scheduled function (functions/powiadomienia.ts);
 * both are thin. Every email goes through the outbox, so delivery, retries
 * and exactly-once sending are the outbox's; two runs at once are safe
 * (changes.ts, reminders.ts: row locks and dedupe keys; retention is
 * idempotent).
 */
import type { Database } from '../db/database.ts';
import type { LinkSigner } from '../http/links.ts';
import { announceChanges, type ChangeReport } from './changes.ts';
import type { PublicData } from './public-data.ts';
import { queueReminders } from './reminders.ts';
import { applyRetention, type RetentionReport } from './retention.ts';
import { freezeDuePools } from '../lottery/freeze.ts';
import { describeFollowStep, runFollowStep, type FollowReport } from '../follow/job.ts';
import { applySupportRetention, describeSupportRetention, type SupportRetentionReport } from '../requests/retention.ts';

export interface JobRuntime {
  db: Database;
  /** The built events and enrolment catalogue; throws when they cannot be read. */
  publicData(): Promise<PublicData>;
  links: LinkSigner;
  /** The public site address for the links in emails. */
  siteUrl: string;
  now(): Date;
  /** RETENTION_DAYS (rules.ts retentionDaysFrom). */
  retentionDays: number;
  /** Emails were queued: deliver soon. */
  mailQueued?(): void;
}

export interface JobReport {
  /** Lottery pools frozen (or decided without a draw) in this run. */
  pools: number;
  changes: ChangeReport;
  reminders: number;
  retention: RetentionReport;
  /** Following by email (src/follow/job.ts); undefined when the site publishes no /dane/obserwowane.json yet. */
  follow?: FollowReport | undefined;
  /** Supporters of requests for a consultation (src/requests/retention.ts); undefined when the site publishes no /dane/wnioski.json yet. */
  supports?: SupportRetentionReport | undefined;
}

export async function runScheduledJobs(runtime: JobRuntime): Promise<JobReport> {
  const data = await runtime.publicData();
  const context = { links: runtime.links, siteUrl: runtime.siteUrl, programmes: data.events.programmes };
  // First, so a pool freezes on time (and a fitting one tells its people) even if no one opens its results page.
  const pools = await freezeDuePools(runtime.db, data.catalogue, { links: runtime.links, now: runtime.now() });
  const changes = await announceChanges(runtime.db, data.events, context, runtime.now());
  const reminders = await queueReminders(runtime.db, data.events, context, runtime.now());
  const retention = await applyRetention(runtime.db, data.events, data.catalogue, runtime.retentionDays, runtime.now());
  const follow = data.follow ? await runFollowStep(runtime.db, data.follow, runtime.links, runtime.now()) : undefined;
  const supports = data.requests ? await applySupportRetention(runtime.db, data.requests, runtime.now()) : undefined;
  if (changes.queued + reminders + pools + (follow ? follow.announced + follow.digests : 0) > 0) runtime.mailQueued?.();
  return { pools, changes, reminders, retention, follow, supports };
}

/** A log line of counts only (never an address, a code or an event's reader-facing text); undefined when nothing happened. */
export function describeRun({ pools, changes, reminders, retention, follow, supports }: JobReport): string | undefined {
  const parts: string[] = [];
  if (pools > 0) parts.push(`zamrożone pule losowań ${pools}`);
  if (changes.changed + changes.queued > 0) parts.push(`zmiany wydarzeń ${changes.changed}, powiadomienia ${changes.queued}`);
  if (changes.firstSeen > 0) parts.push(`nowe wydarzenia ${changes.firstSeen}`);
  if (reminders > 0) parts.push(`przypomnienia ${reminders}`);
  if (retention.erased + retention.expiredUnconfirmed > 0) parts.push(`usunięte dane zgłoszeń ${retention.erased} (po terminie), ${retention.expiredUnconfirmed} (niepotwierdzone)`);
  if (retention.emailsDeleted > 0) parts.push(`usunięte wiadomości ${retention.emailsDeleted}`);
  if (retention.unknownProgrammes > 0) parts.push(`programy, których nie ma już na stronie: ${retention.unknownProgrammes} (ich dane czekają na termin usunięcia; panel pracowników je pokazuje)`);
  const followed = follow && describeFollowStep(follow);
  if (followed) parts.push(followed);
  const supporters = supports && describeSupportRetention(supports);
  if (supporters) parts.push(supporters);
  return parts.length > 0 ? `Powiadomienia: ${parts.join('; ')}.` : undefined;
}
