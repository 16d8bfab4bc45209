/**
 * Freezing a lottery's pool (issue 6, step 2): once no more confirmations
 * can arrive, the confirmed registration codes are fixed in canonical order
 * with their SHA-256 and published, before any source of randomness is
 * known. If the pool fits the places, no draw is run: everyone is accepted
 * and that is recorded as the programme's (final) protocol.
 *
 * When: confirmation links sent just before enrolment closes work for a day
 * more (sign-up.ts confirmationGraceMs), so the pool freezes when the last of
 * them has expired — `closes` + that grace — and the page says so. Nobody can
 * join the pool after that moment, because no link still works.
 *
 * The scheduled job calls freezeDuePools; the results page and the draw call
 * freezeIfDue for their programme, so a pool is never shown unfrozen after
 * its time even if the job has not run yet. Both are idempotent: the draws
 * row is created once (primary key), under the programme's place lock.
 *
 * Both also record the lottery's announcement once its enrolment has opened
 * (announcement.ts), and go by the recorded facts — the close of enrolment,
 * the capacity, the sources, the seat quotas — never by what content says
 * now (issue 11 §2). With quotas (issue 14) each code is frozen with its
 * answers to the quota categories (district, age band), published in
 * pula.txt and covered by the pool hash.
 */
import type { Database, Queryable } from '../db/database.ts';
import { buildProtocol, freezePool } from '../draw/protocol.ts';
import { valueOfAnswer } from '../draw/quotas.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import { lockProgrammePlaces } from '../enrolment/capacity.ts';
import { isLottery, type Catalogue, type CatalogueEntry } from '../catalogue/catalogue.ts';
import type { LinkSigner } from '../http/links.ts';
import { confirmationGraceMs } from '../enrolment/sign-up.ts';
import { quotasOfFacts, type AnnouncementRecord } from '../draw/announcement.ts';
import { announcedEntry, announcementFor } from '../draw/announcement-record.ts';
import { drawResultEmail } from './emails.ts';
import { storePoolFile, storeProtocolFile } from './files.ts';


/** The applications column holding each quota category's answer (src/data/programmes.ts quotaCategories). */
const quotaColumns = { district: 'district', 'age-band': 'age_band' } as const;

export type FreezeOutcome = 'frozen' | 'not-needed' | 'exists' | 'not-due' | 'not-a-lottery';

/** When the pool of a lottery programme freezes: the close of enrolment plus the confirmation links' grace. */
export const poolFreezesAt = (entry: CatalogueEntry): Date => new Date(entry.enrolment.closes.getTime() + confirmationGraceMs);

export interface FreezeOptions {
  links: LinkSigner;
  now: Date;
}

/** Freezes the entry's pool if its time has come (by the recorded close of enrolment), recording its announcement once enrolment has opened. */
export async function freezeIfDue(db: Database, entry: CatalogueEntry, options: FreezeOptions): Promise<FreezeOutcome> {
  if (!isLottery(entry)) return 'not-a-lottery';
  const record = await announcementFor(db, entry, options.now);
  const announced = announcedEntry(entry, record);
  if (options.now < poolFreezesAt(announced)) return 'not-due';
  const { rows: known } = await db.query('SELECT 1 FROM draws WHERE programme_id = $1', [entry.id]);
  if (known.length > 0) return 'exists';
  return db.transaction((tx) => freezeIn(tx, announced, record, options));
}

/**
 * The scheduled job's part (src/notices/run.ts, every 5 minutes): records the
 * announcement of every lottery whose enrolment has opened — the clock
 * boundary, so the hash is public from the opening — and freezes every pool
 * that is due. Returns how many pools changed.
 */
export async function freezeDuePools(db: Database, catalogue: Catalogue, options: FreezeOptions): Promise<number> {
  let changed = 0;
  for (const entry of catalogue.entries) {
    const outcome = await freezeIfDue(db, entry, options);
    if (outcome === 'frozen' || outcome === 'not-needed') changed++;
  }
  return changed;
}

/** `entry` carries the recorded facts (announcedEntry); `record` goes into a no-draw protocol as it is. */
async function freezeIn(tx: Queryable, entry: CatalogueEntry, record: AnnouncementRecord | undefined, { links, now }: FreezeOptions): Promise<FreezeOutcome> {
  // The place lock orders this after any confirmation still committing, and makes a second freezer wait here.
  await lockProgrammePlaces(tx, entry.id);
  const { rows: again } = await tx.query('SELECT 1 FROM draws WHERE programme_id = $1', [entry.id]);
  if (again.length > 0) return 'exists';
  const capacity = entry.enrolment.capacity!;
  const quotas = record ? quotasOfFacts(record.facts) : undefined;
  const { rows } = await tx.query<{ registration_code: string; district: string | null; age_band: string | null }>(
    `SELECT registration_code, district, age_band FROM applications WHERE programme_id = $1 AND status = 'confirmed'`,
    [entry.id],
  );
  const answers = new Map(rows.map((r) => [r.registration_code, r]));
  const pool = freezePool(rows.map((r) => r.registration_code), now, quotas && {
    categories: quotas.categories,
    // A district in an announced group is frozen as the group's name (src/draw/quotas.ts valueOfAnswer): only the group is published.
    valuesOf: (code) => quotas.categories.map((c) => valueOfAnswer(c, answers.get(code)?.[quotaColumns[c.name as keyof typeof quotaColumns]] ?? '')),
  });
  const fits = pool.codes.length <= capacity;
  const protocol = fits
    ? buildProtocol({ programme: { id: entry.id, title: entry.title }, capacity, pool, sources: [], announced: entry.enrolment.drawSources.map((s) => s.description), at: now, announcement: record, quotas })
    : null;
  await tx.query(
    `INSERT INTO draws (programme_id, state, capacity, pool, pool_sha256, frozen_at, protocol, decided_at, pool_categories, pool_values)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [entry.id, fits ? 'not-needed' : 'frozen', capacity, pool.codes, pool.sha256, now, protocol === null ? null : JSON.stringify(protocol), fits ? now : null,
      pool.categories ?? null, pool.values ? JSON.stringify(pool.values) : null],
  );
  // The published files, written once with the row (files.ts): requests never serialize them again.
  await storePoolFile(tx, entry.id, pool.codes, pool.sha256, now, pool.values);
  if (!fits) return 'frozen';
  await storeProtocolFile(tx, entry.id, protocol!, now);

  // No draw needed: every confirmed person has a place, and is told so (one statement for all the emails).
  const { rows: accepted } = await tx.query<{ id: string; email: string; registration_code: string }>(
    `UPDATE applications SET status = 'accepted' WHERE programme_id = $1 AND status = 'confirmed'
     RETURNING id, email, registration_code`,
    [entry.id],
  );
  const resultsUrl = links.absolute(resultsPath(entry.id));
  await enqueueEmails(tx, accepted.map((a) => {
    const content = drawResultEmail({ entry, code: a.registration_code, result: { status: 'accepted', drawn: false }, withdrawUrl: links.withdrawUrl(a.id), resultsUrl });
    return { ...content, kind: 'draw-result', dedupeKey: `draw-result:${a.id}`, to: a.email };
  }), now);
  return 'not-needed';
}

/** The public results page of a programme's draw. */
export const resultsPath = (programmeId: string) => `/losowania/${encodeURIComponent(programmeId)}`;
