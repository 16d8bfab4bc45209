/**
 * The project's own build (dist/) against its content (issue 16): the
 * requests register has a row for every file of src/content/wnioski/ or,
 * with none (the seeds hold no real request), says so; the plans page links
 * every plan of src/content/plany-konsultacji/ with its feed, or says there
 * is none; the rules page shows every rule set of the rules file. Run after
 * `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestRuleSets } from '../../src/data/consultation-rules.ts';
import { readCollection } from '../support/content-files.ts';

const dist = new URL('../../dist/', import.meta.url).pathname;
const page = (path: string) => {
  const file = join(dist, path, 'index.html');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the built-site tests.`);
  return readFileSync(file, 'utf8');
};

describe('the requests register as built', () => {
  it('lists every request in the content, or says there is none yet', () => {
    const requests = readCollection('requests').map((r) => r.id).sort();
    const html = page('konsultacje/wnioski');
    expect([...html.matchAll(/data-request="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(requests);
    expect(html.includes('data-empty-register')).toBe(requests.length === 0);
    for (const id of requests) expect(existsSync(join(dist, 'konsultacje/wnioski', id, 'index.html')), id).toBe(true);
  });

  it('is linked from the consultations register', () => {
    expect(page('konsultacje')).toContain('href="/konsultacje/wnioski/"');
  });

  it('has a rules page showing every rule set of the rules file', () => {
    expect([...page('konsultacje/wnioski/zasady').matchAll(/data-rule-set="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(requestRuleSets.map((s) => s.id).sort());
  });
});

describe('the annual plans as built', () => {
  it('links every plan with its iCal feed, or says there is none yet', () => {
    const years = readCollection('plans').map((p) => Number(p.data['year'])).sort((a, b) => b - a);
    const html = page('konsultacje/plan');
    expect([...html.matchAll(/href="\/konsultacje\/plan\/(\d{4})\/"/g)].map((m) => Number(m[1]))).toEqual(years);
    expect(html.includes('data-empty-plans')).toBe(years.length === 0);
    for (const year of years) expect(existsSync(join(dist, 'konsultacje/plan', `${year}.ics`)), String(year)).toBe(true);
    expect(page('konsultacje')).toContain('href="/konsultacje/plan/"');
  });
});
