/**
 * Dates and times of content read as written, not as YAML guesses them.
 *
 * Astro reads front matter with js-yaml, whose YAML 1.1 timestamps turn an
 * unquoted `2026-12-05 10:00:00` into 10:00 UTC (11:00 in Kraków) and an
 * impossible `2020-13-45` into 2021-02-14, silently, before any schema sees
 * the value. The CMS reads the same files with a parser that keeps such
 * values as text, so the two would disagree. This loader re-reads each
 * entry's front matter with the YAML 1.2 core schema (no timestamps) and
 * hands the schema the written text of every instant and calendar-day field
 * (the fields tagged `cmsWidget(…, 'instant' | 'calendar-day')` in
 * src/schemas). The schema then refuses exactly what the CMS refuses, with
 * the same Polish message (src/schemas/common.ts `instantProblem`,
 * `calendarDayProblem`); the build log gets one Polish line per refused
 * value naming the file and the field as the CMS labels it, and the refusal
 * itself is Astro's InvalidContentEntryDataError, which src/site/build-failure.ts
 * explains to staff.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { extractFrontmatter } from 'astro/markdown';
import type { z } from 'astro/zod';
import { parse } from 'yaml';
import { unwrap } from '../cms/fields.ts';
import { labelsAt, type Path } from '../cms/validate.ts';

/** A key of a time field's path; `[]` stands for every item of a list. */
type PatternKey = string | '[]';

/** Where an instant or a calendar day sits in a collection's schema, with the field's own schema. */
export interface TimeField {
  pattern: PatternKey[];
  schema: z.ZodType;
}

/** Every instant and calendar-day field of an object schema, nested objects and lists of objects included. */
export function timeFieldsOf(schema: z.ZodType, prefix: PatternKey[] = []): TimeField[] {
  const u = unwrap(schema);
  if (u.def.type !== 'object' || !u.def.shape) return [];
  return Object.entries(u.def.shape).flatMap(([name, field]) => {
    const f = unwrap(field);
    const pattern = [...prefix, name];
    if (f.meta.cmsWidget === 'instant' || f.meta.cmsWidget === 'calendar-day') return [{ pattern, schema: field }];
    if (f.def.type === 'object') return timeFieldsOf(field, pattern);
    if (f.def.type === 'array' && f.def.element) return timeFieldsOf(f.def.element, [...pattern, '[]']);
    return [];
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values at a pattern's concrete paths in `data` (only where a value is present). */
function valuesAt(data: unknown, pattern: PatternKey[], path: Path = []): { path: Path; value: unknown }[] {
  if (pattern.length === 0) return data === undefined ? [] : [{ path, value: data }];
  const [key, ...rest] = pattern;
  if (key === '[]') return Array.isArray(data) ? data.flatMap((item, i) => valuesAt(item, rest, [...path, i])) : [];
  return isRecord(data) && key! in data ? valuesAt(data[key!], rest, [...path, key!]) : [];
}

/** One time value refused: where, as the CMS labels it, and why. */
export interface TimeProblem {
  path: Path;
  /** "Zapisy › Koniec naboru" */
  field: string;
  /** The value as written in the file (null for an empty one). */
  written: unknown;
  message: string;
}

/**
 * The front matter of a markdown file as written: YAML 1.2 core schema, so
 * dates and times stay the text they are. Returns {} for a file without front
 * matter; throws the parser's error for broken YAML.
 */
export function writtenFrontMatter(markdown: string): Record<string, unknown> {
  const raw = extractFrontmatter(markdown);
  if (raw === undefined) return {};
  const data: unknown = parse(raw, { schema: 'core', version: '1.2' });
  return isRecord(data) ? data : {};
}

/**
 * The time values of `written` (front matter read by `writtenFrontMatter`)
 * that `schema` (a collection's schema) refuses, each with the field's own
 * message. [] when all are fine.
 */
export function timeProblems(schema: z.ZodType, written: Record<string, unknown>): TimeProblem[] {
  return timeFieldsOf(schema).flatMap(({ pattern, schema: field }) =>
    valuesAt(written, pattern).flatMap(({ path, value }) => {
      const result = field.safeParse(value);
      if (result.success) return [];
      const message = result.error.issues[0]?.message ?? 'Niepoprawna data.';
      return [{ path, field: labelsAt(schema, path).join(' › '), written: value, message }];
    }),
  );
}

/**
 * `data` (front matter as js-yaml read it) with every time value replaced by
 * the text written in the file, so the schema judges what the editor wrote.
 * A copy; `data` is not changed.
 */
export function withWrittenTimes(schema: z.ZodType, data: Record<string, unknown>, written: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const { pattern } of timeFieldsOf(schema)) {
    for (const { path, value } of valuesAt(written, pattern)) {
      let parent: unknown = copy;
      for (const key of path.slice(0, -1)) parent = isRecord(parent) || Array.isArray(parent) ? (parent as Record<string | number, unknown>)[key] : undefined;
      if (isRecord(parent) || Array.isArray(parent)) (parent as Record<string | number, unknown>)[path[path.length - 1]!] = value;
    }
  }
  return copy;
}

/** "Plik src/content/wydarzenia/x.md, pole „Początek”: Brak przesunięcia…" */
export function describeTimeProblem(file: string, problem: TimeProblem): string {
  return `Plik ${file}, pole „${problem.field}”: ${problem.message}`;
}

/**
 * `logger` with the glob loader's English warning about a folder without
 * entries said as a Polish note instead: a collection may be empty on
 * purpose (no request for a consultation filed yet, no annual plan), and its
 * pages show an empty state. Every other message passes through.
 */
export function emptyFolderQuiet(logger: LoaderContext['logger'], base: string): LoaderContext['logger'] {
  const quiet = Object.create(logger) as LoaderContext['logger'];
  quiet.warn = (message: string) =>
    message.startsWith('No files found matching') ? logger.info(`Brak wpisów w ${base} — strony pokażą pusty stan.`) : logger.warn(message);
  return quiet;
}

/**
 * Astro's glob loader for `**\/*.{md,mdx}` under `base`, whose entries' time
 * fields are judged by `schema` as written (see the module comment).
 * `schema` is the collection's schema (any reference factory: only time
 * fields and labels are read from it).
 */
export function contentLoader(base: string, schema: z.ZodType): Loader {
  // Entries keep their rendered HTML, not their markdown as well: nothing reads `entry.body`, and Astro bundles the
  // whole content store into the build (at 50,000 archive entries the build's peak memory 3.3 → 2.6 GB).
  const inner = glob({ pattern: '**/*.{md,mdx}', base, retainBody: false });
  return {
    name: 'wspolnie-content',
    load: (context) =>
      inner.load({
        ...context,
        logger: emptyFolderQuiet(context.logger, base),
        parseData: async (props) => {
          if (!props.filePath) return context.parseData(props);
          let written: Record<string, unknown>;
          try {
            written = writtenFrontMatter(await readFile(props.filePath, 'utf8'));
          } catch {
            // js-yaml read it; a file only the stricter parser refuses keeps js-yaml's reading.
            return context.parseData(props);
          }
          const file = relative(fileURLToPath(context.config.root), props.filePath).split('\\').join('/');
          for (const problem of timeProblems(schema, written)) context.logger.error(describeTimeProblem(file, problem));
          return context.parseData({ ...props, data: withWrittenTimes(schema, props.data, written) as typeof props.data });
        },
      }),
  };
}
