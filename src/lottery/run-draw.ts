/**
 * The draw itself (issue 6, steps 3 and 4): staff enter the values the
 * announced sources took, once they are public; the pool frozen before is
 * ordered by RFC 3797 (src/draw/), the first `capacity` live codes get
 * places and the rest form the waiting list in drawn order. Everyone in the
 * pool is emailed. All of it commits in one transaction with the protocol,
 * and the database refuses any second attempt (migration 0005's trigger,
 * plus `WHERE state = 'frozen'` here). Who ran it and when goes into the
 * audit log in the same transaction.
 *
 * A code withdrawn after the pool froze stays in the pool (a published pool
 * never changes) and keeps its drawn position, but gets no place: places go
 * to the first `capacity` codes in drawn order that are still live, exactly
 * as if the withdrawal had come after the draw and freed a place for the
 * first on the waiting list.
 *
 * With seat quotas (issue 14) the places are the stratified walk's
 * (src/draw/stratified.ts): the protocol is format /2, and a code withdrawn
 * since the freeze leaves its place to the promotion rule (live-places.ts).
 *
 * The draw goes by the announcement recorded when enrolment opened
 * (announcement.ts), never by content as it is now: the sources, the draw
 * date, the capacity and the close of enrolment are the recorded ones, and
 * the protocol carries the record. While content says something else (a file
 * edited by hand past the CMS and the build), the draw refuses to run and
 * says what differs.
 */
import type { Database, Queryable } from '../db/database.ts';
import { DrawInputError } from '../draw/errors.ts';
import { buildProtocol, sourceFromInput, type DrawProtocol, type FrozenPool } from '../draw/protocol.ts';
import { type CatalogueEntry, isLottery } from '../catalogue/catalogue.ts';
import type { LinkSigner } from '../http/links.ts';
import { lockProgrammePlaces } from '../enrolment/capacity.ts';
import { recordPromotion } from '../enrolment/waitlist.ts';
import { enqueueTemplatedEmails } from '../mail/outbox-bulk.ts';
import { escapeHtml } from '../lib/html.ts';
import { recordAudit } from '../panel/audit.ts';
import type { Difference } from '../draw/announcement.ts';
import { announcedEntry, announcementFor, conflictsOf } from '../draw/announcement-record.ts';
import { drawResultStandIns, drawResultTemplates } from './emails.ts';
import { freezeIfDue, poolFreezesAt, resultsPath } from './freeze.ts';
import { storeProtocolFile } from './files.ts';
import { livePlaces } from '../draw/live-places.ts';
import { quotasOfFacts } from '../draw/announcement.ts';

export interface DrawInput {
  /** The value each announced source took, in the announced order (as typed: numbers separated by spaces or commas, or text). */
  values: readonly string[];
  /** Who entered them: the staff member's id, for the draws row and the audit log (src/panel/audit.ts). */
  staffId: string;
  now: Date;
  links: LinkSigner;
}

export type DrawOutcome =
  | { kind: 'drawn'; protocol: DrawProtocol; accepted: number; waitlisted: number }
  /** The pool fitted: decided when it froze, nothing to draw. */
  | { kind: 'not-needed' }
  | { kind: 'already-drawn' }
  | { kind: 'too-early'; reason: 'pool-open' | 'before-draw-date'; at: Date }
  | { kind: 'invalid'; errors: { source: number; message: string }[] }
  /** Content no longer says what was announced: nothing runs until it does again (or a correction is recorded). */
  | { kind: 'conflict'; differences: Difference[] }
  | { kind: 'not-a-lottery' };

interface DrawRow {
  [column: string]: unknown;
  state: string;
  capacity: number;
  pool: string[];
  pool_sha256: string;
  frozen_at: Date;
  pool_categories: string[] | null;
  pool_values: string[][] | string | null;
}

/** The sources as staff typed them, checked one by one so each mistake names its source. */
export function sourcesOf(entry: CatalogueEntry, values: readonly string[]) {
  const announced = entry.enrolment.drawSources;
  const errors: { source: number; message: string }[] = [];
  const sources = announced.map((s, i) => {
    const value = values[i]?.trim() ?? '';
    if (value === '') {
      errors.push({ source: i, message: `Wpisz wartość źródła „${s.description}”.` });
      return undefined;
    }
    try {
      return sourceFromInput(s.description, s.kind, value);
    } catch (error) {
      if (!(error instanceof DrawInputError)) throw error;
      errors.push({ source: i, message: `${s.description}: ${error.message}` });
      return undefined;
    }
  });
  return errors.length > 0 ? { errors } : { sources: sources.filter((s) => s !== undefined) };
}

