/**
 * What the public results page of a lottery shows, from public data only:
 * the announced sources and draw date; once frozen, the pool (codes in
 * canonical order, numbered) and its SHA-256; once decided, the protocol and,
 * for each code in drawn order, where it stands now (place, waiting list
 * position, withdrawn) — withdrawals and promotions after the draw show here
 * without any name. Never an address, a name or an application id. And,
 * from the opening of enrolment, the announcement recorded then
 * (announcement.ts), with its hash and any audited corrections.
 */
import type { Database } from '../db/database.ts';
import { placesOf, protocolSchema, valuesByCode, type Protocol } from '../draw/protocol.ts';
import type { SkipReason } from '../draw/stratified.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import type { AnnouncementRecord } from '../draw/announcement.ts';
import { announcedEntry, readAnnouncement } from '../draw/announcement-record.ts';
import { poolFreezesAt } from './freeze.ts';

/** A place a lottery with quotas filled from its waiting list, as published (migration 0011, `draw_promotions`). */
export interface PublishedPromotion {
  at: Date;
  /** Undefined when the place stayed empty (rule `none`). */
  code: string | undefined;
  rule: 'quotas' | 'maxima' | 'none';
  /** Waiting codes before it that the rule passed over. */
  passedOver: number;
}

/** Where a code in the pool stands now. */
type CodeStanding =
  | { kind: 'accepted' }
  | { kind: 'waitlisted'; position: number }
  | { kind: 'withdrawn' }
  /** Before the draw: in the pool, waiting for it. */
  | { kind: 'in-pool' };

export interface RankedCode {
  code: string;
  /** With seat quotas: the code's value in each quota category, as frozen (pula.txt). */
  values?: readonly string[] | undefined;
  /** With seat quotas: why the draw's walk passed over this code while places were left. */
  skipped?: SkipReason | undefined;
  /** After the draw: whether the draw itself gave this code a place (false for a code promoted since). */
  placedByDraw?: boolean | undefined;
  /** Number in the frozen pool (canonical order), from 1. */
  poolNumber: number;
  /** Position in drawn order, from 1; undefined before the draw. */
  drawnPosition: number | undefined;
  standing: CodeStanding;
}

/**
 * Pages of this draw version already rendered, as UTF-8 bytes with their
 * ETag, by a key the renderer chooses (the page number and the content it
 * shows); undefined for a page past the end; dropped with the version.
 */
export type RenderedPages = Map<string, RenderedPage | undefined>;

/** A rendered page: its UTF-8 bytes and a strong ETag of them. */
export interface RenderedPage {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export type DrawResults = (
  | { state: 'open'; freezesAt: Date }
  | { state: 'frozen'; freezesAt: Date; pool: { codes: string[]; sha256: string; frozenAt: Date }; ranked: RankedCode[]; byCode: ReadonlyMap<string, RankedCode>; pages: RenderedPages }
  | { state: 'decided'; freezesAt: Date; protocol: Protocol; ranked: RankedCode[]; byCode: ReadonlyMap<string, RankedCode>; changedSinceDraw: number; promotions: PublishedPromotion[]; pages: RenderedPages }
) & {
  /** The announcement recorded when enrolment opened; undefined before that. */
  announcement: AnnouncementRecord | undefined;
};

interface VersionRow {
  [column: string]: unknown;
  state: string;
  decided_at: Date | null;
  version: string | null;
}

interface DrawRow {
  [column: string]: unknown;
  state: string;
  pool: string[];
  pool_sha256: string;
  frozen_at: Date;
  protocol: unknown;
  pool_values: string[][] | string | null;
}

type Computed = Exclude<DrawResults, { state: 'open' }>;

/**
 * Results computed once per draw version and kept (issue 13): a view of a
 * 50,000-code draw then costs one row read and the rendering of one page.
 * The version is the draw's state and decision time and its counter in
 * `lottery_versions`, which a trigger moves on every statement that changes
 * or removes the programme's applications (migration 0010) — a withdrawal
 * and the promotion it causes included — so the next view after one
 * recomputes and shows it at once. Kept per database (a process may serve
 * several, as the tests do: a programme id and a version number mean nothing
 * across them), then by programme; a few programmes kept, the oldest dropped.
 */
interface Kept {
  version: string;
  results: Computed;
}
interface DatabaseCache {
  computed: Map<string, Kept>;
  /** Versions being computed, by programme: views that see the same new version wait for one computation. */
  computing: Map<string, { version: string; result: Promise<Kept | DrawResults> }>;
  /** Programmes known to have a draws row; such a row never goes (migration 0005), so this only grows. */
  withDraw: Set<string>;
  /** Version reads in flight, by programme (versionOf). */
  reads: Map<string, VersionReads>;
}
const caches = new WeakMap<Database, DatabaseCache>();
const programmesKept = 8;

function cacheOf(db: Database): DatabaseCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { computed: new Map(), computing: new Map(), withDraw: new Set(), reads: new Map() }));
  return cache;
}

