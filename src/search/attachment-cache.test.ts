import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greyPng, makeDocx, makeOdt, makePdf, makeScannedPdf, truncated } from '../../tests/support/documents.ts';
import { attachmentProblemLines, readAttachments } from './attachment-cache.ts';
import { extractorVersion } from './attachment-text.ts';

let root: string;
const site = () => join(root, 'dist');
const cache = () => join(root, 'cache');
const page = (n: number) => [`Strona ${n}: sprawozdanie z konsultacji o zieleni w Krakowie.`];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wspolnie-attachments-'));
  const report = await makePdf([page(1), page(2), page(3)]);
  const files: Record<string, Uint8Array> = {
    'raport.pdf': report,
    'kopia/raport.pdf': report,
    'skan.pdf': await makeScannedPdf(2),
    'uszkodzony.pdf': truncated(report),
    'opis.docx': await makeDocx([{ heading: 'Wstęp', paragraphs: ['Opis projektu ławek.'] }]),
    'opis.odt': makeOdt([{ heading: 'Wstęp', paragraphs: ['Opis projektu drzew.'] }]),
    'zdjecie.png': greyPng(),
    '.gitkeep': new Uint8Array(0),
  };
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(join(site(), 'pliki', name, '..'), { recursive: true });
    await writeFile(join(site(), 'pliki', name), bytes);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const cacheEntries = async () => (await readdir(cache())).sort();

describe('readAttachments', () => {
  it('extracts every file under pliki/ on the first run, served as /pliki/…, skipping dot files', async () => {
    const result = await readAttachments(site(), cache());
    expect(result.texts.map((text) => text.file)).toEqual([
      '/pliki/kopia/raport.pdf',
      '/pliki/opis.docx',
      '/pliki/opis.odt',
      '/pliki/raport.pdf',
      '/pliki/skan.pdf',
      '/pliki/uszkodzony.pdf',
      '/pliki/zdjecie.png',
    ]);
    expect(result.extractedCount + result.cachedCount).toBe(7);
    expect(result.cachedCount).toBeLessThanOrEqual(1); // the copy of raport.pdf may find its twin's entry
    const report = result.texts.find((text) => text.file === '/pliki/raport.pdf')!;
    expect(report.parts.map((part) => part.page)).toEqual([1, 2, 3]);
    expect(result.texts.find((text) => text.file === '/pliki/skan.pdf')!.problem).toEqual({ kind: 'scan' });
    expect(result.texts.find((text) => text.file === '/pliki/uszkodzony.pdf')!.problem?.kind).toBe('damaged');
    const entries = await cacheEntries();
    expect(entries).toHaveLength(6); // the two copies of the report share one entry
    for (const entry of entries) expect(entry).toMatch(new RegExp(`^[0-9a-f]{64}-${extractorVersion.replace(/\./g, '\\.')}\\.json$`));
  });

  it('reads everything from the cache on a second run, with the same texts under each path', async () => {
    const first = await readAttachments(site(), cache());
    const second = await readAttachments(site(), cache());
    expect(second.extractedCount).toBe(0);
    expect(second.cachedCount).toBe(7);
    expect(second.texts).toEqual(first.texts);
    expect(second.texts.find((text) => text.file === '/pliki/kopia/raport.pdf')!.parts).toEqual(
      second.texts.find((text) => text.file === '/pliki/raport.pdf')!.parts,
    );
  });

  it('re-extracts a changed file, and only it', async () => {
    await writeFile(join(site(), 'pliki', 'opis.odt'), makeOdt([{ heading: 'Nowy wstęp', paragraphs: ['Opis projektu fontanny.'] }]));
    const result = await readAttachments(site(), cache());
    expect(result.extractedCount).toBe(1);
    expect(result.cachedCount).toBe(6);
    expect(result.texts.find((text) => text.file === '/pliki/opis.odt')!.parts).toEqual([{ heading: 'Nowy wstęp', text: 'Nowy wstęp Opis projektu fontanny.' }]);
  });

  it('ignores a corrupt cache entry, extracts the file again and rewrites the entry', async () => {
    const { texts } = await readAttachments(site(), cache());
    const docx = texts.find((text) => text.file === '/pliki/opis.docx')!;
    const entry = join(cache(), `${docx.sha256}-${extractorVersion}.json`);
    await writeFile(entry, '{"extractorVersion": "1", "text": {"sha256": "');
    const result = await readAttachments(site(), cache());
    expect(result.extractedCount).toBe(1);
    expect(result.texts.find((text) => text.file === '/pliki/opis.docx')).toEqual(docx);
    const rewritten = JSON.parse(await readFile(entry, 'utf8')) as { extractorVersion: string; text: { sha256: string } };
    expect(rewritten).toMatchObject({ extractorVersion, text: { sha256: docx.sha256 } });
    expect(JSON.stringify(rewritten)).not.toContain('"file"');
  });

  it('ignores an entry written for other bytes under the same name', async () => {
    const { texts } = await readAttachments(site(), cache());
    const [odt, docx] = ['/pliki/opis.odt', '/pliki/opis.docx'].map((file) => texts.find((text) => text.file === file)!);
    const odtEntry = join(cache(), `${odt!.sha256}-${extractorVersion}.json`);
    await writeFile(odtEntry, await readFile(join(cache(), `${docx!.sha256}-${extractorVersion}.json`)));
    const result = await readAttachments(site(), cache());
    expect(result.extractedCount).toBe(1);
    expect(result.texts.find((text) => text.file === '/pliki/opis.odt')).toEqual(odt);
  });

  it('leaves no temporary files in the cache folder', async () => {
    expect((await cacheEntries()).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });

  it('finds nothing, and does not fail, when the site has no pliki/ folder', async () => {
    const result = await readAttachments(join(root, 'pusty'), cache());
    expect(result).toMatchObject({ texts: [], cachedCount: 0, extractedCount: 0 });
  });

  it('extracts one file at a time when asked, with the same result', async () => {
    const otherCache = join(root, 'cache-1');
    const one = await readAttachments(site(), otherCache, { concurrency: 1 });
    expect(one.extractedCount).toBeGreaterThanOrEqual(6);
    expect(one.texts).toEqual((await readAttachments(site(), cache())).texts);
  });

  it('reports a file that takes too long as damaged, without caching that, and reads it on the next run', async () => {
    const otherCache = join(root, 'cache-timeout');
    const hurried = await readAttachments(site(), otherCache, { timeoutMs: 1 });
    const report = hurried.texts.find((text) => text.file === '/pliki/raport.pdf')!;
    expect(report.problem).toMatchObject({ kind: 'damaged', detail: expect.stringMatching(/^odczyt trwał dłużej niż 0,001 s i został przerwany$/) });
    const next = await readAttachments(site(), otherCache);
    expect(next.texts.find((text) => text.file === '/pliki/raport.pdf')!.parts).toHaveLength(3);
  });
});

describe('the build log', () => {
  it('lists the scan and the damaged file in Polish, not the picture', async () => {
    const result = await readAttachments(site(), cache());
    const lines = attachmentProblemLines(result.texts);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Plik \/pliki\/skan\.pdf to skan bez warstwy tekstowej/);
    expect(lines[1]).toMatch(/^Nie udało się odczytać pliku \/pliki\/uszkodzony\.pdf: uszkodzona struktura pliku PDF/);
  });
});