export async function runDraw(db: Database, current: CatalogueEntry, input: DrawInput): Promise<DrawOutcome> {
  if (!isLottery(current)) return { kind: 'not-a-lottery' };
  const { now } = input;
  const record = await announcementFor(db, current, now);
  const conflicts = record ? conflictsOf(record, current.enrolment, current.id) : [];
  if (conflicts.length > 0) return { kind: 'conflict', differences: conflicts };
  const entry = announcedEntry(current, record);
  if (now < poolFreezesAt(entry)) return { kind: 'too-early', reason: 'pool-open', at: poolFreezesAt(entry) };
  const drawDate = entry.enrolment.drawDate;
  if (drawDate && now < drawDate) return { kind: 'too-early', reason: 'before-draw-date', at: drawDate };
  const parsed = sourcesOf(entry, input.values);
  if ('errors' in parsed) return { kind: 'invalid', errors: parsed.errors };
  await freezeIfDue(db, current, { links: input.links, now });

  return db.transaction(async (tx): Promise<DrawOutcome> => {
    await lockProgrammePlaces(tx, entry.id);
    const { rows } = await tx.query<DrawRow>('SELECT state, capacity, pool, pool_sha256, frozen_at, pool_categories, pool_values FROM draws WHERE programme_id = $1 FOR UPDATE', [entry.id]);
    const row = rows[0];
    if (!row) return { kind: 'too-early', reason: 'pool-open', at: poolFreezesAt(entry) };
    if (row.state === 'not-needed') return { kind: 'not-needed' };
    if (row.state !== 'frozen') return { kind: 'already-drawn' };
    const values = typeof row.pool_values === 'string' ? (JSON.parse(row.pool_values) as string[][]) : row.pool_values;
    const pool: FrozenPool = { codes: row.pool, sha256: row.pool_sha256, frozenAt: row.frozen_at.toISOString(), ...(row.pool_categories && values ? { categories: row.pool_categories, values } : {}) };
    const quotas = record ? quotasOfFacts(record.facts) : undefined;
    const protocol = buildProtocol({ programme: { id: entry.id, title: entry.title }, capacity: row.capacity, pool, sources: parsed.sources, at: now, announcement: record, quotas });
    if (protocol.outcome !== 'draw') throw new Error('a frozen pool larger than its capacity gave no draw');
    const { rowCount } = await tx.query(
      `UPDATE draws SET state = 'drawn', protocol = $2, decided_at = $3, decided_by = $4 WHERE programme_id = $1 AND state = 'frozen'`,
      [entry.id, JSON.stringify(protocol), now, input.staffId],
    );
    if (rowCount !== 1) return { kind: 'already-drawn' };
    await storeProtocolFile(tx, entry.id, protocol, now);
    const placed = await assignPlaces(tx, entry, protocol, input);
    await recordAudit(tx, {
      staffId: input.staffId,
      action: 'draw',
      programmeId: entry.id,
      target: protocol.pool.sha256,
      detail: `pula ${protocol.pool.codes.length}, miejsc ${protocol.capacity}, przyjęto ${placed.accepted}, lista rezerwowa ${placed.waitlisted}`,
      at: now,
    });
    return { kind: 'drawn', protocol, ...placed };
  });
}

/**
 * Statuses and emails in drawn order: the first `capacity` live codes
 * accepted, the others waitlisted in order. Bulk statements (issue 13): one
 * UPDATE from arrays for every status — sent before the emails are prepared,
 * so the database writes while this process prepares the emails — and the
 * emails as two templates and each person's code, position and withdrawal
 * link, filled in by the database a few thousand rows per INSERT
 * (drawResultTemplates, src/mail/outbox-bulk.ts).
 */
async function assignPlaces(tx: Queryable, entry: CatalogueEntry, protocol: DrawProtocol, { links, now }: DrawInput) {
  const { rows } = await tx.query<{ id: string; registration_code: string; email: string }>(
    `SELECT id, registration_code, email FROM applications WHERE programme_id = $1 AND status = 'confirmed' FOR UPDATE`,
    [entry.id],
  );
  const live = new Map(rows.map((r) => [r.registration_code, r]));
  // Codes withdrawn since the pool froze take no place (live-places.ts; with quotas, their places go by the promotion rule).
  const places = livePlaces(protocol, (code) => live.has(code));
  const placed: { application: { id: string; registration_code: string; email: string }; waitlisted: number | null }[] = [
    ...places.accepted.map((code) => ({ application: live.get(code)!, waitlisted: null })),
    ...places.waiting.map((code, i) => ({ application: live.get(code)!, waitlisted: i + 1 })),
  ];
  const accepted = places.accepted.length;
  const waitlisted = places.waiting.length;
  // With quotas, each place left by a code withdrawn since the freeze went by the promotion rule: published like later ones.
  for (const promotion of places.promotions) await recordPromotion(tx, entry.id, promotion, now);
  const updated = tx.query(
    `UPDATE applications AS a SET status = u.status, waitlist_number = u.waitlist_number
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS u (id, status, waitlist_number)
      WHERE a.id = u.id`,
    [placed.map((p) => p.application.id), placed.map((p) => (p.waitlisted === null ? 'accepted' : 'waitlisted')), placed.map((p) => p.waitlisted)],
  );
  const { accepted: acceptedEmail, waitlisted: waitlistedEmail } = drawResultTemplates(entry, links.absolute(resultsPath(entry.id)));
  const emails = placed.map(({ application, waitlisted: position }) => {
    const withdrawUrl = links.withdrawUrl(application.id);
    const positionText = position === null ? '' : String(position);
    return {
      template: position === null ? 0 : 1,
      dedupeKey: `draw-result:${application.id}`,
      to: application.email,
      text: [application.registration_code, positionText, withdrawUrl],
      html: [escapeHtml(application.registration_code), positionText, escapeHtml(withdrawUrl)],
    };
  });
  await updated;
  await enqueueTemplatedEmails(tx, { kind: 'draw-result', templates: [acceptedEmail, waitlistedEmail], names: drawResultStandIns, emails }, now);
  return { accepted, waitlisted };
}
