/**
 * The check the CMS runs before every save (src/cms/browser/main.ts): the
 * entry as Decap would write it, tidied of empty fields, against the same zod
 * schema the build uses. Runs in the browser and in the tests alike.
 */
import type { z } from 'astro/zod';
import { plainReference, type CollectionName } from '../schemas/common.ts';
import { contentSchemas } from '../schemas/index.ts';
import { unwrap } from './fields.ts';

const schemas = contentSchemas(plainReference);

export type Path = (string | number)[];

/** One reason a save is refused, in Polish, naming the field as the editor sees it. */
export interface Problem {
  path: Path;
  /** "Miejsce › Adres" */
  field: string;
  message: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * Paths of the values Decap leaves behind for fields an editor cleared or
 * never filled: empty strings, nulls, and objects with nothing else in them.
 * Deepest first, so they can be deleted in order. List items are kept (an
 * empty item is the editor's to remove, and the check names it).
 */
export function emptyPaths(data: Record<string, unknown>): Path[] {
  const found: Path[] = [];
  const visit = (value: unknown, path: Path): boolean => {
    if (value === '' || value === null || value === undefined) return true;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isPlainObject(item)) visit(item, [...path, i]);
      });
      return false;
    }
    if (!isPlainObject(value)) return false;
    let kept = 0;
    for (const [key, child] of Object.entries(value)) {
      if (visit(child, [...path, key])) found.push([...path, key]);
      else kept += 1;
    }
    return kept === 0;
  };
  visit(data, []);
  return found;
}

/** A copy of the data without the empty values `emptyPaths` finds. */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const path of emptyPaths(data)) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
    delete (parent as Record<string | number, unknown>)[path[path.length - 1]!];
  }
  return copy;
}

/** The Polish labels along a path through a schema: ["Załączniki (poz. 2)", "Plik"]. */
export function labelsAt(schema: z.ZodType, path: Path): string[] {
  const labels: string[] = [];
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) break;
    const u = unwrap(current);
    if (typeof key === 'number' && u.def.type === 'array') {
      if (labels.length > 0) labels[labels.length - 1] += ` (poz. ${key + 1})`;
      current = u.def.element;
      continue;
    }
    current = u.def.type === 'object' ? u.def.shape?.[String(key)] : undefined;
    labels.push((current && unwrap(current).meta.title) ?? String(key));
  }
  return labels;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) value = isPlainObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** Everything that would stop the build, or an empty list. `data` is the front matter (a `body` key is ignored). */
export function problemsOf(collection: CollectionName, data: Record<string, unknown>): Problem[] {
  const { body: _body, ...frontMatter } = withoutEmpty(data);
  const schema = schemas[collection];
  const result = schema.safeParse(frontMatter);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    // zod's own wording for a missing value names types ("oczekiwano string"); an editor needs this instead.
    const missing = issue.code === 'invalid_type' && valueAt(frontMatter, path) === undefined;
    return { path, field: labelsAt(schema, path).join(' › ') || 'Wpis', message: missing ? 'To pole jest wymagane.' : issue.message };
  });
}

/** "Powód zmiany: Podaj powód…" — one line per problem. */
export function describeProblems(problems: Problem[]): string[] {
  return problems.map((p) => `${p.field}: ${p.message}`);
}

export function isCollectionName(name: unknown): name is CollectionName {
  return typeof name === 'string' && name in schemas;
}
