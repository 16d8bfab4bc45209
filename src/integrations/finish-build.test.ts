import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishBuild } from './finish-build.ts';

describe('finishBuild', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  const page = (i: number) => `<!doctype html><html lang="pl"><head><title>Raport ${i}</title></head><body>
<article data-pagefind-body><h1>Raport ${i}</h1>${'<p>Mieszkańcy Zabłocia zgłosili uwagi dotyczące zieleni miejskiej.</p>'.repeat(30)}</article></body></html>`;

  async function site(pages: number): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'wspolnie-finish-'));
    folders.push(dir);
    for (let i = 0; i < pages; i++) {
      await mkdir(join(dir, 'archiwum', `r-${i}`), { recursive: true });
      await writeFile(join(dir, 'archiwum', `r-${i}`, 'index.html'), page(i));
    }
    return dir;
  }

  it('indexes the built pages and compresses them and the index’s own scripts, printing what the integrations print', async () => {
    const dir = await site(3);
    const lines: string[] = [];
    const result = await finishBuild(dir, (line) => lines.push(line));
    expect(result).toMatchObject({ pages: 3, parts: 1 });
    expect(lines[0]).toMatch(/^Indeks wyszukiwarki: 3 stron, \d+ ms$/);
    expect(lines[1]).toMatch(/^Skompresowano \d+ plików tekstowych/);
    expect(await readdir(join(dir, 'archiwum', 'r-0'))).toEqual(expect.arrayContaining(['index.html.br', 'index.html.gz']));
    expect(await readdir(join(dir, 'pagefind'))).toEqual(expect.arrayContaining(['pagefind.js.br', 'pagefind.js.gz', 'pagefind-worker.js.br']));
  });

  it('makes no compressed copies on Netlify, whose CDN compresses', async () => {
    const dir = await site(1);
    const before = process.env['NETLIFY'];
    process.env['NETLIFY'] = 'true';
    try {
      const lines: string[] = [];
      expect(await finishBuild(dir, (line) => lines.push(line))).toMatchObject({ pages: 1, compressMs: undefined });
      expect(lines).toHaveLength(1);
      expect(existsSync(join(dir, 'pagefind', 'pagefind.js'))).toBe(true);
      expect(existsSync(join(dir, 'archiwum', 'r-0', 'index.html.br'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env['NETLIFY'];
      else process.env['NETLIFY'] = before;
    }
  });
});
