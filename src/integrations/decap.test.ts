import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDecapBundle, githubRepoOf, isDecapRuntimeFile } from './decap.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the Decap bundle copied into public/admin/decap/', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the main script, its chunks and wasm, no source maps, and is copied again only for another version', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wspolnie-decap-'));
    const target = join(dir, 'decap');
    const version = JSON.parse(await readFile(join(root, 'node_modules/decap-cms/package.json'), 'utf8')).version as string;
    expect(await copyDecapBundle(root, target)).toBe(version);
    const files = await readdir(target);
    expect(files).toContain('decap-cms.js');
    expect(files.filter((f) => f.endsWith('.wasm'))).toHaveLength(2);
    // Every chunk the main script can ask for (webpack names them "<id>.decap-cms.js").
    expect(files.filter((f) => /^\d+\.decap-cms\.js$/.test(f)).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.endsWith('.map') || /(^|\.)cms\.js$/.test(f))).toEqual([]);
    expect((await readFile(join(target, 'VERSION'), 'utf8')).trim()).toBe(version);

    expect(await copyDecapBundle(root, target)).toBeUndefined();
    await writeFile(join(target, 'VERSION'), '0.0.1\n');
    expect(await copyDecapBundle(root, target)).toBe(version);
  });

  it('knows which dist files are needed', () => {
    expect(['decap-cms.js', '103.decap-cms.js', 'dd5d52671a5763720504.wasm', 'decap-cms.js.LICENSE.txt'].every(isDecapRuntimeFile)).toBe(true);
    expect(['decap-cms.js.map', '103.cms.js', 'cms.js', 'cms.css'].some(isDecapRuntimeFile)).toBe(false);
  });
});

describe('the GitHub repository of the production CMS', () => {
  it('comes from the repository address Netlify sets', () => {
    expect(githubRepoOf('https://github.com/miasto/wspolnie')).toBe('miasto/wspolnie');
    expect(githubRepoOf('https://github.com/miasto/wspolnie.git')).toBe('miasto/wspolnie');
    expect(githubRepoOf('git@github.com:miasto/wspolnie.git')).toBe('miasto/wspolnie');
    expect(githubRepoOf('https://gitlab.com/miasto/wspolnie')).toBeUndefined();
    expect(githubRepoOf(undefined)).toBeUndefined();
  });
});
