import { describe, expect, it } from 'vitest';
import { ignoredSource } from './watch.ts';

describe('ignoredSource', () => {
  it('follows content, uploads, pages and the config', () => {
    for (const path of ['src/content/programy/nowy.md', 'public/pliki/raport.pdf', 'src/pages/index.astro', 'public/admin/index.html', 'astro.config.mjs']) expect(ignoredSource(path)).toBe(false);
  });
  it('leaves out what the build writes, tests, and editors’ temporary files', () => {
    for (const path of ['public/fonts', 'public/fonts/inter-pl-400-normal.0123456789.woff2', 'public/admin/config.yml', 'src/styles/fonts.css', 'src/lib/fold.test.ts', 'src/content/aktualnosci/sedr9fdGc', 'src/content/programy/nowy.md~', 'src/content/programy/.nowy.md.swp', 'src/content/.#nowy.md', 'node_modules/x/index.js']) {
      expect(ignoredSource(path)).toBe(true);
    }
  });
});
