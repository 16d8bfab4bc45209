/**
 * What the build hands Netlify: dist/_headers carries the same security
 * headers the self-hosted server sends (one module, src/lib/security-headers.ts),
 * and dist/dane/zapisy.json, which the functions read, says what the content says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cataloguePath, parseCatalogue } from '../../src/catalogue/catalogue.ts';
import { netlifyHeadersFile, securityHeaders } from '../../src/lib/security-headers.ts';
import { readCollection } from '../support/content-files.ts';

const dist = new URL('../../dist/', import.meta.url).pathname;

/** Netlify's reading of _headers: the headers of every rule whose path matches, later rules adding to earlier ones. */
function headersFor(file: string, path: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  let matches = false;
  for (const line of file.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      const rule = line.trim();
      matches = rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : path === rule;
      continue;
    }
    if (!matches) continue;
    const [name = '', ...value] = line.trim().split(': ');
    (found[name] ??= []).push(value.join(': '));
  }
  return found;
}

describe('the built site for Netlify', () => {
  const file = readFileSync(join(dist, '_headers'), 'utf8');

  it('has _headers generated from the same module as the self-hosted server', () => {
    // Without the compressed copies for npm start (src/integrations/precompress.ts), written after _headers and not on Netlify.
    const entries = readdirSync(dist, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).filter((name) => !/\.(?:br|gz)$/.test(name));
    expect(file).toBe(netlifyHeadersFile(entries));
  });

  it('gives every path exactly the headers the self-hosted server sends, one CSP each', () => {
    const paths = ['/', '/index.html', '/programy/', '/programy/wspolne-projekty-miejskie-2020/', '/archiwum/', '/pagefind/pagefind.js', '/_astro/x.css', '/zapisy/zapisy.css', '/dane/zapisy.json', '/favicon.svg', '/admin/', '/admin/config.yml', '/admin/decap/decap-cms.js'];
    for (const path of paths) {
      const expected = Object.fromEntries(Object.entries(securityHeaders(path)).map(([name, value]) => [name, [value]]));
      expect(headersFor(file, path), path).toEqual(expected);
    }
  });

  it('writes the enrolment blocks the functions read, as the content has them', () => {
    const catalogue = parseCatalogue(JSON.parse(readFileSync(join(dist, cataloguePath), 'utf8')));
    const withEnrolment = [...readCollection('programmes'), ...readCollection('consultations')].filter((e) => e.data['enrolment']);
    expect(catalogue.entries.map((e) => e.id).sort()).toEqual(withEnrolment.map((e) => e.id).sort());
    for (const entry of withEnrolment) {
      const written = catalogue.get(entry.id)!;
      const block = entry.data['enrolment'] as Record<string, unknown>;
      expect(written.title).toBe(entry.data['title']);
      expect(written.enrolment.opens).toEqual(new Date(String(block['opens'])));
      expect(written.enrolment.closes).toEqual(new Date(String(block['closes'])));
      expect(written.enrolment.mode).toBe(block['mode']);
      expect(written.closedEarly).toBe(entry.collection === 'programmes' && entry.data['status'] === 'cancelled');
    }
  });
});
