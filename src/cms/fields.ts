/**
 * Decap CMS fields from the content schemas: one source of truth, so a field
 * added to a zod schema appears in the CMS with its Polish label, hint,
 * widget, options and required flag at the next `astro dev` or `astro build`.
 *
 * Reads zod 4's own description of a schema (`schema._zod.def`) and the
 * metadata `labelled()`, `cmsWidget()` and the CMS reference factory attach
 * (`z.globalRegistry`). Wrappers are unwrapped to the type an editor fills:
 * optional and default make a field optional, a pipe (transform) is edited as
 * its input.
 */
import { z } from 'astro/zod';
import { crossFieldRuleOf, type CmsWidgetHint, type CollectionName } from '../schemas/common.ts';
import { enumerationOf } from './enumerations.ts';
import { listItemNames } from './list-item-names.ts';

/** A Decap field as config.yml has it; widget-specific keys vary. */
export interface DecapField {
  name: string;
  label: string;
  widget: string;
  required: boolean;
  hint?: string;
  default?: unknown;
  /**
   * For a field Decap shows as "(opcjonalne)" that is required in some cases:
   * the words src/cms/browser/required-notes.ts shows instead, e.g.
   * "wymagane przy losowaniu". Decap itself ignores the key.
   */
  required_note?: string;
  [option: string]: unknown;
}

interface FieldMeta {
  title?: string;
  description?: string;
  cmsWidget?: CmsWidgetHint;
  /** Set by the CMS reference factory (see `cmsReference`). */
  reference?: CollectionName;
}

/** The moment format Decap's datetime widget (dayjs) writes: local time with its offset, e.g. 2020-03-28T10:00:00+01:00. */
export const INSTANT_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ';
export const DAY_FORMAT = 'YYYY-MM-DD';

/** What every date-and-time field tells the editor, besides its own hint. */
const INSTANT_HINT =
  'Czas polski: pole pokazuje i zapisuje godzinę według strefy czasowej przeglądarki (w urzędzie Europe/Warsaw), razem z przesunięciem (+01:00 zimą, +02:00 latem).';

// zod 4's internal definition, read-only and only as far as this file needs it.
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  entries?: Record<string, string>;
  in?: z.ZodType;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  error?: (issue?: unknown) => unknown;
  /** A refine()'s function (check "custom"). */
  fn?: unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (schema: z.ZodType): FieldMeta => (z.globalRegistry.get(schema) ?? {}) as FieldMeta;
const checksOf = (schema: z.ZodType): CheckDef[] => (defOf(schema).checks ?? []).map((c) => c._zod.def);

/** A schema stripped of optional/default/pipe wrappers, with what they said. */
export interface Unwrapped {
  core: z.ZodType;
  def: Def;
  /** The field may be left out (optional, or has a default). */
  optional: boolean;
  defaultValue?: unknown;
  /** Metadata of every layer, the outer layers winning. */
  meta: FieldMeta;
}

export function unwrap(schema: z.ZodType): Unwrapped {
  let core = schema;
  let optional = false;
  let defaultValue: unknown;
  const layers: FieldMeta[] = [];
  for (;;) {
    layers.push(metaOf(core));
    const def = defOf(core);
    // A tagged layer is a leaf: an instant, a calendar day or a reference is edited as a whole.
    if (metaOf(core).cmsWidget && metaOf(core).cmsWidget !== 'text' && metaOf(core).cmsWidget !== 'file') break;
    if (metaOf(core).reference) break;
    if (def.type === 'optional' || def.type === 'nullable') {
      optional = true;
    } else if (def.type === 'default') {
      optional = true;
      defaultValue = def.defaultValue;
    } else if (def.type === 'pipe' && def.in) {
      core = def.in;
      continue;
    } else {
      break;
    }
    core = def.innerType!;
  }
  const meta = Object.assign({}, ...layers.reverse()) as FieldMeta;
  return { core, def: defOf(core), optional, defaultValue, meta };
}

/** What a cross-field rule (src/schemas/common.ts `withRules`) tells about one field, the path relative to the object being walked. */
export interface RuleNote {
  path: readonly string[];
  hint: string;
  requiredNote?: string | undefined;
}

