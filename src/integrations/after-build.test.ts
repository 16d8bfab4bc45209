import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import pagefindIntegration from './pagefind.ts';
import { afterBuildFile, afterBuildVariable, handOver, takeOver } from './after-build.ts';

describe('the hand-over between astro build and the build script', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('is asked for only through its variable', () => {
    expect(afterBuildFile({})).toBeUndefined();
    expect(afterBuildFile({ [afterBuildVariable]: '' })).toBeUndefined();
    expect(afterBuildFile({ [afterBuildVariable]: '/tmp/x.json' })).toBe('/tmp/x.json');
  });

  it('passes the output folder, and says in Polish when nothing or something else was handed over', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'wspolnie-handover-'));
    folders.push(folder);
    const file = join(folder, 'zbudowano.json');
    await expect(takeOver(file)).rejects.toThrow('Astro nie przekazał folderu zbudowanej strony');
    await handOver(file, { dir: '/srv/strona/dist' });
    expect(await takeOver(file)).toEqual({ dir: '/srv/strona/dist' });
    await writeFile(file, '{"dir":""}');
    await expect(takeOver(file)).rejects.toThrow('Nieprawidłowe przekazanie po budowaniu: brak folderu strony.');
  });

  it('is what the search integration does in npm run build: the output folder handed over, its pagefind/ folder made for dist/_headers, no index yet', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'wspolnie-handover-'));
    folders.push(folder);
    const dist = join(folder, 'dist');
    const file = join(folder, 'zbudowano.json');
    const before = process.env[afterBuildVariable];
    process.env[afterBuildVariable] = file;
    try {
      const hook = pagefindIntegration().hooks['astro:build:done'] as (options: { dir: URL; logger: AstroIntegrationLogger }) => Promise<void>;
      await hook({ dir: pathToFileURL(`${dist}/`), logger: {} as AstroIntegrationLogger });
    } finally {
      if (before === undefined) delete process.env[afterBuildVariable];
      else process.env[afterBuildVariable] = before;
    }
    expect(await takeOver(file)).toEqual({ dir: `${dist}/` });
    expect(await readdir(join(dist, 'pagefind'))).toEqual([]);
  });
});
