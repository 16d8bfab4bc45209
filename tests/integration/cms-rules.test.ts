/**
 * Every cross-field rule of the content schemas, walked: for each place a
 * rule applies, a valid entry is broken in exactly that rule, and
 *   (a) the build refuses it: the entry written as a markdown file, read the
 *       way Astro's glob loader and src/integrations/content-check.ts read it,
 *       against the collection schema made with Astro's own `reference`;
 *   (b) the CMS refuses it before saving (src/cms/validate.ts `problemsOf`),
 *       with the same message at the same field;
 *   (c) the generated CMS config says the rule under that field (its hint),
 *       and a field the rule may require is not left as just "(opcjonalne)".
 * The rules are found in the schemas themselves, so a new rule without a
 * counter-example here, or an object check made with a bare refine(), fails.
 */
import { createReference } from 'astro/content/runtime';
import { parseFrontmatter } from 'astro/markdown';
import type { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectionFields } from '../../src/cms/config.ts';
import { unwrap, type DecapField } from '../../src/cms/fields.ts';
import { problemsOf, type Path } from '../../src/cms/validate.ts';
import { withWrittenTimes, writtenFrontMatter } from '../../src/integrations/content-check.ts';
import { crossFieldRuleOf, crossFieldRules, type AnyCrossFieldRule, type CollectionName, type ReferenceFactory } from '../../src/schemas/common.ts';
import { collectionFolders, contentSchemas } from '../../src/schemas/index.ts';

const buildSchemas = contentSchemas(createReference() as unknown as ReferenceFactory);
const collections = Object.keys(collectionFolders) as CollectionName[];

type Entry = Record<string, unknown>;

// Valid entries as the CMS writes them (strings for dates and times).
const programme: Entry = {
  title: 'Spacer badawczy: Nowa Huta',
  summary: 'Spacer z ekspertami po Nowej Hucie.',
  year: 2026,
  status: 'enrolment',
  organisers: [{ name: 'Urząd Miasta Krakowa' }],
  period: { start: '2026-03-01', end: '2026-06-30' },
  stages: [{ title: 'Spacer', period: { start: '2026-04-04', end: '2026-04-04' } }],
  enrolment: {
    opens: '2026-03-01T00:00:00+01:00',
    closes: '2026-03-27T23:59:00+01:00',
    mode: 'lottery',
    capacity: 60,
    drawSources: [{ description: 'Wyniki losowania Lotto z 28 marca 2026 r. (6 liczb)', kind: 'numbers' }],
    drawDate: '2026-03-30T12:00:00+02:00',
  },
};

/** A lottery with quotas on both categories the form asks (issue 14). */
const quotaProgramme: Entry = {
  ...programme,
  enrolment: {
    ...(programme['enrolment'] as Entry),
    fields: ['name', 'district', 'age-band'],
    quotas: [
      { field: 'district', values: [{ value: 'I', min: 2, max: 5 }, { value: 'XVIII', min: 2 }] },
      { field: 'age-band', values: [{ value: '18-29', min: 10, max: 20 }] },
    ],
  },
};
/** A lottery whose district quotas are on a group of districts, beside a district no group holds (issue 14). */
const groupProgramme: Entry = {
  ...quotaProgramme,
  enrolment: {
    ...(quotaProgramme['enrolment'] as Entry),
    quotas: [{ field: 'district', values: [{ value: 'I', max: 5 }], groups: [{ name: 'Nowa Huta i okolice', districts: ['XIV', 'XV', 'XVI', 'XVII', 'XVIII'], min: 10, max: 20 }] }],
  },
};
const groupsOf = (e: Entry) => (objectAt(e, 'enrolment')['quotas'] as { groups: { name: string; districts: string[] }[] }[])[0]!.groups;
const quotasOf = (e: Entry) => objectAt(e, 'enrolment')['quotas'] as { field: string; values: { value: string; min?: number; max?: number }[] }[];
const allAgeBands = ['under-18', '18-29', '30-44', '45-59', '60-74', '75-plus'];

