import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precompressFolder, shouldPrecompress } from './precompress.ts';

describe('precompressFolder', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('leaves the folders it is told to skip for a later call', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wspolnie-precompress-'));
    folders.push(root);
    const text = '<p>Zażółć gęślą jaźń.</p>\n'.repeat(200);
    await mkdir(join(root, 'pagefind'));
    await mkdir(join(root, 'pagefindx'));
    for (const file of ['index.html', 'pagefind/pagefind.js', 'pagefindx/index.html']) await writeFile(join(root, file), text);

    const first = await precompressFolder(root, { atomic: false, skip: ['pagefind'] });
    expect(first.files).toBe(2);
    expect((await readdir(join(root, 'pagefind'))).sort()).toEqual(['pagefind.js']);
    // Only that folder: a sibling whose name merely starts the same is compressed.
    expect((await readdir(join(root, 'pagefindx'))).sort()).toEqual(['index.html', 'index.html.br', 'index.html.gz']);
    expect((await readdir(root)).sort()).toEqual(['index.html', 'index.html.br', 'index.html.gz', 'pagefind', 'pagefindx']);

    expect((await precompressFolder(join(root, 'pagefind'), { atomic: false })).files).toBe(1);
    expect((await readdir(join(root, 'pagefind'))).sort()).toEqual(['pagefind.js', 'pagefind.js.br', 'pagefind.js.gz']);
  });
});

describe('shouldPrecompress', () => {
  it('is true for npm run build, false for the live server’s rebuilds and on Netlify', () => {
    expect(shouldPrecompress({})).toBe(true);
    expect(shouldPrecompress({ WSPOLNIE_LIVE_BUILD: '1' })).toBe(false);
    expect(shouldPrecompress({ NETLIFY: 'true' })).toBe(false);
  });
});
