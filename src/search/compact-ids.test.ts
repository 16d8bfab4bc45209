import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { compactPageIds, renamePages } from './compact-ids.ts';
import { cacheControlFor, immutableCaching } from '../server/static-files.ts';

const text = (s: string) => Buffer.concat([Buffer.from([0x60 | Buffer.byteLength(s)]), Buffer.from(s)]);
/** Pagefind's MetaIndex as CBOR: [version, pages [[hash, word count, group]…], then whatever follows]. */
const meta = (pages: Buffer[], rest = Buffer.from([0x80, 0x80, 0x80, 0x80])) =>
  Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from([0x86]), text('1.6.0'), Buffer.from([0x80 | pages.length]), ...pages, rest]);
const page = (hash: string, words: number, group = '') => Buffer.concat([Buffer.from([0x83]), text(hash), Buffer.from([0x18, words]), text(group)]);

describe('renamePages', () => {
  it('renames each page by its position and copies everything else byte for byte', () => {
    const renamed = renamePages(meta([page('pl_1b6f87c', 200), page('pl_ba07bd7', 30)]), (i) => `t${i}`);
    expect(renamed).toEqual({
      meta: meta([page('t0', 200), page('t1', 30)]),
      names: [['pl_1b6f87c', 't0'], ['pl_ba07bd7', 't1']],
    });
  });
  it('leaves grouped fragments, other files and damaged data alone, saying why', () => {
    expect(renamePages(meta([page('pl_1b6f87c', 200, 'pl_group_1')]), String)).toEqual({ reason: 'fragmenty w grupach (maxFragments)' });
    expect(renamePages(Buffer.from('not pagefind'), String)).toEqual({ reason: 'brak sygnatury Pagefind' });
    expect(renamePages(meta([page('pl_1b6f87c', 200)]).subarray(0, 30), String)).toMatchObject({ reason: expect.stringMatching(/^nieczytelne metadane/) });
  });
});

describe('compactPageIds on an index Pagefind wrote', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await pagefind.close();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('renames every fragment file to the name the metadata now gives it', async () => {
    const out = await mkdtemp(join(tmpdir(), 'wspolnie-compact-'));
    folders.push(out);
    const { index } = await pagefind.createIndex({ forceLanguage: 'pl' });
    for (let i = 0; i < 40; i++) await index!.addCustomRecord({ url: `/archiwum/r-${i}/`, content: `Raport ${i} o Łodzi`, language: 'pl', meta: { title: `Raport ${i}` } });
    await index!.writeFiles({ outputPath: out });
    const entry = JSON.parse(await readFile(join(out, 'pagefind-entry.json'), 'utf8')) as { languages: { pl: { hash: string } } };
    const metaPath = join(out, `pagefind.${entry.languages.pl.hash}.pf_meta`);
    const fragmentUrl = async (name: string) => (JSON.parse(gunzipSync(await readFile(join(out, 'fragment', `${name}.pf_fragment`))).subarray(12).toString('utf8')) as { url: string }).url;
    // The pages in the metadata's order, and the page each fragment holds, before renaming.
    const original = renamePages(gunzipSync(await readFile(metaPath)), String);
    if ('reason' in original) throw new Error(original.reason);
    const urls = await Promise.all(original.names.map(([hash]) => fragmentUrl(hash)));
    const metaBefore = (await readFile(metaPath)).length;

    const outcome = await compactPageIds(out);
    expect(outcome).toMatchObject({ compacted: true, pages: 40, bytesBefore: metaBefore });
    const renamed = renamePages(gunzipSync(await readFile(metaPath)), String);
    if ('reason' in renamed) throw new Error(renamed.reason);
    const names = renamed.names.map(([name]) => name);
    expect(new Set(names).size).toBe(40);
    expect((await readdir(join(out, 'fragment'))).sort()).toEqual(names.map((n) => `${n}.pf_fragment`).sort());
    // Position i of the metadata still leads to the page that was at position i.
    expect(await Promise.all(names.map(fragmentUrl))).toEqual(urls);
    expect(names[0]).toMatch(/^p_[0-9a-f]{8}00000$/);
    expect(names[37]).toBe(`${names[0]!.slice(0, 10)}00025`);
    // Unique to this content, so the self-hosted server may keep caching fragments for a year.
    expect(cacheControlFor(`/pagefind/fragment/${names[37]}.pf_fragment`)).toBe(immutableCaching);
  });
});
