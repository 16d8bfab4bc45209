import { parseFrontmatter } from 'astro/markdown';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { enumerations } from './enumerations.ts';
import { cmsAuthEndpoint, cmsReference, collectionFields, decapConfig, defaultLocalBackendUrl } from './config.ts';
import { DAY_FORMAT, INSTANT_FORMAT, type DecapField } from './fields.ts';
import { listItemNames } from './list-item-names.ts';
import { configYaml } from '../integrations/decap.ts';
import { plainReference, type CollectionName } from '../schemas/common.ts';
import { collectionFolders, contentSchemas } from '../schemas/index.ts';
import { problemsOf, withoutEmpty } from './validate.ts';

// The oracle here is the schema's behaviour (what it accepts), not the walker
// in fields.ts: a field is required when the schema refuses it missing.

const collections = Object.keys(collectionFolders) as CollectionName[];
const schemas = contentSchemas(cmsReference);
const config = decapConfig({ site: 'https://wspolnie.example.pl', githubRepo: 'miasto/wspolnie' });

type Shape = Record<string, z.ZodType>;
const shapeOf = (schema: unknown): Shape | undefined => {
  // Through optional/default/pipe to an object, if there is one.
  let s = schema as { _zod: { def: { type: string; innerType?: unknown; in?: unknown; shape?: Shape } } };
  for (;;) {
    const def = s._zod.def;
    if (def.type === 'object') return def.shape;
    const next = def.innerType ?? def.in;
    if (!next) return undefined;
    s = next as typeof s;
  }
};
const elementOf = (schema: unknown): z.ZodType | undefined => {
  let s = schema as { _zod: { def: { type: string; innerType?: unknown; element?: z.ZodType } } };
  while (s._zod.def.innerType) s = s._zod.def.innerType as typeof s;
  return s._zod.def.type === 'array' ? s._zod.def.element : undefined;
};
const acceptsMissing = (schema: z.ZodType) => schema.safeParse(undefined).success;
const titleOf = (schema: z.ZodType) => (z.globalRegistry.get(schema) as { title?: string } | undefined)?.title;

interface Pair {
  path: string;
  schema: z.ZodType;
  field: DecapField | undefined;
  /** Required in the CMS: required by the schema, inside objects that are always there. */
  expectRequired: boolean;
}

/** Every schema field with the CMS field generated for it, objects and lists of objects included. */
function pairs(shape: Shape, fields: DecapField[], path = '', present = true): Pair[] {
  return Object.entries(shape).flatMap(([name, schema]) => {
    const field = fields.find((f) => f.name === name);
    const here = `${path}${name}`;
    const required = !acceptsMissing(schema);
    const own: Pair = { path: here, schema, field, expectRequired: required && present };
    const inner = shapeOf(schema);
    const element = elementOf(schema);
    const itemShape = element ? shapeOf(element) : undefined;
    if (inner && field?.['fields']) return [own, ...pairs(inner, field['fields'] as DecapField[], `${here}.`, present && required)];
    if (itemShape && field?.['fields']) return [own, ...pairs(itemShape, field['fields'] as DecapField[], `${here}[].`, true)];
    return [own];
  });
}

