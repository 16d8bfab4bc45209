/**
 * The follow step of the scheduled job (src/notices/run.ts calls it after
 * the change notices): record what changed in the public file, send each
 * change to those following it at once, queue the digests of the days that
 * have ended, and erase what is no longer needed. Every email goes through
 * the outbox; running twice, or two at once, sends nothing twice
 * (changes.ts, announce.ts, digest.ts).
 */
import type { Database } from '../db/database.ts';
import type { LinkSigner } from '../http/links.ts';
import { announceChanges } from './announce.ts';
import { detectChanges, type DetectionReport } from './changes.ts';
import { queueDigests } from './digest.ts';
import type { FollowFeed } from './feed.ts';
import { targetLabels } from './labels.ts';

export interface FollowReport extends DetectionReport {
  /** Emails queued at once, one per change and address. */
  announced: number;
  /** Digest emails queued. */
  digests: number;
  /** Unconfirmed follows erased after their link expired. */
  expired: number;
}

/** Recorded changes are kept this long (no personal data; the digests look back a week at most). */
const changeRetentionMs = 35 * 24 * 3_600_000;

export async function runFollowStep(db: Database, feed: FollowFeed, links: LinkSigner, now: Date): Promise<FollowReport> {
  const detected = await detectChanges(db, feed, now);
  const context = { links, labels: targetLabels(feed) };
  const announced = await announceChanges(db, context, now);
  const digests = await queueDigests(db, context, now);
  const { rowCount: expired } = await db.query(`DELETE FROM follows WHERE status = 'pending' AND confirmation_expires_at <= $1`, [now]);
  await db.query('DELETE FROM follow_changes WHERE announced_at IS NOT NULL AND recorded_at < $1', [new Date(now.getTime() - changeRetentionMs)]);
  return { ...detected, announced, digests, expired };
}

/** The log's words for a run: counts only; undefined when nothing happened. */
export function describeFollowStep(report: FollowReport): string | undefined {
  const parts: string[] = [];
  if (report.baseline > 0) parts.push(`stan wyjściowy ${report.baseline}`);
  if (report.news > 0) parts.push(`zmiany ${report.news}`);
  if (report.announced > 0) parts.push(`wiadomości ${report.announced}`);
  if (report.digests > 0) parts.push(`podsumowania dnia ${report.digests}`);
  if (report.expired > 0) parts.push(`usunięte niepotwierdzone ${report.expired}`);
  return parts.length > 0 ? `obserwowane: ${parts.join(', ')}` : undefined;
}
