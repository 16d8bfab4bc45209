/**
 * The built site's pages load their fonts, stylesheets and scripts by
 * content-hashed names, so that npm start (src/server/static-files.ts) and
 * Netlify (netlify.toml) can cache them for a year as immutable; and
 * `npm run build` left Brotli and gzip copies of its text files for npm start
 * (src/integrations/precompress.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressibleExtensions, minimumBytes } from '../../src/integrations/precompress.ts';
import { cacheControlFor, immutableCaching } from '../../src/server/static-files.ts';

const dist = new URL('../../dist/', import.meta.url).pathname;
const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dist, name)).isFile());
const urlPath = (name: string) => `/${name.split(sep).join('/')}`;

/** Local URLs of fonts, stylesheets and scripts in a page's attributes, or in a stylesheet's url(…). */
function assetReferences(text: string): string[] {
  const attributes = [...text.matchAll(/\b(?:href|src)="(\/[^"?#]+)"/g)].map((m) => m[1]!);
  const cssUrls = [...text.matchAll(/url\(\s*['"]?(\/[^'")?#]+)/g)].map((m) => m[1]!);
  return [...attributes, ...cssUrls].filter((url) => /\.(?:css|js|mjs|woff2?)$/.test(url));
}

describe('assets of the built site', () => {
  // Decap CMS (/admin/) is the editors' tool, loaded under its own names; it is revalidated with validators.
  const pages = files.filter((name) => name.endsWith('.html') && !name.startsWith(`admin${sep}`));
  const stylesheets = files.filter((name) => name.endsWith('.css') && !name.startsWith(`admin${sep}`));

  it('are referenced by fingerprinted names from every page and stylesheet', () => {
    expect(pages.length).toBeGreaterThan(10);
    const references = new Set<string>();
    for (const name of [...pages, ...stylesheets]) for (const url of assetReferences(readFileSync(join(dist, name), 'utf8'))) references.add(url);
    expect([...references].some((url) => url.endsWith('.woff2'))).toBe(true);
    expect([...references].some((url) => url.endsWith('.css'))).toBe(true);
    for (const url of references) {
      expect(existsSync(join(dist, url)), url).toBe(true);
      expect(cacheControlFor(url), url).toBe(immutableCaching);
    }
  });

  it('keep every font under /fonts/ named by its hash (netlify.toml caches the whole folder)', () => {
    const fonts = files.filter((name) => name.startsWith(`fonts${sep}`));
    expect(fonts.length).toBeGreaterThan(0);
    for (const name of fonts) expect(cacheControlFor(urlPath(name)), name).toBe(immutableCaching);
  });

  it('come with Brotli and gzip copies of each text file worth compressing', () => {
    const text = files.filter((name) => compressibleExtensions.has(extname(name)) && statSync(join(dist, name)).size >= minimumBytes);
    expect(text.length).toBeGreaterThan(10);
    const missing = text.filter((name) => !existsSync(join(dist, `${name}.br`)) || !existsSync(join(dist, `${name}.gz`)));
    // A copy is skipped only when it would not be 5 % smaller: none of the site's own text is like that.
    expect(missing.map((name) => relative(dist, join(dist, name)))).toEqual([]);
  });
});
