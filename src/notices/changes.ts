/**
 * Change notices: compares every event with what the job saw last time
 * (table event_snapshots) and, for a real change, queues one email per
 * participant through the outbox, in the same transaction that records the
 * new snapshot — so a notice exists exactly when the change was recorded.
 *
 * Run twice, or on two instances at once, it still queues each notice once:
 * the snapshot row is locked (FOR UPDATE) while an event is handled, so the
 * second run waits and then finds nothing new; and the dedupe keys name
 * application, event, revision and fingerprint, so even a replay of the same
 * change could not queue a second email.
 */
import type { Database, Queryable } from '../db/database.ts';
import { enqueueEmails, type QueuedEmail } from '../mail/outbox.ts';
import { changeNoticeEmail } from './emails.ts';
import type { EventsFile, PublicEvent } from './events-file.ts';
import { decide, fingerprintOf, stateOf, type ChangedField, type EventState } from './fingerprint.ts';
import { changeKey, pageUrlOf, participantsOf, programmeTitleOf, toldAboutChanges, type NoticeContext } from './participants.ts';
import { programmesConcerned } from './rules.ts';

export interface ChangeReport {
  /** Events seen for the first time (recorded as the baseline). */
  firstSeen: number;
  /** Events whose snapshot changed. */
  changed: number;
  /** Notices queued. */
  queued: number;
}

interface Snapshot {
  [column: string]: unknown;
  fingerprint: string;
  state: EventState;
  revision: number;
}

export async function announceChanges(db: Database, data: EventsFile, context: NoticeContext, now: Date): Promise<ChangeReport> {
  const report: ChangeReport = { firstSeen: 0, changed: 0, queued: 0 };
  const { rows } = await db.query<{ event_id: string; fingerprint: string }>('SELECT event_id, fingerprint FROM event_snapshots');
  const known = new Map(rows.map((row) => [row.event_id, row.fingerprint]));
  for (const event of data.events) {
    const state = stateOf(event);
    const fingerprint = fingerprintOf(state);
    if (known.get(event.id) === fingerprint) continue; // the usual case: nothing to lock, nothing to do
    const outcome = await db.transaction((tx) => handleEvent(tx, event, state, fingerprint, context, now));
    if (outcome.kind === 'first-seen') report.firstSeen++;
    if (outcome.kind === 'changed') report.changed++;
    report.queued += outcome.queued;
  }
  return report;
}

async function handleEvent(tx: Queryable, event: PublicEvent, state: EventState, fingerprint: string, context: NoticeContext, now: Date) {
  const { rows: inserted } = await tx.query(
    `INSERT INTO event_snapshots (event_id, revision, fingerprint, state, first_seen_at, changed_at)
     VALUES ($1, 0, $2, $3::jsonb, $4, $4)
     ON CONFLICT (event_id) DO NOTHING
     RETURNING event_id`,
    [event.id, fingerprint, JSON.stringify(state), now],
  );
  if (inserted.length === 1) {
    const decision = decide(undefined, state, now);
    const queued = decision.kind === 'first-seen' && decision.notify ? await queueNotices(tx, event, undefined, [], 0, fingerprint, context, now) : 0;
    return { kind: 'first-seen' as const, queued };
  }
  // Another run may be handling this event: wait for it, then read what it recorded.
  const { rows } = await tx.query<Snapshot>('SELECT fingerprint, state, revision FROM event_snapshots WHERE event_id = $1 FOR UPDATE', [event.id]);
  const before = rows[0];
  if (!before || before.fingerprint === fingerprint) return { kind: 'unchanged' as const, queued: 0 };
  const decision = decide(before.state, state, now);
  if (decision.kind !== 'changed') return { kind: 'unchanged' as const, queued: 0 };
  const revision = before.revision + 1;
  await tx.query(
    'UPDATE event_snapshots SET revision = $2, fingerprint = $3, state = $4::jsonb, changed_at = $5 WHERE event_id = $1',
    [event.id, revision, fingerprint, JSON.stringify(state), now],
  );
  // A reminder still waiting was written for the old details (or for an event now cancelled): drop it;
  // the reminder job queues a fresh one if one is due for the event as it is now.
  await tx.query(`DELETE FROM outbox WHERE kind = 'event-reminder' AND status = 'pending' AND split_part(dedupe_key, ':', 3) = $1`, [event.id]);
  const queued = decision.notify ? await queueNotices(tx, event, before.state, decision.fields, revision, fingerprint, context, now) : 0;
  return { kind: 'changed' as const, queued };
}

async function queueNotices(
  tx: Queryable,
  event: PublicEvent,
  before: EventState | undefined,
  fields: readonly ChangedField[],
  revision: number,
  fingerprint: string,
  context: NoticeContext,
  now: Date,
): Promise<number> {
  const people = await participantsOf(tx, programmesConcerned(event, context.programmes), toldAboutChanges);
  if (people.length === 0) return 0;
  const programmeTitle = programmeTitleOf(event, context.programmes);
  const pageUrl = pageUrlOf(event, context.siteUrl);
  const emails: QueuedEmail[] = people.map((person) => ({
    ...changeNoticeEmail({
      event,
      before,
      fields,
      programmeTitle,
      pageUrl,
      code: person.registration_code,
      waitlisted: person.status === 'waitlisted',
      withdrawUrl: context.links.withdrawUrl(person.id),
    }),
    kind: 'event-change',
    dedupeKey: changeKey(person.id, event.id, revision, fingerprint),
    to: person.email,
  }));
  return enqueueEmails(tx, emails, now);
}
