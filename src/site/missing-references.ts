/**
 * References to entries that do not exist, read from the warnings of any
 * build, failed or not. Astro 7 does not fail on a reference to a missing
 * entry: it warns, while the page that reads it is being written
 * ("  ├─ /wydarzenia/x/index.html13:26:09 [WARN] [content] Entry programmes → y was not found."),
 * and the page leaves the link out.
 *
 * Pure: no I/O, no clock. The warning format is Astro 7.3's (tests in
 * build-failure.test.ts hold it to real captured output).
 */
import { stripVTControlCharacters } from 'node:util';
import type { CollectionName } from '../schemas/common.ts';
import { collectionFolders } from '../schemas/index.ts';
import type { BuildFailure } from './build-output.ts';
import { isCollection, referenceFieldsTo } from './field-messages.ts';

const missing: Record<CollectionName, (id: string) => string> = {
  programmes: (id) => `programu „${id}”, którego nie ma`,
  events: (id) => `wydarzenia „${id}”, którego nie ma`,
  news: (id) => `aktualności „${id}”, której nie ma`,
  reports: (id) => `dokumentu „${id}”, którego nie ma`,
  consultations: (id) => `konsultacji „${id}”, których nie ma`,
  pages: (id) => `strony „${id}”, której nie ma`,
  requests: (id) => `wniosku „${id}”, którego nie ma`,
  plans: (id) => `planu konsultacji „${id}”, którego nie ma`,
};

/** Every reference to a missing entry the output warns about, explained; [] when none. */
export function missingReferences(output: string): BuildFailure[] {
  const found = new Map<string, BuildFailure>();
  for (const line of stripVTControlCharacters(output).split(/\r?\n/)) {
    const m = /(?:[├└]─ (\/\S*?))?(?:\d\d:\d\d:\d\d )?\[WARN\] \[content\] Entry (\S+) → (\S+) was not found\./.exec(line);
    if (!m) continue;
    const [, page, target = '', id = ''] = m;
    const route = page?.replace(/index\.html$/, '');
    const folder = route && /^\/([^/]+)\/([^/]+)\/$/.exec(route);
    const referrer = folder ? (Object.keys(collectionFolders) as CollectionName[]).find((c) => collectionFolders[c] === folder[1]) : undefined;
    const file = referrer && folder ? `src/content/${folder[1]}/${folder[2]}.md` : undefined;
    const field = referrer && isCollection(target) ? referenceFieldsTo(referrer, target) : undefined;
    const what = isCollection(target) ? missing[target](id) : `wpisu „${id}” (${target}), którego nie ma`;
    const where = [file && `plik ${file}`, field && `pole „${field}”`].filter(Boolean).join(', ');
    const summary = `${route ? `Strona ${route}` : 'Jeden z wpisów'} odwołuje się do ${what}${where ? ` (${where})` : ''}; wybierz w tym polu istniejący wpis albo przywróć usunięty, bo do tego czasu strona pomija to powiązanie.`;
    found.set(`${route}|${target}|${id}`, { ...(file ? { file } : {}), ...(field ? { field } : {}), summary, detail: line.trim() });
  }
  return [...found.values()];
}
