/**
 * A content field as staff know it: its label in the CMS, and Astro's or
 * zod's complaint about its value said again as the CMS would say it. Read
 * from the same schemas the CMS is generated from (src/cms/fields.ts), so the
 * labels and enumeration options cannot disagree with the panel.
 */
import type { z } from 'astro/zod';
import { cmsReference } from '../cms/config.ts';
import { enumerationOf } from '../cms/enumerations.ts';
import { unwrap } from '../cms/fields.ts';
import type { Path } from '../cms/validate.ts';
import { plural } from '../lib/plural.ts';
import type { CollectionName } from '../schemas/common.ts';
import { contentSchemas } from '../schemas/index.ts';

/** Each collection's content schema, as the CMS is generated from it. */
export const schemas = contentSchemas(cmsReference);

/** Whether `name` is a collection's name (programmes, events, …) as Astro prints it. */
export const isCollection = (name: string): name is CollectionName => name in schemas;

const expectedWords: Record<string, string> = { string: 'tekst', number: 'liczbę', boolean: 'tak albo nie', array: 'listę', object: 'grupę pól', date: 'datę' };
const receivedWords: Record<string, string> = { string: 'tekst', number: 'liczba', boolean: 'tak/nie' };

/**
 * The problem of the field at `path` of `schema`, as a Polish clause that
 * continues "pole „…”:"; `message` is the issue's text as the build printed it.
 * The project's own messages (refine(), formats) reach the output as written;
 * Astro rewrites missing values and wrong types in English, and zod's Polish
 * locale speaks of "string" and "array": both are said again here as the CMS says them.
 * A message it does not recognise is returned as written, first letter lowered.
 */
export function editorMessage(message: string, schema: z.ZodType, path: Path): string {
  const at = schemaAt(schema, path);
  let m: RegExpExecArray | null;
  if (message === 'Required') return 'to pole jest wymagane';
  if (message.startsWith('Did not match union.')) return formatHint(at) ?? 'niepoprawna wartość';
  if ((m = /^Expected type `(.+?)`, received `"?(\w+)"?`/.exec(message))) {
    const expected = m[1]!.replace(/"/g, '').split(' | ').map((t) => expectedWords[t] ?? t).join(' albo ');
    const received = receivedWords[m[2]!];
    return formatHint(at) ?? (received ? `tu trzeba podać ${expected}, a jest ${received}` : `to pole jest puste albo ma niepoprawną wartość: trzeba podać ${expected}`);
  }
  if (message.startsWith('Nieprawidłowa opcja:')) return optionsHint(at) ?? message;
  if ((m = /^Za mała wartość: oczekiwano, że (string|array) będzie mieć >=?(\d+)/.exec(message))) {
    if (m[1] === 'string') return m[2] === '1' ? 'to pole nie może być puste' : `wpisz co najmniej ${plural(Number(m[2]), 'znak', 'znaki', 'znaków')}`;
    return m[2] === '1' ? 'dodaj co najmniej jedną pozycję' : `lista musi mieć co najmniej ${plural(Number(m[2]), 'pozycję', 'pozycje', 'pozycji')}`;
  }
  if ((m = /^Za duża wartość: oczekiwano, że (string|array) będzie mieć <=?(\d+)/.exec(message))) {
    return m[1] === 'string' ? `tekst może mieć najwyżej ${plural(Number(m[2]), 'znak', 'znaki', 'znaków')}` : `lista może mieć najwyżej ${plural(Number(m[2]), 'pozycję', 'pozycje', 'pozycji')}`;
  }
  if ((m = /^Zbyt (mał|duż)\(y\/a\/e\): oczekiwano, że \w+ będzie wynosić (>=|<=|>|<)(.+)$/.exec(message))) {
    const words: Record<string, string> = { '>=': 'co najmniej', '<=': 'najwyżej', '>': 'więcej niż', '<': 'mniej niż' };
    return `wartość musi wynosić ${words[m[2]!]} ${m[3]}`;
  }
  if (message === 'Nieprawidłow(y/a/e) URL') return 'podaj pełny adres strony zaczynający się od https://';
  if (message === 'Nieprawidłow(y/a/e) adres email') return 'podaj poprawny adres e-mail';
  return editorSentence(message);
}

function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    const u = unwrap(current);
    current = typeof key === 'number' && u.def.type === 'array' ? u.def.element : u.def.type === 'object' ? u.def.shape?.[String(key)] : undefined;
  }
  return current;
}

/** The enumeration's Polish labels, as the CMS select shows them. */
function optionsHint(schema: z.ZodType | undefined): string | undefined {
  const def = schema && unwrap(schema).def;
  if (def?.type !== 'enum' || !def.entries) return undefined;
  try {
    return `wybierz jedną z opcji: ${enumerationOf(Object.values(def.entries)).options.map((o) => `„${o.label}”`).join(', ')}`;
  } catch {
    return `dozwolone wartości: ${Object.values(def.entries).join(', ')}`;
  }
}

/** The project's own format message of a date or date-time field (src/schemas/common.ts), read from the schema. */
function formatHint(schema: z.ZodType | undefined): string | undefined {
  type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[]; error?: (issue: object) => unknown };
  const queue = schema ? [schema] : [];
  while (queue.length > 0) {
    const def = (queue.shift() as unknown as { _zod: { def: Def } })._zod.def;
    const said = def.type === 'string' ? def.error?.({}) : undefined;
    if (typeof said === 'string') return editorSentence(said);
    queue.push(...[def.innerType, def.in, ...(def.options ?? [])].filter((s): s is z.ZodType => s !== undefined));
  }
  return undefined;
}

/** A sentence of the project's own, to be continued after "pole „…”:". */
const editorSentence = (s: string) => s.replace(/\.$/, '').replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase());

/** Labels of the fields of `from` that refer to entries of `to` ("Część programu lub Powiązane dokumenty"). */
export function referenceFieldsTo(from: CollectionName, to: CollectionName): string | undefined {
  const shape = unwrap(schemas[from]).def.shape ?? {};
  const labels = Object.values(shape).flatMap((field) => {
    const u = unwrap(field);
    const target = u.meta.reference ?? (u.def.type === 'array' && u.def.element ? unwrap(u.def.element).meta.reference : undefined);
    return target === to && u.meta.title ? [u.meta.title] : [];
  });
  return labels.length > 0 ? labels.join(' lub ') : undefined;
}
