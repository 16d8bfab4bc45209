/**
 * Programmes and consultations no longer published that still have
 * applications (issue 11 §5): an editor deleted or unpublished the content,
 * the sign-ups stayed in the database. The panel lists them from the
 * database, not from the site, so their applications stay within staff's
 * reach — list, CSV export, deletion on request — until retention erases
 * them (src/notices/retention.ts; the rule is `retentionRule` below).
 *
 * "No longer published" here means absent from the published enrolment
 * catalogue (/dane/zapisy.json), which is all the panel reads of the site.
 * What is known about the content once it is gone — its last title, when
 * it went missing, the retention date in force — is what the scheduled job
 * recorded in `programme_retention` (migration 0008); until its next run
 * (every five minutes) a new orphan has only its id.
 */
import type { Queryable } from '../db/database.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { plural } from '../lib/plural.ts';
import { applicationStates, type ApplicationState } from '../enrolment/applications.ts';
import type { StateCounts } from './applications.ts';

export interface UnpublishedProgramme {
  /** The programme's or consultation's id, as its applications hold it. */
  id: string;
  /** From the public files as they last showed it; undefined if the job never saw it there. */
  kind: 'programme' | 'consultation' | undefined;
  title: string | undefined;
  counts: StateCounts;
  /** Applications still holding personal data (not withdrawn, not erased). */
  withPersonalData: number;
  /** The first and last sign-up (created_at). */
  firstApplicationAt: Date;
  lastApplicationAt: Date;
  /** From the retention job's record, each undefined until it has one. */
  retention: {
    /** The last run that found it in the public files. */
    lastSeenAt: Date | undefined;
    /** The first run that found it in neither file (undefined: the events file still knows it, so the usual rule applies). */
    missingSince: Date | undefined;
    /** When its personal data is (or was) erased. */
    eraseAfter: Date | undefined;
    /** RETENTION_DAYS at that run. */
    days: number | undefined;
  };
}

/** What staff read in the panel about the rule, in Polish, for `days` (RETENTION_DAYS). docs/notices.md and the privacy notice say the same. */
export const retentionRule = (days: number | undefined) => {
  const period = days === undefined ? 'okresie przechowywania (ustawienie RETENTION_DAYS, domyślnie 90 dni)' : plural(days, 'dniu', 'dniach', 'dniach');
  return `Dane osobowe ze zgłoszeń programu lub konsultacji, których nie ma już na stronie, są usuwane automatycznie po ${period} od chwili, gdy system po raz pierwszy zauważył ich brak na stronie — albo wcześniej, jeśli wcześniej wypadał termin obowiązujący, gdy były jeszcze opublikowane. Jeśli wrócą na stronę, znów obowiązuje zwykła zasada: okres liczony od ostatniego wydarzenia albo końca naboru.`;
};

type Row = {
  programme_id: string;
  status: ApplicationState;
  n: number;
  live: number;
  first_at: Date;
  last_at: Date;
  kind: 'programme' | 'consultation' | null;
  title: string | null;
  last_seen_at: Date | null;
  missing_since: Date | null;
  erase_after: Date | null;
  retention_days: number | null;
};

const query = (where: string) => `
  SELECT a.programme_id, a.status, count(*)::int AS n,
         count(*) FILTER (WHERE a.erased_at IS NULL AND a.status <> 'withdrawn')::int AS live,
         min(a.created_at) AS first_at, max(a.created_at) AS last_at,
         r.kind, r.title, r.last_seen_at, r.missing_since, r.erase_after, r.retention_days
    FROM applications a LEFT JOIN programme_retention r ON r.programme_id = a.programme_id
   ${where}
   GROUP BY a.programme_id, a.status, r.programme_id`;

const date = (value: Date | null) => (value === null ? undefined : new Date(value));

function collect(rows: readonly Row[], catalogue: Catalogue): UnpublishedProgramme[] {
  const found = new Map<string, UnpublishedProgramme>();
  for (const row of rows) {
    if (catalogue.get(row.programme_id)) continue;
    let entry = found.get(row.programme_id);
    if (!entry) {
      entry = {
        id: row.programme_id,
        kind: row.kind ?? undefined,
        title: row.title ?? undefined,
        counts: Object.fromEntries(applicationStates.map((s) => [s, 0])) as StateCounts,
        withPersonalData: 0,
        firstApplicationAt: new Date(row.first_at),
        lastApplicationAt: new Date(row.last_at),
        retention: { lastSeenAt: date(row.last_seen_at), missingSince: date(row.missing_since), eraseAfter: date(row.erase_after), days: row.retention_days ?? undefined },
      };
      found.set(row.programme_id, entry);
    }
    entry.counts[row.status] = row.n;
    entry.withPersonalData += row.live;
    if (new Date(row.first_at) < entry.firstApplicationAt) entry.firstApplicationAt = new Date(row.first_at);
    if (new Date(row.last_at) > entry.lastApplicationAt) entry.lastApplicationAt = new Date(row.last_at);
  }
  return [...found.values()];
}

/**
 * Every programme id with applications that `catalogue` (the published
 * one) does not list: those still holding personal data first, then the
 * most recent sign-ups first.
 */
export async function unpublishedProgrammes(db: Queryable, catalogue: Catalogue): Promise<UnpublishedProgramme[]> {
  const { rows } = await db.query<Row>(query(''));
  return collect(rows, catalogue).sort(
    (a, b) => Number(b.withPersonalData > 0) - Number(a.withPersonalData > 0) || b.lastApplicationAt.getTime() - a.lastApplicationAt.getTime() || a.id.localeCompare(b.id),
  );
}

/** One of them by id; undefined when `catalogue` lists it or no application names it. */
export async function unpublishedProgramme(db: Queryable, catalogue: Catalogue, id: string): Promise<UnpublishedProgramme | undefined> {
  if (id === '' || catalogue.get(id)) return undefined;
  const { rows } = await db.query<Row>(query('WHERE a.programme_id = $1'), [id]);
  return collect(rows, catalogue)[0];
}

/** How the panel names it: the title last published, else its id. */
export const unpublishedName = (p: Pick<UnpublishedProgramme, 'id' | 'title'>) => p.title ?? p.id;

/** Titles the retention job recorded, by programme id: how the audit log names a programme no longer on the site. */
export async function recordedTitles(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ programme_id: string; title: string }>('SELECT programme_id, title FROM programme_retention WHERE title IS NOT NULL');
  return new Map(rows.map((r) => [r.programme_id, r.title]));
}