function readVersion(db: Database, programmeId: string): Promise<VersionRow | undefined> {
  return db
    .query<VersionRow>(
      `SELECT d.state, d.decided_at, v.version::text AS version
         FROM draws AS d LEFT JOIN lottery_versions AS v ON v.programme_id = d.programme_id
        WHERE d.programme_id = $1`,
      [programmeId],
    )
    .then(({ rows }) => rows[0]);
}

/** Version reads of one programme: the one running, and the one queued to start when it ends. */
interface VersionReads {
  running: Promise<VersionRow | undefined> | undefined;
  queued: Promise<VersionRow | undefined> | undefined;
}

/**
 * The draw's version as of a read that started after this call: views that
 * arrive together share reads, and none is answered from a read begun before
 * it arrived, so a reader who has just withdrawn sees it (no staleness, unlike
 * a time-based cache). While a read runs, every new caller joins the single
 * read queued behind it; at most two reads per programme are ever pending,
 * however many views come (issue 13: 8 clients loading results must not
 * crowd the database's one connection that sign-ups need).
 */
function versionOf(db: Database, programmeId: string): Promise<VersionRow | undefined> {
  const { reads } = cacheOf(db);
  let found = reads.get(programmeId);
  if (!found) reads.set(programmeId, (found = { running: undefined, queued: undefined }));
  const state = found;
  const start = (): Promise<VersionRow | undefined> => {
    const read = readVersion(db, programmeId).finally(() => {
      if (state.running === read) state.running = undefined;
    });
    state.running = read;
    return read;
  };
  if (!state.running) return start();
  state.queued ??= state.running
    .catch(() => undefined)
    .then(() => {
      state.queued = undefined;
      return start();
    });
  return state.queued;
}

/**
 * Where the lottery stands, for the results page and the panel: `ranked`
 * holds every code (the page shows one page of it, resultsPageOf). Costs
 * O(pool) only when the draw's version changed since the last call in this
 * process; otherwise one row read.
 */
export async function drawResults(db: Database, entry: CatalogueEntry): Promise<DrawResults> {
  const current = await versionOf(db, entry.id);
  if (!current) {
    const announcement = await readAnnouncement(db, entry.id);
    // The recorded close of enrolment, not content's: that is when the pool freezes.
    return { state: 'open', freezesAt: poolFreezesAt(announcedEntry(entry, announcement)), announcement };
  }
  const cache = cacheOf(db);
  cache.withDraw.add(entry.id);
  const version = `${current.state}|${current.decided_at?.toISOString() ?? ''}|${current.version ?? ''}`;
  let kept = cache.computed.get(entry.id);
  if (kept?.version !== version) {
    // Views that see the same new version together compute it once.
    let pending = cache.computing.get(entry.id);
    if (pending?.version !== version) {
      pending = { version, result: computeVersion(db, entry, version) };
      const mine = pending;
      cache.computing.set(entry.id, mine);
      void mine.result.finally(() => cache.computing.get(entry.id) === mine && cache.computing.delete(entry.id)).catch(() => undefined);
    }
    const result = await pending.result;
    if ('state' in result) return result;
    kept = result;
    if (cache.computed.get(entry.id)?.version !== version) {
      cache.computed.delete(entry.id);
      cache.computed.set(entry.id, kept);
      if (cache.computed.size > programmesKept) cache.computed.delete(cache.computed.keys().next().value!);
    }
  }
  // The content's close may differ from the record only without a record (a lottery older than records).
  return { ...kept.results, freezesAt: poolFreezesAt(announcedEntry(entry, kept.results.announcement)) };
}

/** The results of one version, or (no draws row after all) the open state. */
async function computeVersion(db: Database, entry: CatalogueEntry, version: string): Promise<Kept | DrawResults> {
  // Read with the standings: a draw exists only after the recorded close, and corrections end there (announcement-correction.ts).
  const announcement = await readAnnouncement(db, entry.id);
  const results = await compute(db, entry.id, poolFreezesAt(announcedEntry(entry, announcement)));
  if (!results) return { state: 'open', freezesAt: poolFreezesAt(announcedEntry(entry, announcement)), announcement };
  return { version, results: { ...results, announcement, pages: new Map() } };
}