const event: Entry = {
  title: 'Warsztat I',
  programme: 'spacer-badawczy',
  kind: 'workshop',
  start: '2026-03-28T10:00:00+01:00',
  end: '2026-03-28T14:00:00+01:00',
  place: { address: 'ul. Zabłocie 22, Kraków' },
  status: 'planned',
};

const consultation: Entry = {
  title: 'Jak rozwijać konsultacje',
  question: 'Jak rozwijać konsultacje społeczne w Krakowie?',
  summary: 'Konsultacje zasad konsultacji.',
  status: 'open',
  period: { start: '2025-11-07', end: '2025-12-07' },
  methods: ['form'],
  contact: { name: 'Referat ds. Partycypacji i Dialogu' },
  enrolment: { opens: '2025-11-07T00:00:00+01:00', closes: '2025-12-07T23:59:00+01:00', mode: 'first-come', capacity: 100 },
};

const accessibilityPage: Entry = {
  title: 'Deklaracja dostępności',
  description: 'Deklaracja dostępności portalu.',
  kind: 'accessibility',
  updated: '2026-11-21',
  accessibility: {
    publisher: 'Urząd Miasta Krakowa',
    siteUrl: 'https://wspolnie.krakow.pl',
    siteNameGenitive: 'portalu Wspólnie',
    publishedOn: '2026-11-21',
    updatedOn: '2026-11-21',
    status: 'full',
    preparedOn: '2026-11-21',
    reviewedOn: '2026-11-21',
    assessment: 'samoocena',
    contactPerson: 'Referat ds. Partycypacji i Dialogu',
    contactEmail: 'konsultacje@um.krakow.pl',
    contactPhone: '12 323 31 44',
  },
};

/** A request from residents, accepted above the threshold of its filing day's rules and sent to a consultation (issue 16). */
const request: Entry = {
  title: 'Zieleń na placu Wolnica',
  applicant: { kind: 'residents' },
  district: 'XIII',
  procedure: 'standard',
  filedOn: '2026-02-02',
  onlineSupport: { until: '2026-03-02' },
  supportersVerified: 250,
  history: [
    { status: 'filed', date: '2026-02-02' },
    { status: 'verification', date: '2026-02-10' },
    { status: 'accepted', date: '2026-02-25' },
    { status: 'consultation', date: '2026-03-10' },
  ],
  consultation: 'jak-rozwijac-konsultacje',
  answer: 'Miasto przeprowadzi konsultacje w marcu.',
};
/** A request an NGO filed and the city refused, with its reason. */
const rejectedRequest: Entry = {
  title: 'Parking przy ul. Lea',
  applicant: { kind: 'ngo', name: 'Stowarzyszenie Przykładowe' },
  district: 'city',
  procedure: 'small',
  filedOn: '2026-04-01',
  supportersVerified: 1,
  history: [
    { status: 'filed', date: '2026-04-01' },
    { status: 'verification', date: '2026-04-03' },
    { status: 'rejected', date: '2026-04-20', reason: 'Sprawa nie należy do zadań gminy.' },
  ],
  answer: 'Wniosek odrzucono, bo sprawa nie należy do zadań gminy.',
};
const historyOf = (e: Entry) => e['history'] as Entry[];
/** A year's plan with one item carried out and one still to come. */
const plan: Entry = {
  year: 2026,
  items: [
    { topic: 'Zasady konsultacji', unit: 'Referat ds. Partycypacji i Dialogu', quarter: 4, method: 'form', consultation: 'jak-rozwijac-konsultacje' },
    { topic: 'Zieleń osiedlowa', unit: 'Zarząd Zieleni Miejskiej', quarter: 2, method: 'citizens-panel' },
  ],
};

interface CounterExample {
  rule: string;
  collection: CollectionName;
  valid: Entry;
  /** Where the refusal must be reported, from the entry's root. */
  at: Path;
  /** Changes the valid entry (a copy) so that it breaks the rule and nothing else. */
  breaks: (entry: Entry) => void;
}

/** The object at `path` (list items by number) inside an entry. */
const objectAt = (entry: Entry, ...path: Path): Entry => path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], entry) as Entry;

