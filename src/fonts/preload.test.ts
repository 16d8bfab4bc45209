import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { primaryFontUrls } from './preload.ts';

const css = readFileSync(new URL('../styles/fonts.css', import.meta.url), 'utf8');

describe('primaryFontUrls', () => {
  it('lists the core and pl faces of each weight in fonts.css, body text first, and no fallback face', () => {
    const urls = primaryFontUrls(css);
    expect(urls.map((url) => url.replace(/\.[0-9a-f]{10}\.woff2$/, ''))).toEqual([
      '/fonts/inter-core-400-normal',
      '/fonts/inter-core-700-normal',
      '/fonts/inter-pl-400-normal',
      '/fonts/inter-pl-700-normal',
    ]);
    for (const url of urls) expect(css).toContain(`url('${url}')`);
  });
});