/** True once this process has seen the programme's draws row in `db`: its pool is frozen, nothing is left to freeze or record. */
export const knownToHaveDraw = (db: Database, programmeId: string): boolean => cacheOf(db).withDraw.has(programmeId);

async function compute(db: Database, programmeId: string, freezesAt: Date): Promise<Computed | undefined> {
  const { rows } = await db.query<DrawRow>('SELECT state, pool, pool_sha256, frozen_at, protocol, pool_values FROM draws WHERE programme_id = $1', [programmeId]);
  const row = rows[0];
  if (!row) return undefined;
  const standings = await standingsOf(db, programmeId, row.pool);
  const poolNumber = new Map(row.pool.map((code, i) => [code, i + 1]));
  if (row.state === 'frozen') {
    const frozenValues = typeof row.pool_values === 'string' ? (JSON.parse(row.pool_values) as string[][]) : row.pool_values;
    const ranked = row.pool.map((code, i) => ({ code, poolNumber: i + 1, drawnPosition: undefined, standing: standings.get(code) ?? { kind: 'withdrawn' as const }, ...(frozenValues ? { values: frozenValues[i] } : {}) }));
    return { state: 'frozen', freezesAt, pool: { codes: row.pool, sha256: row.pool_sha256, frozenAt: row.frozen_at }, ranked, byCode: indexed(ranked), announcement: undefined, pages: new Map() };
  }
  // Stored by this code and read back: parsing again proves the page shows a valid protocol.
  const protocol = protocolSchema.parse(typeof row.protocol === 'string' ? JSON.parse(row.protocol) : row.protocol);
  const order = protocol.outcome === 'draw' ? protocol.order : protocol.pool.codes;
  const values = valuesByCode(protocol.pool);
  const skips = new Map(protocol.stratified?.skips.map((s) => [s.code, s.reason]));
  // Placed by the draw (with quotas: the walk's panel, not the first codes drawn) and placed now.
  const placed = new Set(placesOf(protocol).accepted);
  const ranked = order.map((code, i) => ({
    code, poolNumber: poolNumber.get(code) ?? 0, drawnPosition: i + 1, standing: standings.get(code) ?? { kind: 'withdrawn' as const },
    placedByDraw: placed.has(code),
    ...(values ? { values: values.get(code), skipped: skips.get(code) } : {}),
  }));
  const changedSinceDraw = ranked.filter((r) => placed.has(r.code) !== (r.standing.kind === 'accepted')).length;
  const { rows: promoted } = await db.query<{ promoted_at: Date; code: string | null; rule: PublishedPromotion['rule']; passed_over: number }>(
    'SELECT promoted_at, code, rule, passed_over FROM draw_promotions WHERE programme_id = $1 ORDER BY id',
    [programmeId],
  );
  const promotions = promoted.map((p) => ({ at: p.promoted_at, code: p.code ?? undefined, rule: p.rule, passedOver: p.passed_over }));
  return { state: 'decided', freezesAt, protocol, ranked, byCode: indexed(ranked), changedSinceDraw, promotions, announcement: undefined, pages: new Map() };
}

const indexed = (ranked: RankedCode[]) => new Map(ranked.map((r) => [r.code, r]));

/** Each pool code's current standing; waiting-list positions counted among those still waiting. */
async function standingsOf(db: Database, programmeId: string, pool: readonly string[]): Promise<Map<string, CodeStanding>> {
  const { rows } = await db.query<{ registration_code: string; status: string; waitlist_number: number | null }>(
    `SELECT registration_code, status, waitlist_number FROM applications WHERE programme_id = $1 AND registration_code = ANY($2)`,
    [programmeId, pool],
  );
  const waiting = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.waitlist_number ?? 0) - (b.waitlist_number ?? 0));
  const positions = new Map(waiting.map((r, i) => [r.registration_code, i + 1]));
  const standings = new Map<string, CodeStanding>();
  for (const r of rows) {
    if (r.status === 'accepted') standings.set(r.registration_code, { kind: 'accepted' });
    else if (r.status === 'waitlisted') standings.set(r.registration_code, { kind: 'waitlisted', position: positions.get(r.registration_code)! });
    else if (r.status === 'confirmed') standings.set(r.registration_code, { kind: 'in-pool' });
    else standings.set(r.registration_code, { kind: 'withdrawn' });
  }
  return standings;
}

/** A person looking up their own code: its line, or undefined when the code is not in this pool. */
export function findCode(results: DrawResults, typed: string): RankedCode | undefined {
  if (results.state === 'open') return undefined;
  const code = normaliseCode(typed);
  return results.byCode.get(code);
}

/** What people type: lower case, spaces, a missing or extra dash are forgiven. */
function normaliseCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : typed.trim().toUpperCase();
}
