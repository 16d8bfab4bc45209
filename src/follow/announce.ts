/**
 * Sends each recorded change (follow_changes) to the people who follow it
 * "at once": one email per change per address, even when the address
 * follows several of the change's targets (the programme and its topic),
 * queued through the outbox in the transaction that marks the change
 * announced. A change is locked while it is handled (FOR UPDATE SKIP
 * LOCKED: a second run takes the next one), and each email's dedupe key
 * names change and follow, so neither a second run nor a crash halfway
 * can send it twice. Only people who had confirmed by the time the change
 * was recorded are told; later ones see it on the page.
 */
import type { Database, Queryable } from '../db/database.ts';
import { enqueueEmails, type QueuedEmail } from '../mail/outbox.ts';
import type { LinkSigner } from '../http/links.ts';
import type { ChangeKind } from './decide.ts';
import type { ChangeContent } from './changes.ts';
import { changeEmail } from './emails.ts';
import { emailLabel, type TargetLabeller } from './labels.ts';
import { unsubscribeUrl } from './links.ts';

export interface RecordedChange {
  [column: string]: unknown;
  id: string;
  kind: ChangeKind;
  targets: string[];
  content: ChangeContent;
  recorded_at: Date;
}

export interface AnnounceContext {
  links: LinkSigner;
  labels: TargetLabeller;
}

/** Announces every change not yet announced; returns the number of emails queued. */
export async function announceChanges(db: Database, context: AnnounceContext, now: Date): Promise<number> {
  let queued = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const { rows } = await tx.query<RecordedChange>(
        `SELECT id::text AS id, kind, targets, content, recorded_at FROM follow_changes
          WHERE announced_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const change = rows[0];
      if (!change) return undefined;
      const count = await queueForChange(tx, change, context, now);
      await tx.query('UPDATE follow_changes SET announced_at = $2 WHERE id = $1', [change.id, now]);
      return count;
    });
    if (done === undefined) return queued;
    queued += done;
  }
}

async function queueForChange(tx: Queryable, change: RecordedChange, context: AnnounceContext, now: Date): Promise<number> {
  const { rows: people } = await tx.query<{ id: string; email: string; target: string }>(
    `SELECT DISTINCT ON (lower(email)) id, email, target FROM follows
      WHERE status = 'active' AND frequency = 'immediate' AND target = ANY($1::text[]) AND confirmed_at <= $2
      ORDER BY lower(email), confirmed_at, id`,
    [change.targets, change.recorded_at],
  );
  if (people.length === 0) return 0;
  const pageUrl = context.links.absolute(change.content.page);
  // One body per target followed, the unsubscribe link filled per person.
  const emails: QueuedEmail[] = people.map((person) => {
    const unsubscribe = unsubscribeUrl(context.links, person.id);
    return {
      ...changeEmail({ kind: change.kind, content: change.content, pageUrl, followed: emailLabel(context.labels, person.target), unsubscribeUrl: unsubscribe }),
      kind: 'follow-change',
      dedupeKey: `follow-change:${change.id}:${person.id}`,
      to: person.email,
      listUnsubscribe: unsubscribe,
    };
  });
  return enqueueEmails(tx, emails, now);
}
