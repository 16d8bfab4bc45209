/**
 * The recorded announcement of a lottery (issue 11 §2): what the programme
 * announced — sources, draw date, capacity, mode, enrolment window — stored
 * once when its enrolment opens, in the canonical form of
 * src/draw/announcement.ts, and from then on the only version the draw uses.
 *
 * When it is recorded, whichever comes first:
 *   - before the first application is stored (sign-up.ts calls
 *     `ensureAnnounced` before writing, and a failure stops the sign-up), so
 *     no application ever exists without the announcement it relied on. It
 *     is a statement of its own rather than part of the sign-up's: the
 *     sign-up writer puts many people's rows, for several programmes, into
 *     one statement (sign-up-writer.ts), and committing the record first
 *     gives the same guarantee without slowing that path down;
 *   - when the scheduled job, the results page or the panel sees the window
 *     open (freeze.ts `freezeIfDue`), so the hash is public from the opening
 *     even before anyone signs up.
 * Recording is idempotent (the programme id is the primary key, `ON CONFLICT
 * DO NOTHING`): the first version wins, and migration 0007's trigger keeps
 * it from ever being rewritten except by an audited correction
 * (announcement-correction.ts).
 *
 * What content says later is compared with the record (`conflictsOf`): the
 * CMS and the build refuse a difference, the panel shows one that got
 * through anyway, and the draw refuses to run while there is one.
 */
import type { Database, Queryable } from '../db/database.ts';
import {
  announcedFacts,
  announcedFactsSchema,
  announcementSha256,
  canonicalText,
  contentFacts,
  differences,
  enrolmentOfFacts,
  type AnnouncementRecord,
  type Difference,
} from './announcement.ts';
import { isLottery, type CatalogueEntry, type Enrolment } from '../catalogue/catalogue.ts';


/** Whether its announcement is due: a lottery whose enrolment has opened. */
const announcementDue = (entry: CatalogueEntry, now: Date): boolean => isLottery(entry) && now >= entry.enrolment.opens;

interface AnnouncementRow {
  [column: string]: unknown;
  programme_id: string;
  canonical: string;
  sha256: string;
  recorded_at: Date;
}

interface CorrectionRow {
  [column: string]: unknown;
  programme_id: string;
  source_number: number;
  description_before: string;
  description_after: string;
  reason: string;
  corrected_at: Date;
  sha256_before: string;
  sha256_after: string;
}

/** Records the entry's announcement unless one exists; returns whether this call recorded it. */
async function recordAnnouncement(q: Queryable, entry: CatalogueEntry, now: Date): Promise<boolean> {
  const facts = announcedFacts(entry.id, entry.enrolment);
  const text = canonicalText(facts);
  const { rowCount } = await q.query(
    `INSERT INTO lottery_announcements (programme_id, canonical, sha256, original_canonical, original_sha256, recorded_at)
     VALUES ($1, $2, $3, $2, $3, $4) ON CONFLICT (programme_id) DO NOTHING`,
    [entry.id, text, announcementSha256(facts), now],
  );
  return rowCount === 1;
}

/** Programmes known to be recorded, per database: a record never disappears, so each is asked once per process. */
const recorded = new WeakMap<Database, Set<string>>();

/**
 * Makes sure a due announcement is recorded (nothing for other entries).
 * Cheap on the sign-up path: after the first success in this process, no
 * query at all. Throws what the database throws, so a caller storing an
 * application stops instead of storing it unannounced.
 */
export async function ensureAnnounced(db: Database, entry: CatalogueEntry, now: Date): Promise<void> {
  if (!announcementDue(entry, now)) return;
  let known = recorded.get(db);
  if (!known) recorded.set(db, (known = new Set()));
  if (known.has(entry.id)) return;
  await recordAnnouncement(db, entry, now);
  known.add(entry.id);
}

/** The record of a programme, with its corrections oldest first; undefined when none was made. */
export async function readAnnouncement(q: Queryable, programmeId: string): Promise<AnnouncementRecord | undefined> {
  const { rows } = await q.query<AnnouncementRow>('SELECT programme_id, canonical, sha256, recorded_at FROM lottery_announcements WHERE programme_id = $1', [programmeId]);
  const row = rows[0];
  if (!row) return undefined;
  const { rows: corrections } = await q.query<CorrectionRow>(
    `SELECT programme_id, source_number, description_before, description_after, reason, corrected_at, sha256_before, sha256_after
       FROM lottery_announcement_corrections WHERE programme_id = $1 ORDER BY id`,
    [programmeId],
  );
  return recordOf(row, corrections);
}

/** Every record, for the build's check (src/integrations/announcement-lock.ts) and the file the server hands it. */
export async function allAnnouncements(q: Queryable): Promise<AnnouncementRecord[]> {
  const { rows } = await q.query<AnnouncementRow>('SELECT programme_id, canonical, sha256, recorded_at FROM lottery_announcements ORDER BY programme_id');
  const { rows: corrections } = await q.query<CorrectionRow>(
    `SELECT programme_id, source_number, description_before, description_after, reason, corrected_at, sha256_before, sha256_after
       FROM lottery_announcement_corrections ORDER BY id`,
  );
  return rows.map((row) => recordOf(row, corrections.filter((c) => c.programme_id === row.programme_id)));
}

function recordOf(row: AnnouncementRow, corrections: readonly CorrectionRow[]): AnnouncementRecord {
  return {
    // Written by this module from the same schema; parsing again proves the stored text is still canonical facts.
    facts: announcedFactsSchema.parse(JSON.parse(row.canonical)),
    sha256: row.sha256,
    recordedAt: new Date(row.recorded_at).toISOString(),
    corrections: corrections.map((c) => ({
      correctedAt: new Date(c.corrected_at).toISOString(),
      source: c.source_number,
      before: c.description_before,
      after: c.description_after,
      reason: c.reason,
      sha256Before: c.sha256_before,
      sha256After: c.sha256_after,
    })),
  };
}

/**
 * The due record of a lottery, made now if it is missing (a database from
 * before migration 0007, or applications written by other means); undefined
 * before its enrolment opens or for other programmes.
 */
export async function announcementFor(db: Database, entry: CatalogueEntry, now: Date): Promise<AnnouncementRecord | undefined> {
  if (!announcementDue(entry, now)) return undefined;
  const found = await readAnnouncement(db, entry.id);
  if (found) return found;
  await recordAnnouncement(db, entry, now);
  return readAnnouncement(db, entry.id);
}

/** Where the content differs from the record (the CMS's labels, Polish values); empty when it agrees. */
export function conflictsOf(record: AnnouncementRecord, enrolment: Enrolment | undefined, programmeId: string): Difference[] {
  return differences(record.facts, enrolment ? contentFacts(programmeId, enrolment) : undefined);
}

/** The entry with its announced facts as recorded: what the freeze and the draw go by. */
export function announcedEntry(entry: CatalogueEntry, record: AnnouncementRecord | undefined): CatalogueEntry {
  if (!record) return entry;
  const facts = enrolmentOfFacts(record.facts);
  // The record was made from a valid enrolment block, so its mode and quota names are the content's own.
  return { ...entry, enrolment: { ...entry.enrolment, ...facts, mode: facts.mode as Enrolment['mode'], quotas: facts.quotas as Enrolment['quotas'] } };
}
