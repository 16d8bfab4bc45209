import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogueFile } from './catalogue.ts';
import { fileCatalogue, httpCatalogue } from './source.ts';

const dir = mkdtempSync(join(tmpdir(), 'wspolnie-catalogue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (id: string): CatalogueFile => ({
  generatedAt: '2026-03-01T08:00:00.000Z',
  entries: [{ id, kind: 'programme', title: id, page: `/programy/${id}/`, closedEarly: false, enrolment: { opens: '2026-03-01T09:00:00Z', closes: '2026-03-10T09:00:00Z', mode: 'open' } }],
});

describe('where the functions read the catalogue', () => {
  it('from dist/ on disk, again after a rebuild, and as empty (with one log line) when missing', async () => {
    const path = join(dir, 'zapisy.json');
    const lines: string[] = [];
    const read = fileCatalogue(path, (line) => lines.push(line), 0);
    expect((await read()).entries).toEqual([]);
    expect((await read()).entries).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('strona nie jest zbudowana');

    writeFileSync(path, JSON.stringify(file('pierwszy')));
    expect((await read()).get('pierwszy')?.title).toBe('pierwszy');
    writeFileSync(path, JSON.stringify(file('drugi-po-przebudowie')));
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    expect((await read()).get('drugi-po-przebudowie')).toBeDefined();
    writeFileSync(path, '{"entries": 1}');
    utimesSync(path, new Date(), new Date(Date.now() + 10_000));
    expect((await read()).entries).toEqual([]);
    expect(lines.at(-1)).toContain('nie udało się odczytać');
  });

  it('from the deploy itself over HTTP, kept for a while, the last good copy kept when a fetch fails', async () => {
    let calls = 0;
    let fail = false;
    const fakeFetch = (async () => {
      calls++;
      if (fail) throw new Error('offline');
      return new Response(JSON.stringify(file('z-sieci')), { headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    const lines: string[] = [];
    const read = httpCatalogue('https://wspolnie.example/dane/zapisy.json', (line) => lines.push(line), fakeFetch, 0);
    expect((await read()).get('z-sieci')).toBeDefined();
    fail = true;
    expect((await read()).get('z-sieci')).toBeDefined();
    expect(lines[0]).toContain('nie udało się pobrać https://wspolnie.example/dane/zapisy.json (offline)');
    expect(calls).toBe(2);

    const cached = httpCatalogue('https://x.example/dane/zapisy.json', () => undefined, (async () => (calls++, new Response(JSON.stringify(file('raz'))))) as unknown as typeof fetch);
    await Promise.all([cached(), cached(), cached()]);
    expect(calls).toBe(3);
  });
});