describe('the generated Decap config', () => {
  for (const collection of collections) {
    describe(collection, () => {
      const fields = collectionFields(collection);
      const all = pairs(shapeOf(schemas[collection])!, fields);

      it('has a field for every schema field, and a markdown body', () => {
        expect(all.filter((p) => !p.field).map((p) => p.path)).toEqual([]);
        expect(fields.map((f) => f.name)).toEqual([...Object.keys(shapeOf(schemas[collection])!), 'body']);
        expect(fields.at(-1)).toMatchObject({ name: 'body', widget: 'markdown', required: false });
      });

      it('marks a field required exactly where the schema requires it', () => {
        const wrong = all.filter((p) => p.field && p.field.required !== p.expectRequired).map((p) => `${p.path}: CMS ${p.field!.required}, schema ${p.expectRequired}`);
        expect(wrong).toEqual([]);
      });

      it('labels each field with the schema label', () => {
        const wrong = all.filter((p) => titleOf(p.schema) !== p.field?.label).map((p) => `${p.path}: ${p.field?.label} ≠ ${titleOf(p.schema)}`);
        expect(wrong).toEqual([]);
      });

      it('offers the options of the enumeration, and the schema takes exactly those', () => {
        const selects = all.filter((p) => p.field?.widget === 'select');
        for (const { path, schema, field } of selects) {
          const options = field!['options'] as { label: string; value: string }[];
          const same = (e: (typeof enumerations)[number]) => JSON.stringify(e.options.map((o) => [o.value, o.label])) === JSON.stringify(options.map((o) => [o.value, o.label]));
          const source = enumerations.find(same);
          expect(source, `${path}: options of no enumeration in src/data`).toBeDefined();
          const value = (v: string) => (field!['multiple'] ? [v] : v);
          for (const o of options) expect(schema.safeParse(value(o.value)).success, `${path} takes ${o.value}`).toBe(true);
          expect(schema.safeParse(value('not-an-option')).success, `${path} refuses other values`).toBe(false);
        }
      });

      it('makes every reference a relation to the collection it points at, by entry id', () => {
        for (const { path, schema, field } of all) {
          const element = elementOf(schema);
          const single = schema.safeParse('some-entry');
          const target = single.success && single.data && typeof single.data === 'object' && 'collection' in single.data ? single.data.collection : undefined;
          const listed = element?.safeParse('some-entry');
          const listTarget = listed?.success && typeof listed.data === 'object' && listed.data && 'collection' in listed.data ? listed.data.collection : undefined;
          const expected = target ?? listTarget;
          if (!expected) {
            expect(field?.widget, path).not.toBe('relation');
            continue;
          }
          expect(field, path).toMatchObject({ widget: 'relation', collection: expected, value_field: '{{slug}}', display_fields: ['title'] });
          expect(field?.['multiple'] ?? false, path).toBe(Boolean(listTarget));
        }
      });

      it('edits instants with their offset and calendar days as YYYY-MM-DD', () => {
        for (const { path, schema, field } of all) {
          if (field?.widget !== 'datetime') continue;
          const isInstant = schema.safeParse('2020-03-28T10:00:00+01:00').success && !schema.safeParse('2020-03-28').success;
          const isDay = schema.safeParse('2020-03-28').success;
          expect(isInstant || isDay, path).toBe(true);
          if (isInstant) {
            expect(field, path).toMatchObject({ format: INSTANT_FORMAT, picker_utc: false });
            expect(field.hint, path).toContain('Europe/Warsaw');
          } else {
            expect(field, path).toMatchObject({ format: DAY_FORMAT, time_format: false });
          }
        }
      });

      it('names the items of every list for its "Dodaj …" button', () => {
        const lists = all.filter((p) => p.field?.widget === 'list');
        expect(lists.filter((p) => !p.field!['label_singular']).map((p) => p.path)).toEqual([]);
      });
    });
  }

  it('finds the references and enumerations it checks above', () => {
    const field = (c: CollectionName, name: string) => collectionFields(c).find((f) => f.name === name);
    expect(field('events', 'programme')).toMatchObject({ widget: 'relation', collection: 'programmes' });
    expect(field('consultations', 'resultReport')).toMatchObject({ widget: 'relation', collection: 'reports' });
    expect(field('programmes', 'relatedReports')).toMatchObject({ widget: 'relation', collection: 'reports', multiple: true });
    expect(field('consultations', 'methods')).toMatchObject({ widget: 'select', multiple: true, min: 1, required: true });
    expect(field('programmes', 'organisers')).toMatchObject({ widget: 'list', min: 1, required: true });
  });

  it('uploads attachments into the folder the site serves', () => {
    const attachments = collectionFields('reports').find((f) => f.name === 'attachments')!;
    expect((attachments['fields'] as DecapField[]).find((f) => f.name === 'file')).toMatchObject({ widget: 'file', required: true });
    expect(config).toMatchObject({ media_folder: 'public/pliki', public_folder: '/pliki' });
  });

  it('has a select for an event status with a hint about the reason and date', () => {
    const status = collectionFields('events').find((f) => f.name === 'status')!;
    expect(status).toMatchObject({ widget: 'select', default: 'planned', required: false });
    expect(status.hint).toMatch(/powód.*datę decyzji/);
  });

  it('is Polish, with ASCII file names, GitHub with review in production and decap-server locally', () => {
    expect(config).toMatchObject({
      locale: 'pl',
      slug: { encoding: 'ascii', clean_accents: true },
      backend: { name: 'github', repo: 'miasto/wspolnie', branch: 'main', base_url: 'https://wspolnie.example.pl', auth_endpoint: cmsAuthEndpoint },
      publish_mode: 'editorial_workflow',
      local_backend: { url: defaultLocalBackendUrl },
    });
    expect(config.collections.map((c) => [c.name, c.folder])).toEqual(collections.map((c) => [c, `src/content/${collectionFolders[c]}`]));
    expect(config.collections.find((c) => c.name === 'pages')).toMatchObject({ create: false, delete: false });
  });

  it('takes the OAuth origin from the environment when the function lives elsewhere', () => {
    expect(decapConfig({ site: 'https://a.example', oauthBaseUrl: 'https://auth.example/x/' }).backend.base_url).toBe('https://auth.example');
    // Netlify's own OAuth provider lives at https://api.netlify.com/auth.
    expect(decapConfig({ site: 'https://a.example', oauthBaseUrl: 'https://api.netlify.com' }).backend).toMatchObject({
      base_url: 'https://api.netlify.com',
      auth_endpoint: 'auth',
    });
  });

  it('is written as YAML that parses back to the same config', () => {
    const text = configYaml({ site: 'https://wspolnie.example.pl', githubRepo: 'miasto/wspolnie' });
    expect(text.startsWith('# GENERATED')).toBe(true);
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(config)));
  });

  it('has a Polish name for every list it may show', () => {
    expect(Object.values(listItemNames).every((n) => n.length > 0)).toBe(true);
  });

  // Decap 3 fills a new entry's list of objects with one item when a field inside it has a default
  // (createEmptyDraftData): an empty required item then blocks saving the whole entry (it did, with quotas).
  it('puts no default on a field inside a list of objects', () => {
    const defaultsInLists: string[] = [];
    const visit = (fields: readonly DecapField[], path: string, inList: boolean) => {
      for (const f of fields) {
        const here = `${path}.${f.name}`;
        if (inList && f['default'] !== undefined) defaultsInLists.push(here);
        const nested = f['fields'] as DecapField[] | undefined;
        if (nested) visit(nested, here, inList || f.widget === 'list');
      }
    };
    for (const collection of Object.keys(collectionFolders) as CollectionName[]) visit(collectionFields(collection), collection, false);
    expect(defaultsInLists).toEqual([]);
  });
});

