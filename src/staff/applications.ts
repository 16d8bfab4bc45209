/**
 * What the panel reads about a programme's applications: counts by state,
 * confirmations per day and per district, the list (with search) and the
 * rows of the CSV export. Read-only; the writes are message.ts and
 * delete.ts.
 */
import type { Queryable } from '../db/database.ts';
import { warsawDay } from '../lib/dates.ts';
import { liveConfirmed, type ApplicationState } from '../enrolment/applications.ts';

export type StateCounts = Record<ApplicationState, number>;

const zeroCounts = (): StateCounts => ({ pending: 0, confirmed: 0, accepted: 0, waitlisted: 0, withdrawn: 0 });

/** Counts by state of every programme that has applications. */
export async function countsByProgramme(db: Queryable): Promise<Map<string, StateCounts>> {
  const { rows } = await db.query<{ programme_id: string; status: ApplicationState; n: number }>(
    'SELECT programme_id, status, count(*)::int AS n FROM applications GROUP BY programme_id, status',
  );
  const counts = new Map<string, StateCounts>();
  for (const row of rows) {
    const entry = counts.get(row.programme_id) ?? zeroCounts();
    entry[row.status] = row.n;
    counts.set(row.programme_id, entry);
  }
  return counts;
}

export async function countsOf(db: Queryable, programmeId: string): Promise<StateCounts> {
  const { rows } = await db.query<{ status: ApplicationState; n: number }>('SELECT status, count(*)::int AS n FROM applications WHERE programme_id = $1 GROUP BY status', [
    programmeId,
  ]);
  const counts = zeroCounts();
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Confirmations per Warsaw calendar day (of applications not withdrawn since), every day from the first to the last. */
export async function confirmationsPerDay(db: Queryable, programmeId: string): Promise<{ day: string; count: number }[]> {
  const { rows } = await db.query<{ confirmed_at: Date }>(
    `SELECT confirmed_at FROM applications WHERE programme_id = $1 AND status = ANY ($2) AND confirmed_at IS NOT NULL ORDER BY confirmed_at`,
    [programmeId, [...liveConfirmed]],
  );
  const perDay = new Map<string, number>();
  for (const row of rows) {
    const day = warsawDay(new Date(row.confirmed_at));
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = [...perDay.keys()];
  if (days.length === 0) return [];
  const out: { day: string; count: number }[] = [];
  // Noon UTC steps never skip or repeat a Warsaw day across DST changes.
  for (let t = Date.parse(`${days[0]}T12:00:00Z`), last = Date.parse(`${days.at(-1)}T12:00:00Z`); t <= last; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, count: perDay.get(day) ?? 0 });
  }
  return out;
}

/** Confirmed applications (not withdrawn) by district; '' for those without one. */
export async function confirmationsByDistrict(db: Queryable, programmeId: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ district: string | null; n: number }>(
    'SELECT district, count(*)::int AS n FROM applications WHERE programme_id = $1 AND status = ANY ($2) GROUP BY district',
    [programmeId, [...liveConfirmed]],
  );
  return new Map(rows.map((r) => [r.district ?? '', r.n]));
}

export interface ApplicationRow {
  id: string;
  code: string;
  status: ApplicationState;
  email: string | null;
  name: string | null;
  phone: string | null;
  district: string | null;
  ageBand: string | null;
  organisation: string | null;
  message: string | null;
  declarations: string[];
  createdAt: Date;
  confirmedAt: Date | null;
  withdrawnAt: Date | null;
  waitlistNumber: number | null;
}

const columns = `id, registration_code, status, email, name, phone, district, age_band, organisation, message, declarations,
  created_at, confirmed_at, withdrawn_at, waitlist_number`;

type Raw = { [k: string]: unknown } & Record<
  'id' | 'registration_code' | 'status' | 'email' | 'name' | 'phone' | 'district' | 'age_band' | 'organisation' | 'message',
  string | null
> & { declarations: string[]; created_at: Date; confirmed_at: Date | null; withdrawn_at: Date | null; waitlist_number: number | null };

const toRow = (r: Raw): ApplicationRow => ({
  id: r.id!,
  code: r.registration_code!,
  status: r.status as ApplicationState,
  email: r.email,
  name: r.name,
  phone: r.phone,
  district: r.district,
  ageBand: r.age_band,
  organisation: r.organisation,
  message: r.message,
  declarations: r.declarations ?? [],
  createdAt: new Date(r.created_at),
  confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
  withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
  waitlistNumber: r.waitlist_number,
});

/** LIKE's own wildcards in what staff typed are matched literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Applications of a programme, oldest first; with `search`, those whose
 * code, name, address or organisation contains it (any letter case).
 */
export async function listApplications(db: Queryable, programmeId: string, search = '', limit = 500): Promise<{ rows: ApplicationRow[]; total: number }> {
  const term = search.trim();
  const where = term
    ? `programme_id = $1 AND (registration_code ILIKE $2 OR name ILIKE $2 OR email ILIKE $2 OR organisation ILIKE $2)`
    : 'programme_id = $1 AND $2::text IS NULL';
  const params = [programmeId, term ? likePattern(term) : null];
  const [{ rows }, { rows: count }] = [
    await db.query<Raw>(`SELECT ${columns} FROM applications WHERE ${where} ORDER BY created_at, registration_code LIMIT ${Math.floor(limit)}`, params),
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE ${where}`, params),
  ];
  return { rows: rows.map(toRow), total: count[0]?.n ?? 0 };
}

export async function applicationById(db: Queryable, applicationId: string): Promise<(ApplicationRow & { programmeId: string }) | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(applicationId)) return undefined;
  const { rows } = await db.query<Raw & { programme_id: string }>(`SELECT ${columns}, programme_id FROM applications WHERE id = $1`, [applicationId]);
  const row = rows[0];
  return row ? { ...toRow(row), programmeId: row.programme_id } : undefined;
}

/** Every application of a programme, for the export. */
export async function allApplications(db: Queryable, programmeId: string): Promise<ApplicationRow[]> {
  const { rows } = await db.query<Raw>(`SELECT ${columns} FROM applications WHERE programme_id = $1 ORDER BY created_at, registration_code`, [programmeId]);
  return rows.map(toRow);
}