/**
 * The notes of the cross-field rules on an object schema (its zod checks made
 * by `withRules`), at the rule's own field and at every `alsoAt` field.
 * Checks of other origins are not shown (the rules test refuses them).
 */
export function ruleNotesOf(object: z.ZodType): RuleNote[] {
  return checksOf(object).flatMap((check) => {
    const rule = crossFieldRuleOf(check.fn);
    if (!rule) return [];
    return [{ path: rule.path, hint: rule.hint, requiredNote: rule.requiredNote }, ...(rule.alsoAt ?? [])];
  });
}

interface Context {
  /** Every object between the field and the entry (or its list item) is present whenever its container is. */
  present: boolean;
  /** Label of the nearest optional object above, for the hint of its fields. */
  optionalParent?: string | undefined;
  path: string;
  /** Notes of cross-field rules on the objects above, relative to the shape being walked. */
  notes?: RuleNote[];
}

/** Decap fields of a zod object's shape. */
export function fieldsOf(shape: Record<string, z.ZodType>, context: Context = { present: true, path: '' }): DecapField[] {
  return Object.entries(shape).map(([name, schema]) => fieldOf(name, schema, context));
}

function fieldOf(name: string, schema: z.ZodType, context: Context, fallbackLabel?: string): DecapField {
  const u = unwrap(schema);
  const path = context.path ? `${context.path}.${name}` : name;
  const label = u.meta.title ?? fallbackLabel;
  if (!label) throw new Error(`CMS: ${path} has no Polish label; wrap it in labelled(schema, 'Etykieta')`);
  const notes = (context.notes ?? []).filter((n) => n.path[0] === name);
  const own = notes.filter((n) => n.path.length === 1);
  const below = notes.filter((n) => n.path.length > 1).map((n) => ({ ...n, path: n.path.slice(1) }));
  // Decap validates the fields of an object even when the object itself is optional and left empty
  // (decap-cms#2103, #7748), so inside an optional object nothing is marked required: the
  // schema check before saving (src/cms/validate.ts) still refuses a half-filled object.
  const required = !u.optional && context.present;
  const hints = [u.meta.description, ...own.map((n) => n.hint)];
  const requiredIfParent = !u.optional && !context.present && context.optionalParent ? `Wymagane, jeśli wypełniasz „${context.optionalParent}”.` : undefined;
  if (requiredIfParent) hints.push(requiredIfParent);
  const requiredNote = own.find((n) => n.requiredNote)?.requiredNote ?? (requiredIfParent ? `wymagane, jeśli wypełniasz „${context.optionalParent}”` : undefined);
  const inner: Context = { present: context.present && !u.optional, optionalParent: u.optional ? label : context.optionalParent, path, notes: below };
  const field: DecapField = { name, label, widget: 'string', required, ...widgetOf(u, inner, hints) };
  const hint = hints.filter(Boolean).join(' ');
  if (hint) field.hint = hint;
  if (!required && requiredNote) field.required_note = requiredNote;
  // Only a field that is there whenever its container is gets a default: a default inside an
  // optional object would make Decap create the object on every new entry.
  if (u.defaultValue !== undefined && context.present) field.default = u.defaultValue;
  return field;
}

type WidgetOptions = Omit<DecapField, 'name' | 'label' | 'required'>;

