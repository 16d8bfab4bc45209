/**
 * The CMS as the build ships it in dist/admin/: self-hosted, configured from
 * the schemas, and kept out of the sitemap and the search index.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectionFields } from '../../src/cms/config.ts';
import { isSearchable } from '../../src/search/searchable-html.ts';
import { collectionFolders } from '../../src/schemas/index.ts';

const dist = new URL('../../dist/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, dist), 'utf8');

describe('dist/admin/', () => {
  it('loads Decap CMS and the schema check from this site only', () => {
    const html = read('admin/index.html');
    const sources = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources).toContain('/admin/decap/decap-cms.js');
    expect(sources).toContain('/admin/wspolnie-cms.js');
    expect(sources.filter((s) => /^(https?:)?\/\//.test(s))).toEqual([]);
    expect(existsSync(new URL('admin/decap/decap-cms.js', dist))).toBe(true);
    expect(readdirSync(new URL('admin/decap/', dist)).filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('has the generated config, in Polish, with every collection and its schema fields', () => {
    const config = parse(read('admin/config.yml')) as { locale: string; collections: { name: string; fields: { name: string }[] }[] };
    expect(config.locale).toBe('pl');
    expect(config.collections.map((c) => c.name)).toEqual(Object.keys(collectionFolders));
    for (const c of config.collections) expect(c.fields.map((f) => f.name)).toEqual(collectionFields(c.name as keyof typeof collectionFolders).map((f) => f.name));
  });

  it('stays out of search engines, the sitemap and the archive search', () => {
    const html = read('admin/index.html');
    expect(html).toMatch(/<meta name="robots" content="noindex/);
    expect(isSearchable(html)).toBe(false);
    const sitemaps = readdirSync(dist).filter((f) => /^sitemap-\d+\.xml$/.test(f));
    expect(sitemaps.length).toBeGreaterThan(0);
    for (const s of sitemaps) expect(read(s)).not.toContain('/admin/');
  });
});