describe('a cache that cannot be written', () => {
  it('still gives every text', async () => {
    // An entry's path taken by a folder: the rename onto it fails, as on a full disk or a read-only cache.
    const blocked = join(root, 'zablokowana');
    const report = (await readAttachments(site(), cache())).texts.find((text) => text.file === '/pliki/raport.pdf')!;
    await mkdir(join(blocked, `${report.sha256}-${extractorVersion}.json`), { recursive: true });
    const result = await readAttachments(site(), blocked);
    expect(result.texts).toHaveLength(7);
    expect(result.texts.find((text) => text.file === '/pliki/raport.pdf')!.parts).toHaveLength(3);
    expect(result.texts.find((text) => text.file === '/pliki/opis.docx')!.parts.length).toBeGreaterThan(0);
    // A cache folder that cannot even be made (a file in its way): nothing cached, nothing lost.
    const notAFolder = join(root, 'plik-zamiast-folderu');
    await writeFile(notAFolder, '');
    const uncached = await readAttachments(site(), join(notAFolder, 'pamiec'));
    expect(uncached.cachedCount).toBe(0);
    expect(uncached.texts.find((text) => text.file === '/pliki/raport.pdf')!.parts).toHaveLength(3);
  });
});

describe('entries of another extractor version', () => {
  it("are removed, and this version's entries and other files are kept", async () => {
    const folder = join(root, 'wersje');
    await readAttachments(site(), folder);
    const current = (await readdir(folder)).sort();
    const old = `${'a'.repeat(64)}-1-unpdf0.0.0-officeparser0.0.0.json`;
    await writeFile(join(folder, old), '{}');
    await writeFile(join(folder, 'README.txt'), 'nie moje');
    await readAttachments(site(), folder);
    expect((await readdir(folder)).sort()).toEqual([...current, 'README.txt'].sort());
  });
});
