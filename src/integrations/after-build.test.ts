import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