const counterExamples: CounterExample[] = [
  { rule: 'period.end-not-before-start', collection: 'programmes', valid: programme, at: ['period', 'end'], breaks: (e) => (objectAt(e, 'period')['end'] = '2026-02-01') },
  { rule: 'period.end-not-before-start', collection: 'programmes', valid: programme, at: ['stages', 0, 'period', 'end'], breaks: (e) => (objectAt(e, 'stages', 0, 'period')['end'] = '2026-04-03') },
  { rule: 'period.end-not-before-start', collection: 'consultations', valid: consultation, at: ['period', 'end'], breaks: (e) => (objectAt(e, 'period')['end'] = '2025-11-06') },
  { rule: 'enrolment.closes-after-opens', collection: 'programmes', valid: programme, at: ['enrolment', 'closes'], breaks: (e) => (objectAt(e, 'enrolment')['closes'] = '2026-02-27T23:59:00+01:00') },
  { rule: 'enrolment.closes-after-opens', collection: 'consultations', valid: consultation, at: ['enrolment', 'closes'], breaks: (e) => (objectAt(e, 'enrolment')['closes'] = '2025-11-07T00:00:00+01:00') },
  { rule: 'enrolment.draw-after-closes', collection: 'programmes', valid: programme, at: ['enrolment', 'drawDate'], breaks: (e) => (objectAt(e, 'enrolment')['drawDate'] = '2026-03-27T12:00:00+01:00') },
  {
    rule: 'enrolment.draw-after-closes',
    collection: 'consultations',
    valid: consultation,
    at: ['enrolment', 'drawDate'],
    breaks: (e) => (objectAt(e, 'enrolment')['drawDate'] = '2025-12-01T12:00:00+01:00'),
  },
  { rule: 'enrolment.capacity-unless-open', collection: 'programmes', valid: programme, at: ['enrolment', 'capacity'], breaks: (e) => delete objectAt(e, 'enrolment')['capacity'] },
  { rule: 'enrolment.capacity-unless-open', collection: 'consultations', valid: consultation, at: ['enrolment', 'capacity'], breaks: (e) => delete objectAt(e, 'enrolment')['capacity'] },
  {
    rule: 'remark.decision-justified',
    collection: 'consultations',
    valid: {
      ...consultation,
      remarks: [
        {
          topic: 'Zieleń',
          channel: 'letter',
          count: 2,
          summary: 'Więcej drzew przy ulicy Łąkowej.',
          decision: 'accepted',
          justification: 'Nasadzenia są w planie Zarządu Zieleni Miejskiej.',
          actions: [{ action: 'Nasadzenie 12 lip', unit: 'Zarząd Zieleni Miejskiej', status: 'planned', date: '2026-04-15' }],
        },
      ],
    },
    at: ['remarks', 0, 'justification'],
    breaks: (e) => (objectAt(e, 'remarks', 0)['justification'] = '  '),
  },
  { rule: 'consultation.no-lottery', collection: 'consultations', valid: consultation, at: ['enrolment', 'mode'], breaks: (e) => (objectAt(e, 'enrolment')['mode'] = 'lottery') },
  { rule: 'programme.lottery-announces-sources', collection: 'programmes', valid: programme, at: ['enrolment', 'drawSources'], breaks: (e) => (objectAt(e, 'enrolment')['drawSources'] = []) },
  { rule: 'programme.lottery-announces-draw-date', collection: 'programmes', valid: programme, at: ['enrolment', 'drawDate'], breaks: (e) => delete objectAt(e, 'enrolment')['drawDate'] },
  { rule: 'enrolment.quotas-lottery-only', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (objectAt(e, 'enrolment')['mode'] = 'first-come') },
  { rule: 'enrolment.quotas-lottery-only', collection: 'consultations', valid: consultation, at: ['enrolment', 'quotas'], breaks: (e) => (objectAt(e, 'enrolment')['quotas'] = [{ field: 'district', values: [{ value: 'I', min: 1 }] }]) },
  { rule: 'programme.quotas-distinct', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (quotasOf(e)[1] = { field: 'district', values: [{ value: 'II', min: 1 }] }) },
  { rule: 'programme.quotas-field-asked', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (objectAt(e, 'enrolment')['fields'] = ['name', 'district']) },
  { rule: 'programme.quotas-values-match', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => quotasOf(e)[1]!.values.push({ value: 'I', min: 0 }) },
  { rule: 'programme.quotas-category-names-something', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (quotasOf(e)[1]!.values = []) },
  { rule: 'programme.quotas-groups-district-only', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => ((quotasOf(e)[1] as Entry)['groups'] = [{ name: 'Młodzi', districts: ['I'] }]) },
  { rule: 'programme.quotas-group-names', collection: 'programmes', valid: groupProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (groupsOf(e)[0]!.name = 'XIV') },
  { rule: 'programme.quotas-group-names', collection: 'programmes', valid: groupProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (groupsOf(e)[0]!.name = 'dzielnica i stare miasto') },
  { rule: 'programme.quotas-group-districts', collection: 'programmes', valid: groupProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (groupsOf(e)[0]!.districts = []) },
  { rule: 'programme.quotas-values-match', collection: 'programmes', valid: groupProgramme, at: ['enrolment', 'quotas'], breaks: (e) => groupsOf(e).push({ name: 'Zachód', districts: ['VI', 'XV'] }) },
  { rule: 'programme.quotas-values-match', collection: 'programmes', valid: groupProgramme, at: ['enrolment', 'quotas'], breaks: (e) => quotasOf(e)[0]!.values.push({ value: 'XV', max: 3 }) },
  { rule: 'programme.quotas-min-not-over-max', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (quotasOf(e)[0]!.values[0]!.min = 6) },
  { rule: 'programme.quotas-minima-fit', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (quotasOf(e)[0]!.values[1]!.min = 59) },
  { rule: 'programme.quotas-maxima-reach', collection: 'programmes', valid: quotaProgramme, at: ['enrolment', 'quotas'], breaks: (e) => (quotasOf(e)[1]!.values = allAgeBands.map((value) => ({ value, min: 0, max: 9 }))) },
  { rule: 'event.programme-or-consultation', collection: 'events', valid: event, at: ['programme'], breaks: (e) => delete e['programme'] },
  { rule: 'event.end-after-start', collection: 'events', valid: event, at: ['end'], breaks: (e) => (e['end'] = '2026-03-28T10:00:00+01:00') },
  { rule: 'event.place-in-person', collection: 'events', valid: event, at: ['place'], breaks: (e) => delete e['place'] },
  {
    rule: 'event.phone-for-phone-duty',
    collection: 'events',
    valid: { ...event, kind: 'duty-phone', place: undefined, phone: '12 323 31 44' },
    at: ['phone'],
    breaks: (e) => delete e['phone'],
  },
  { rule: 'event.online-url', collection: 'events', valid: { ...event, status: 'online', statusReason: 'Remont sali.', statusDecidedOn: '2026-03-20', onlineUrl: 'https://meet.example.pl/a' }, at: ['onlineUrl'], breaks: (e) => delete e['onlineUrl'] },
  { rule: 'event.status-reason', collection: 'events', valid: { ...event, status: 'cancelled', statusReason: 'Choroba prowadzącej.', statusDecidedOn: '2026-03-20' }, at: ['statusReason'], breaks: (e) => (e['statusReason'] = '   ') },
  { rule: 'event.status-decided-on', collection: 'events', valid: { ...event, status: 'moved', statusReason: 'Remont sali.', statusDecidedOn: '2026-03-20' }, at: ['statusDecidedOn'], breaks: (e) => delete e['statusDecidedOn'] },
  { rule: 'request.filed-under-rules', collection: 'requests', valid: request, at: ['filedOn'], breaks: (e) => ((e['filedOn'] = '2018-09-03'), (historyOf(e)[0]!['date'] = '2018-09-03'), (e['onlineSupport'] = { until: '2018-10-03' })) },
  { rule: 'request.applicant-name', collection: 'requests', valid: request, at: ['applicant', 'name'], breaks: (e) => (objectAt(e, 'applicant')['name'] = 'Jan Kowalski') },
  { rule: 'request.online-support-after-filing', collection: 'requests', valid: request, at: ['onlineSupport', 'until'], breaks: (e) => (objectAt(e, 'onlineSupport')['until'] = '2026-02-01') },
  { rule: 'request.history-starts-filed', collection: 'requests', valid: request, at: ['history'], breaks: (e) => (historyOf(e)[0]!['date'] = '2026-02-03') },
  { rule: 'request.history-dates', collection: 'requests', valid: request, at: ['history'], breaks: (e) => (historyOf(e)[2]!['date'] = '2026-02-05') },
  { rule: 'request.history-order', collection: 'requests', valid: request, at: ['history'], breaks: (e) => (historyOf(e)[1]!['status'] = 'accepted') },
  { rule: 'request.accepted-threshold', collection: 'requests', valid: request, at: ['supportersVerified'], breaks: (e) => (e['supportersVerified'] = 199) },
  { rule: 'request.answer-with-decision', collection: 'requests', valid: rejectedRequest, at: ['answer'], breaks: (e) => delete e['answer'] },
  { rule: 'request.consultation-reference', collection: 'requests', valid: request, at: ['consultation'], breaks: (e) => delete e['consultation'] },
  { rule: 'request.rejected-reason', collection: 'requests', valid: rejectedRequest, at: ['history', 2, 'reason'], breaks: (e) => delete historyOf(e)[2]!['reason'] },
  { rule: 'plan.consultation-once', collection: 'plans', valid: plan, at: ['items'], breaks: (e) => (objectAt(e, 'items', 1)['consultation'] = 'jak-rozwijac-konsultacje') },
  { rule: 'page.accessibility-statement-data', collection: 'pages', valid: accessibilityPage, at: ['accessibility'], breaks: (e) => delete e['accessibility'] },
];

