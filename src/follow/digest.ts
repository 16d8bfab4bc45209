/**
 * The daily digest: for each Warsaw day that has ended (sent from 7:00 the
 * next morning), one email per
 * address with a daily follow, listing the day's changes it follows — each
 * change once, and none that the address already had at once through
 * another follow. Queued through the outbox in one transaction with the
 * day's row in follow_digest_days: a second run waits on that row and then
 * skips the day; each email's dedupe key names day and follow, so a replay
 * cannot queue it twice. A job that was down catches up on at most
 * `maxCatchUpDays` days.
 */
import type { Database, Queryable } from '../db/database.ts';
import { enqueueEmails, type QueuedEmail } from '../mail/outbox.ts';
import { warsawDay } from '../lib/dates.ts';
import { offsetMinutes } from '../lib/time-zone.ts';
import type { RecordedChange, AnnounceContext } from './announce.ts';
import { digestEmail } from './emails.ts';
import { emailLabel } from './labels.ts';
import { unsubscribeUrl } from './links.ts';

const maxCatchUpDays = 7;
/** A day's digest goes out at the first run from 7:00 the next morning (Warsaw), not at midnight. */
const sendFromHour = 7;
const dayMs = 24 * 3_600_000;

/** The instant a Warsaw day (YYYY-MM-DD) begins. */
export function warsawMidnight(day: string): Date {
  const utc = Date.parse(`${day}T00:00:00Z`);
  // The clocks change at 01:00 UTC, so two hours before midnight UTC the offset is midnight's.
  return new Date(utc - offsetMinutes(new Date(utc - 2 * 3_600_000), 'Europe/Warsaw') * 60_000);
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - dayMs).toISOString().slice(0, 10);

/** Queues the digests of every ended day not yet done; returns the number of emails queued. */
export async function queueDigests(db: Database, context: AnnounceContext, now: Date): Promise<number> {
  const yesterday = dayBefore(warsawDay(new Date(now.getTime() - sendFromHour * 3_600_000)));
  const { rows } = await db.query<{ day: string }>(`SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM follow_digest_days`);
  const last = rows[0]?.day ?? dayBefore(yesterday);
  const days: string[] = [];
  for (let day = yesterday; day > last && days.length < maxCatchUpDays; day = dayBefore(day)) days.unshift(day);
  let queued = 0;
  for (const day of days) queued += await db.transaction((tx) => queueDay(tx, day, context, now));
  return queued;
}

async function queueDay(tx: Queryable, day: string, context: AnnounceContext, now: Date): Promise<number> {
  const { rows: claimed } = await tx.query('INSERT INTO follow_digest_days (day, queued_at) VALUES ($1::date, $2) ON CONFLICT (day) DO NOTHING RETURNING day', [day, now]);
  if (claimed.length === 0) return 0;
  const from = warsawMidnight(day);
  const to = warsawMidnight(new Date(Date.parse(`${day}T12:00:00Z`) + dayMs).toISOString().slice(0, 10));
  const { rows: people } = await tx.query<{ follow_id: string; email: string; target: string; changes: string[] }>(
    `WITH day_changes AS (
       SELECT id, targets, recorded_at FROM follow_changes WHERE recorded_at >= $1 AND recorded_at < $2),
     matches AS (
       SELECT f.id, f.email, f.target, f.frequency, lower(f.email) AS person, c.id AS change_id
         FROM follows f JOIN day_changes c ON f.target = ANY(c.targets)
        WHERE f.status = 'active' AND f.confirmed_at <= c.recorded_at),
     told AS (SELECT DISTINCT person, change_id FROM matches WHERE frequency = 'immediate')
     SELECT (array_agg(m.id::text ORDER BY m.id))[1] AS follow_id, min(m.email) AS email,
            (array_agg(m.target ORDER BY m.id))[1] AS target, array_agg(DISTINCT m.change_id::text) AS changes
       FROM matches m
      WHERE m.frequency = 'daily' AND NOT EXISTS (SELECT 1 FROM told t WHERE t.person = m.person AND t.change_id = m.change_id)
      GROUP BY m.person`,
    [from, to],
  );
  if (people.length === 0) return 0;
  const { rows: changes } = await tx.query<RecordedChange>(
    'SELECT id::text AS id, kind, targets, content, recorded_at FROM follow_changes WHERE recorded_at >= $1 AND recorded_at < $2 ORDER BY id',
    [from, to],
  );
  const byId = new Map(changes.map((c) => [c.id, c]));
  const emails: QueuedEmail[] = people.map((person) => {
    const unsubscribe = unsubscribeUrl(context.links, person.follow_id);
    const entries = person.changes
      .map((id) => byId.get(id))
      .filter((c): c is RecordedChange => c !== undefined)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((c) => ({ kind: c.kind, content: c.content, pageUrl: context.links.absolute(c.content.page) }));
    return {
      ...digestEmail({ day, entries, followed: emailLabel(context.labels, person.target), unsubscribeUrl: unsubscribe }),
      kind: 'follow-digest',
      dedupeKey: `follow-digest:${day}:${person.follow_id}`,
      to: person.email,
      listUnsubscribe: unsubscribe,
    };
  });
  return enqueueEmails(tx, emails, now);
}