function widgetOf(u: Unwrapped, inner: Context, hints: (string | undefined)[]): WidgetOptions {
  if (u.meta.reference) return relationTo(u.meta.reference);
  switch (u.meta.cmsWidget) {
    case 'instant':
      hints.push(INSTANT_HINT);
      return { widget: 'datetime', format: INSTANT_FORMAT, date_format: DAY_FORMAT, time_format: 'HH:mm', picker_utc: false };
    case 'calendar-day':
      return { widget: 'datetime', format: DAY_FORMAT, date_format: DAY_FORMAT, time_format: false, picker_utc: false };
    case 'file':
      return { widget: 'file', media_library: { choose_url: true } };
    default:
  }
  const { def } = u;
  switch (def.type) {
    case 'string':
      return { widget: u.meta.cmsWidget === 'text' || (maxLength(u.core) ?? 0) >= 300 ? 'text' : 'string', ...patternOf(u.core) };
    case 'number':
      return numberOptions(u.core);
    case 'boolean':
      return { widget: 'boolean' };
    case 'enum':
      return { widget: 'select', options: optionsOf(def) };
    case 'object': {
      // A collapsed optional object shows this line, so the editor sees what it holds without opening it.
      const shape = Object.entries(def.shape!);
      const summary = (shape.find(([, f]) => !unwrap(f).optional && unwrap(f).def.type === 'string') ?? shape.find(([, f]) => unwrap(f).def.type === 'string'))?.[0];
      const fields = fieldsOf(def.shape!, { ...inner, notes: [...(inner.notes ?? []), ...ruleNotesOf(u.core)] });
      return { widget: 'object', collapsed: !inner.present, ...(summary ? { summary: `{{fields.${summary}}}` } : {}), fields };
    }
    case 'array':
      return listOf(u.core, def.element!, inner);
    default:
      throw new Error(`CMS: ${inner.path} has a zod type (${def.type}) the CMS config does not know; teach src/cms/fields.ts or tag it with cmsWidget()`);
  }
}

function relationTo(collection: CollectionName): WidgetOptions {
  // The value is the entry's file name without extension: the id Astro's glob loader gives it.
  return { widget: 'relation', collection, value_field: '{{slug}}', search_fields: ['title'], display_fields: ['title'], options_length: 100 };
}

function optionsOf(def: Def): { label: string; value: string }[] {
  const values = Object.values(def.entries ?? {});
  return enumerationOf(values).options.map((o) => ({ label: o.label, value: o.value }));
}

function maxLength(schema: z.ZodType): number | undefined {
  return checksOf(schema).find((c) => c.check === 'max_length')?.maximum;
}

function lengthLimits(schema: z.ZodType): { min?: number; max?: number } {
  const limits: { min?: number; max?: number } = {};
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length' && c.minimum !== undefined) limits.min = c.minimum;
    if (c.check === 'max_length' && c.maximum !== undefined) limits.max = c.maximum;
  }
  return limits;
}

function patternOf(schema: z.ZodType): { pattern?: [string, string] } {
  const regex = checksOf(schema).find((c) => c.check === 'string_format' && c.format === 'regex' && c.pattern);
  if (!regex?.pattern) return {};
  const message = regex.error?.({});
  return { pattern: [regex.pattern.source, typeof message === 'string' ? message.replace(/\.$/, '') : 'niepoprawny format'] };
}

function numberOptions(schema: z.ZodType): WidgetOptions {
  const checks = checksOf(schema);
  const int = checks.some((c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32'));
  const options: WidgetOptions = { widget: 'number', value_type: int ? 'int' : 'float' };
  for (const c of checks) {
    if (c.value === undefined) continue;
    const step = c.inclusive ? 0 : int ? 1 : 0;
    if (c.check === 'greater_than') options['min'] = c.value + step;
    if (c.check === 'less_than') options['max'] = c.value - step;
  }
  if (int) options['step'] = 1;
  return options;
}

function listOf(array: z.ZodType, element: z.ZodType, context: Context): WidgetOptions {
  const limits = lengthLimits(array);
  const item = unwrap(element);
  if (item.meta.reference) return { ...relationTo(item.meta.reference), multiple: true, ...limits };
  if (item.def.type === 'enum') return { widget: 'select', multiple: true, options: optionsOf(item.def), ...limits };
  const inItem: Context = { present: true, path: `${context.path}[]`, notes: ruleNotesOf(item.core) };
  if (item.def.type === 'object') {
    const fields = fieldsOf(item.def.shape!, inItem);
    const first = fields.find((f) => f.widget === 'string' || f.widget === 'text');
    return { widget: 'list', ...itemName(context), collapsed: true, ...(first ? { summary: `{{fields.${first.name}}}` } : {}), fields, ...limits };
  }
  // One input per item: a comma-separated list would split sentences that contain commas.
  const single = fieldOf('item', element, inItem, 'Pozycja');
  return { widget: 'list', ...itemName(context), field: { ...single, required: true }, ...limits };
}

function itemName(context: Context): { label_singular?: string } {
  const name = listItemNames[context.path.split('.').pop() ?? ''];
  return name ? { label_singular: name } : {};
}