// What Decap CMS 3.16 writes (captured from a save through decap-server): unquoted days, plain strings, [] for
// untouched lists, and, without the tidy-up before saving, "" for every optional field an editor cleared.
const newsAsDecapWritesIt = `---
title: „Zażółć gęślą jaźń” — test
date: 2026-01-15
lead: "Łódź i Kraków: zażółć gęślą jaźń."
kind: announcement
tags: []
---
Treść z polskimi literami: zażółć gęślą jaźń.`;

const cancelledEventAsDecapWritesIt = `---
title: Spotkanie informacyjne
programme: wspolne-projekty-dzielnicowe-2020
kind: workshop
start: 2030-05-12T17:00:00+02:00
end: 2030-05-12T19:00:00+02:00
place:
  address: ul. Bracka 10, Kraków
status: cancelled
statusReason: Sala niedostępna z powodu awarii ogrzewania.
statusDecidedOn: 2030-05-02
---
Spotkanie testowe.`;

describe('an entry as the CMS writes it', () => {
  const plain = contentSchemas(plainReference);
  const read = (markdown: string) => parseFrontmatter(markdown, { frontmatter: 'empty-with-spaces' }).frontmatter as Record<string, unknown>;

  it('passes the build schema (news with Polish letters)', () => {
    expect(plain.news.safeParse(read(newsAsDecapWritesIt)).error?.issues ?? []).toEqual([]);
  });

  it('passes the build schema (a cancelled event with its reason; unquoted instants read as dates)', () => {
    const data = read(cancelledEventAsDecapWritesIt);
    const parsed = plain.events.parse(data);
    expect(parsed.start.toISOString()).toBe('2030-05-12T15:00:00.000Z');
    expect(parsed.statusDecidedOn).toBe('2030-05-02');
  });

  it('fails without the tidy-up, passes with it: cleared optional fields become absent', () => {
    const cleared = { ...read(cancelledEventAsDecapWritesIt), onlineUrl: '', phone: '', capacity: '', consultation: '', place: { address: 'ul. Bracka 10', name: '', room: '' } };
    expect(plain.events.safeParse(cleared).success).toBe(false);
    expect(problemsOf('events', cleared)).toEqual([]);
    expect(withoutEmpty(cleared)).not.toHaveProperty('onlineUrl');
  });

  it('is refused, naming the field in Polish, when a cancellation has no reason', () => {
    const data = { ...read(cancelledEventAsDecapWritesIt), statusReason: '' };
    expect(problemsOf('events', data)).toEqual([
      { path: ['statusReason'], field: 'Powód zmiany', message: 'Podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego.' },
    ]);
  });

  it('names nested and listed fields by their labels', () => {
    const report = { title: 'R', type: 'summary', date: '2030-01-01', summary: 'S', attachments: [{ title: 'Plik', file: 'C:\\raport.pdf', format: 'pdf' }] };
    expect(problemsOf('reports', report)).toEqual([
      { path: ['attachments', 0, 'file'], field: 'Załączniki (poz. 1) › Plik', message: 'Plik musi być wgrany do /pliki/ albo podany jako pełny adres https://' },
    ]);
    const event = { ...read(cancelledEventAsDecapWritesIt), status: 'planned', place: { name: 'Sala' } };
    expect(problemsOf('events', event)).toEqual([{ path: ['place', 'address'], field: 'Miejsce › Adres', message: 'To pole jest wymagane.' }]);
  });
});
