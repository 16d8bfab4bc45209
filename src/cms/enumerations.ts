/**
 * Every enumeration of src/data, so the CMS config can show a select's
 * Polish labels: a zod enum keeps only the values, and this finds the
 * enumeration those values came from.
 */
import * as consultationRequests from '../data/consultation-requests.ts';
import * as consultationRules from '../data/consultation-rules.ts';
import * as consultations from '../data/consultations.ts';
import * as districts from '../data/districts.ts';
import type { Option } from '../data/enumeration.ts';
import * as events from '../data/events.ts';
import * as news from '../data/news.ts';
import * as pages from '../data/pages.ts';
import * as programmes from '../data/programmes.ts';
import * as reports from '../data/reports.ts';

export interface NamedEnumeration {
  /** Export name in src/data, e.g. "eventStatuses". */
  name: string;
  options: readonly Option[];
}

function isEnumeration(value: unknown): value is { options: readonly Option[]; values: readonly string[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { options?: unknown }).options) && Array.isArray((value as { values?: unknown }).values);
}

export const enumerations: readonly NamedEnumeration[] = [consultationRequests, consultationRules, consultations, districts, events, news, pages, programmes, reports]
  .flatMap((module) => Object.entries(module))
  .filter((entry): entry is [string, { options: readonly Option[]; values: readonly string[] }] => isEnumeration(entry[1]))
  .map(([name, e]) => ({ name, options: e.options }));

const key = (values: readonly string[]) => JSON.stringify([...values].sort());

/** The enumeration whose values are exactly these; throws when none or several match. */
export function enumerationOf(values: readonly string[]): NamedEnumeration {
  const matches = enumerations.filter((e) => key(e.options.map((o) => o.value)) === key(values));
  if (matches.length !== 1) {
    throw new Error(`CMS: ${matches.length === 0 ? 'no enumeration' : 'several enumerations'} in src/data with the values ${values.join(', ')}; a select needs exactly one for its labels`);
  }
  return matches[0]!;
}
