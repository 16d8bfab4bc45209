/**
 * Change detection: compares every item of /dane/obserwowane.json with what
 * the job saw last time (table follow_items) and records each piece of news
 * (decide.ts) once in follow_changes, in the same transaction that records
 * the new state. Sending is announce.ts's and digest.ts's.
 *
 * Exactly once, however often or however many at once the job runs: an
 * item's row is locked (FOR UPDATE) while it is compared, so a second run
 * waits and then finds nothing new; a change's key names the item and its
 * revision (UNIQUE), so even a replay cannot record it twice.
 *
 * The first sight of a kind (the job's first run, or requests appearing in
 * the file) records every item of that kind as the baseline, announcing
 * nothing, in one transaction with the kind's row, so a run beside it cannot
 * take those items for new ones. Deleting an item from the content
 * announces nothing.
 */
import type { Database, Queryable } from '../db/database.ts';
import { itemKey, type FeedItem, type FollowFeed } from './feed.ts';
import { decide, fingerprintOf, type ChangeKind, type ItemState } from './decide.ts';

export interface DetectionReport {
  /** Items recorded as a kind's baseline. */
  baseline: number;
  /** Items whose state changed (news or not). */
  changed: number;
  /** Pieces of news recorded. */
  news: number;
}

/** What an email says of a change: public words only. */
export interface ChangeContent {
  [key: string]: unknown;
  itemKind: FeedItem['kind'];
  title: string;
  page: string;
  context?: string | undefined;
  status?: string | undefined;
  answer?: string | undefined;
  start?: string | undefined;
}

export async function detectChanges(db: Database, feed: FollowFeed, now: Date): Promise<DetectionReport> {
  const report: DetectionReport = { baseline: 0, changed: 0, news: 0 };
  const { rows: kinds } = await db.query<{ kind: string }>('SELECT kind FROM follow_kinds');
  for (const kind of feed.kinds.filter((k) => !kinds.some((row) => row.kind === k))) {
    report.baseline += await db.transaction((tx) => baseline(tx, kind, feed.items.filter((i) => i.kind === kind), now));
  }
  const { rows } = await db.query<{ item_key: string; fingerprint: string }>('SELECT item_key, fingerprint FROM follow_items');
  const known = new Map(rows.map((row) => [row.item_key, row.fingerprint]));
  for (const item of feed.items) {
    const fingerprint = fingerprintOf(item.state);
    if (known.get(itemKey(item)) === fingerprint) continue; // the usual case: nothing to lock
    const outcome = await db.transaction((tx) => handleItem(tx, item, fingerprint, now));
    if (outcome !== 'unchanged') report.changed++;
    if (outcome === 'news') report.news++;
  }
  return report;
}

/** Records a kind's items as seen, announcing nothing; 0 when another run took the kind first. */
async function baseline(tx: Queryable, kind: string, items: readonly FeedItem[], now: Date): Promise<number> {
  const { rows } = await tx.query('INSERT INTO follow_kinds (kind, baseline_at) VALUES ($1, $2) ON CONFLICT (kind) DO NOTHING RETURNING kind', [kind, now]);
  if (rows.length === 0) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO follow_items (item_key, fingerprint, state, seen_at)
     SELECT k, f, s::jsonb, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS i (k, f, s)
     ON CONFLICT (item_key) DO NOTHING`,
    [items.map(itemKey), items.map((i) => fingerprintOf(i.state)), items.map((i) => JSON.stringify(i.state)), now],
  );
  return rowCount;
}

async function handleItem(tx: Queryable, item: FeedItem, fingerprint: string, now: Date): Promise<'unchanged' | 'changed' | 'news'> {
  const key = itemKey(item);
  const { rows: inserted } = await tx.query(
    `INSERT INTO follow_items (item_key, fingerprint, state, seen_at) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (item_key) DO NOTHING RETURNING item_key`,
    [key, fingerprint, JSON.stringify(item.state), now],
  );
  let before: ItemState | undefined;
  let revision = 0;
  if (inserted.length === 0) {
    // Another run may be handling this item: wait for it, then read what it recorded.
    const { rows } = await tx.query<{ fingerprint: string; state: ItemState; revision: number }>(
      'SELECT fingerprint, state, revision FROM follow_items WHERE item_key = $1 FOR UPDATE',
      [key],
    );
    const row = rows[0];
    if (!row || row.fingerprint === fingerprint) return 'unchanged';
    before = row.state;
    revision = row.revision + 1;
    await tx.query('UPDATE follow_items SET revision = $2, fingerprint = $3, state = $4::jsonb, seen_at = $5 WHERE item_key = $1', [
      key,
      revision,
      fingerprint,
      JSON.stringify(item.state),
      now,
    ]);
  }
  const news = decide(item.kind, before, item.state, now);
  if (news === undefined) return 'changed';
  await recordChange(tx, `${key}:${revision}`, news, item, now);
  return 'news';
}

async function recordChange(tx: Queryable, changeKey: string, kind: ChangeKind, item: FeedItem, now: Date): Promise<void> {
  const content: ChangeContent = {
    itemKind: item.kind,
    title: item.title,
    page: item.page,
    ...(item.context ? { context: item.context } : {}),
    ...(item.state.status ? { status: item.state.status } : {}),
    ...(item.state.answer ? { answer: item.state.answer } : {}),
    ...(item.state.start ? { start: item.state.start } : {}),
  };
  await tx.query(
    `INSERT INTO follow_changes (change_key, kind, item_key, targets, content, recorded_at)
     VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6)
     ON CONFLICT (change_key) DO NOTHING`,
    [changeKey, kind, itemKey(item), item.targets, JSON.stringify(content), now],
  );
}
