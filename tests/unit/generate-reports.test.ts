import { parseFrontmatter } from 'astro/markdown';
import { describe, expect, it } from 'vitest';
import { benchArchive, generateReports } from '../../bench/generate-reports.ts';
import { plainReference } from '../../src/schemas/common.ts';
import { contentSchemas } from '../../src/schemas/index.ts';

const schema = contentSchemas(plainReference).reports;

describe('benchmark reports', () => {
  const reports = generateReports(200, ['wspolne-projekty-miejskie-2020']);

  it('are valid archive entries', () => {
    for (const [name, markdown] of reports) {
      const { frontmatter } = parseFrontmatter(markdown);
      const parsed = schema.safeParse(frontmatter);
      expect(parsed.success ? [] : [name, ...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)]).toEqual([]);
    }
  });

  it('are the same every run, and name ids without Polish letters', () => {
    expect(generateReports(200, ['wspolne-projekty-miejskie-2020'])).toEqual(reports);
    for (const name of reports.keys()) expect(name).toMatch(/^[a-z0-9-]+\.md$/);
  });

  it('mention Łódź and use every Polish letter', () => {
    const text = [...reports.values()].join('\n');
    expect(text.split('Łódź').length - 1).toBeGreaterThanOrEqual(200 / 7);
    for (const letter of 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ') expect(text, letter).toContain(letter);
  });
});

describe('benchArchive', () => {
  it('keeps the project’s own entries, which programmes refer to, and generates the rest up to the size asked', async () => {
    const { readdir } = await import('node:fs/promises');
    const own = (await readdir(new URL('../../src/content/archiwum/', import.meta.url))).filter((n) => n.endsWith('.md'));
    const archive = await benchArchive(own.length + 50);
    expect(archive.size).toBe(own.length + 50);
    for (const name of own) expect(archive.has(name), name).toBe(true);
    expect(archive.has('wspolne-projekty-2020-ekspertyza.md')).toBe(true);
    expect([...archive.keys()].filter((n) => n.startsWith('raport-'))).toHaveLength(50);
    await expect(benchArchive(own.length - 1)).rejects.toThrow(/^Archiwum projektu ma \d+ wpisów/);
  });
});
