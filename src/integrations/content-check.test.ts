import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontmatter } from 'astro/markdown';
import { describe, expect, it } from 'vitest';
import { collectionFields } from '../cms/config.ts';
import type { DecapField } from '../cms/fields.ts';
import { plainReference, type CollectionName } from '../schemas/common.ts';
import { collectionFolders, contentSchemas } from '../schemas/index.ts';
import { describeTimeProblem, emptyFolderQuiet, timeFieldsOf, timeProblems, withWrittenTimes, writtenFrontMatter } from './content-check.ts';
import { eventWithTimes } from '../../tests/support/content-files.ts';

const schemas = contentSchemas(plainReference);
const collections = Object.keys(collectionFolders) as CollectionName[];
const root = new URL('../../', import.meta.url).pathname;

const event = eventWithTimes;

/** What the build's schema says of a markdown file: Astro's front matter reading, then the loader's. */
function buildIssues(markdown: string) {
  const data = withWrittenTimes(schemas.events, parseFrontmatter(markdown).frontmatter as Record<string, unknown>, writtenFrontMatter(markdown));
  const result = schemas.events.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const noOffset =
  'Brak przesunięcia strefy czasowej: „2026-12-05 10:00:00” nie mówi, według której strefy liczyć godzinę. W Polsce obowiązuje wtedy czas zimowy: wpisz 2026-12-05T10:00:00+01:00.';
const impossible = 'Taki dzień nie istnieje: 2020-13-45. Sprawdź miesiąc (01–12) i dzień miesiąca.';

describe('times read as written', () => {
  it('shows the fault it guards against: js-yaml alone turns these into other instants and days', () => {
    const read = parseFrontmatter(event('2026-12-05 10:00:00', '2020-13-45')).frontmatter as { start: Date; statusDecidedOn: Date };
    expect(read.start.toISOString()).toBe('2026-12-05T10:00:00.000Z'); // 11:00 in Kraków
    expect(read.statusDecidedOn.toISOString().slice(0, 10)).toBe('2021-02-14');
    expect(schemas.events.safeParse(read).success).toBe(true);
  });

  it.each([
    ['unquoted', '2026-12-05 10:00:00'],
    ['quoted', '"2026-12-05 10:00:00"'],
  ])('refuses a time without an offset (%s), by its label', (_name, start) => {
    const markdown = event(start);
    expect(timeProblems(schemas.events, writtenFrontMatter(markdown))).toEqual([{ path: ['start'], field: 'Początek', written: '2026-12-05 10:00:00', message: noOffset }]);
    expect(buildIssues(markdown)).toEqual([{ path: 'start', message: noOffset }]);
  });

  it('refuses a day that does not exist, quoted or not', () => {
    for (const day of ['2020-13-45', '"2020-13-45"']) {
      expect(buildIssues(event('2026-12-05T10:00:00+01:00', day))).toEqual([{ path: 'statusDecidedOn', message: impossible }]);
    }
  });

  it('names the file and the field in one Polish sentence', () => {
    const [problem] = timeProblems(schemas.events, writtenFrontMatter(event('2026-12-05 10:00:00')));
    expect(describeTimeProblem('src/content/wydarzenia/x.md', problem!)).toBe(`Plik src/content/wydarzenia/x.md, pole „Początek”: ${noOffset}`);
  });

  it('keeps an unquoted time with an offset, and a day, as the same instant and day', () => {
    const markdown = event('2026-12-05T10:00:00+01:00');
    const data = schemas.events.parse(withWrittenTimes(schemas.events, parseFrontmatter(markdown).frontmatter as Record<string, unknown>, writtenFrontMatter(markdown)));
    expect(data.start.toISOString()).toBe('2026-12-05T09:00:00.000Z');
    expect(data.statusDecidedOn).toBe('2026-11-20');
  });

  it('reaches nested fields and fields in lists', () => {
    const programme = `---
period:
  start: 2014-01-01
stages:
  - title: A
    period:
      start: 2014-02-30
enrolment:
  opens: 2026-03-01 00:00
---
`;
    expect(timeProblems(schemas.programmes, writtenFrontMatter(programme)).map((p) => [p.path.join('.'), p.field])).toEqual([
      ['stages.0.period.start', 'Etapy (poz. 1) › Okres › Początek'],
      ['enrolment.opens', 'Zapisy › Początek naboru'],
    ]);
  });

  it.each(collections)('covers every date and time field the CMS offers in %s', (collection) => {
    const datetimes: string[] = [];
    const walk = (fields: DecapField[], prefix: string[]) => {
      for (const f of fields) {
        if (f.widget === 'datetime') datetimes.push([...prefix, f.name].join('.'));
        if (Array.isArray(f['fields'])) walk(f['fields'] as DecapField[], f.widget === 'list' ? [...prefix, f.name, '[]'] : [...prefix, f.name]);
      }
    };
    walk(collectionFields(collection), []);
    expect(timeFieldsOf(schemas[collection]).map((f) => f.pattern.join('.')).sort()).toEqual(datetimes.sort());
  });

  it.each(collections)('finds nothing wrong in the content of %s', async (collection) => {
    const folder = join(root, 'src/content', collectionFolders[collection]);
    const files = (await readdir(folder)).filter((name) => name.endsWith('.md'));
    // No real request or plan exists in the seeds (issue 16).
    if (!['requests', 'plans'].includes(collection)) expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const markdown = await readFile(join(folder, name), 'utf8');
      expect(timeProblems(schemas[collection], writtenFrontMatter(markdown)), name).toEqual([]);
    }
  });
});

describe('emptyFolderQuiet', () => {
  it("says the glob loader's empty-folder warning as a Polish note, and passes every other message on", () => {
    const said: string[] = [];
    const logger = {
      label: 'content',
      options: {},
      info: (m: string) => said.push(`info ${m}`),
      warn: (m: string) => said.push(`warn ${m}`),
      error: (m: string) => said.push(`error ${m}`),
      debug: (m: string) => said.push(`debug ${m}`),
      fork: () => logger,
    } as unknown as Parameters<typeof emptyFolderQuiet>[0];
    const quiet = emptyFolderQuiet(logger, './src/content/wnioski');
    quiet.warn('No files found matching "**/*.{md,mdx}" in directory "src/content/wnioski"');
    quiet.warn('The base directory "/x" does not exist.');
    quiet.error('broken');
    expect(said).toEqual([
      'info Brak wpisów w ./src/content/wnioski — strony pokażą pusty stan.',
      'warn The base directory "/x" does not exist.',
      'error broken',
    ]);
  });
});