/** A copy without undefined values (as a file would have them: absent). */
const copyOf = (entry: Entry): Entry => JSON.parse(JSON.stringify(entry)) as Entry;

/** The entry saved as a markdown file and read back as the build reads it: its refusals as [path, message]. */
function buildRefusals(collection: CollectionName, entry: Entry): [string, string][] {
  const markdown = `---\n${stringify(entry)}---\n\nTreść.\n`;
  const schema = buildSchemas[collection] as z.ZodType;
  // Astro's glob loader reads front matter with parseFrontmatter (js-yaml); content-check.ts then restores the written times.
  const data = withWrittenTimes(schema, parseFrontmatter(markdown).frontmatter as Entry, writtenFrontMatter(markdown));
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

const cmsRefusals = (collection: CollectionName, entry: Entry): [string, string][] => problemsOf(collection, entry).map((p) => [p.path.join('.'), p.message]);

/** The generated field at a path of an entry (list indices skipped: a list's item fields are its `fields`). */
function fieldAt(collection: CollectionName, path: Path): DecapField | undefined {
  let fields: DecapField[] | undefined = collectionFields(collection);
  let field: DecapField | undefined;
  for (const key of path) {
    if (typeof key === 'number') continue;
    field = fields?.find((f) => f.name === key);
    fields = field?.['fields'] as DecapField[] | undefined;
  }
  return field;
}

/** Every place a rule applies: collection and the pattern of its object ("stages.[].period"), from the schemas' own checks. */
function occurrences(): { collection: CollectionName; object: string; rule: AnyCrossFieldRule }[] {
  const found: { collection: CollectionName; object: string; rule: AnyCrossFieldRule }[] = [];
  const visit = (collection: CollectionName, schema: z.ZodType, pattern: string[]) => {
    const u = unwrap(schema);
    if (u.def.type === 'array' && u.def.element) return visit(collection, u.def.element, [...pattern, '[]']);
    if (u.def.type !== 'object') return;
    for (const check of u.def.checks ?? []) {
      const rule = crossFieldRuleOf(check._zod.def.fn);
      if (!rule) throw new Error(`${collection} ${pattern.join('.') || '(wpis)'}: a check on an object not made with withRules() (src/schemas/common.ts) — the CMS cannot show it`);
      found.push({ collection, object: pattern.join('.'), rule });
    }
    for (const [name, field] of Object.entries(u.def.shape ?? {})) visit(collection, field, [...pattern, name]);
  };
  for (const collection of collections) visit(collection, buildSchemas[collection] as z.ZodType, []);
  return found;
}

const patternOf = (path: Path) => path.map((k) => (typeof k === 'number' ? '[]' : k)).join('.');

describe('every cross-field rule of the content schemas', () => {
  const all = occurrences();

  it('is declared with withRules(), and each place it applies has a counter-example below', () => {
    const rules = crossFieldRules();
    expect(rules.length).toBeGreaterThanOrEqual(14);
    const uncovered = all.filter(({ collection, object, rule }) => !counterExamples.some((c) => c.rule === rule.id && c.collection === collection && patternOf(c.at) === [object, ...rule.path].filter(Boolean).join('.')));
    expect(uncovered.map((o) => `${o.collection}: ${o.rule.id} at ${o.object || '(wpis)'}`)).toEqual([]);
    expect(counterExamples.filter((c) => !rules.some((r) => r.id === c.rule)).map((c) => c.rule)).toEqual([]);
  });

  it.each(collections.filter((c) => counterExamples.some((e) => e.collection === c)))('starts from %s entries that the build and the CMS both accept', (collection) => {
    for (const { valid } of counterExamples.filter((c) => c.collection === collection)) {
      expect(buildRefusals(collection, copyOf(valid))).toEqual([]);
      expect(cmsRefusals(collection, copyOf(valid))).toEqual([]);
    }
  });

  it.each(counterExamples.map((c) => [`${c.rule} (${c.collection}: ${c.at.join('.')})`, c] as const))('%s: refused by the build and the CMS alike, and shown on the field', (_name, example) => {
    const rule = crossFieldRules().find((r) => r.id === example.rule)!;
    expect(example.at.slice(-rule.path.length)).toEqual(rule.path);
    const broken = copyOf(example.valid);
    example.breaks(broken);
    const refusal: [string, string] = [example.at.join('.'), rule.message];
    // (a) and (b): exactly this refusal, nothing else.
    expect(buildRefusals(example.collection, broken)).toEqual([refusal]);
    expect(cmsRefusals(example.collection, broken)).toEqual([refusal]);
    // (c) the rule, in words, under the field it concerns (and under any other field it names).
    const objectPath = example.at.slice(0, example.at.length - rule.path.length);
    for (const place of [{ path: rule.path, hint: rule.hint, requiredNote: rule.requiredNote }, ...(rule.alsoAt ?? [])]) {
      const field = fieldAt(example.collection, [...objectPath, ...place.path]);
      expect(field, place.path.join('.')).toBeDefined();
      expect(field!.hint, `${field!.label}: hint`).toContain(place.hint);
      // Decap writes "(opcjonalne)" after the label of every field with required: false; the note replaces it.
      if (field!.required === false && place.requiredNote) expect(field!.required_note, `${field!.label}: note`).toBe(place.requiredNote);
    }
  });

  it('leaves no field the rules may require marked only as optional', () => {
    for (const { collection, object, rule } of all) {
      for (const place of [{ path: rule.path, requiredNote: rule.requiredNote }, ...(rule.alsoAt ?? [])]) {
        if (!place.requiredNote) continue;
        const path = [...(object ? object.split('.').filter((k) => k !== '[]') : []), ...place.path];
        const field = fieldAt(collection, path);
        expect(field?.required === true || field?.required_note === place.requiredNote, `${collection} ${path.join('.')}`).toBe(true);
      }
    }
  });
});

describe('an event with neither a programme nor a consultation', () => {
  it('is refused, and one with either is accepted', () => {
    const { programme: _programme, ...orphan } = event;
    const message = crossFieldRules().find((r) => r.id === 'event.programme-or-consultation')!.message;
    expect(cmsRefusals('events', orphan)).toEqual([['programme', message]]);
    expect(cmsRefusals('events', { ...orphan, programme: '' })).toEqual([['programme', message]]);
    expect(cmsRefusals('events', { ...orphan, consultation: 'jak-rozwijac-konsultacje' })).toEqual([]);
    expect(buildRefusals('events', { ...orphan, consultation: 'jak-rozwijac-konsultacje' })).toEqual([]);
  });
});
