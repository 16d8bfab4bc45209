/** Listing the archive: order, pages of the list, and the Polish slugs of report types. */
import { reportTypes, type ReportType } from '../data/reports.ts';
import { slugify } from './fold.ts';

/** Reports on one page of a list: short enough for a light page, long enough to scan. */
const reportsPerPage = 50;

interface Dated {
  id: string;
  data: { date: string; title: string };
}

/** Newest first; a stable order for reports of the same day. */
export function newestFirst<T extends Dated>(reports: readonly T[]): T[] {
  return [...reports].sort((a, b) => b.data.date.localeCompare(a.data.date) || a.data.title.localeCompare(b.data.title, 'pl'));
}

/** Pages of a list: `[items of page 1, items of page 2, …]`, at least one (possibly empty) page. */
export function pagesOf<T>(items: readonly T[], size = reportsPerPage): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length ? pages : [[]];
}

/** "consultation-report" → "raport-z-konsultacji": the type's Polish label as a URL segment. */
export function typeSlug(type: ReportType): string {
  return slugify(reportTypes.label(type));
}

/** The year shown and filtered on: the first four digits of the `YYYY-MM-DD` day. */
export function yearOf(day: string): string {
  return day.slice(0, 4);
}

/** How many documents of each kind the archive holds (kinds with none are absent). */
export function countByType(reports: readonly { data: { type: ReportType } }[]): Map<ReportType, number> {
  const counts = new Map<ReportType, number>();
  for (const r of reports) counts.set(r.data.type, (counts.get(r.data.type) ?? 0) + 1);
  return counts;
}
