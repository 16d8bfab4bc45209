import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePublicData, httpPublicData, PublicDataUnavailable } from './public-data.ts';

const events = { generatedAt: '2026-05-01T00:00:00.000Z', events: [{ id: 'w', title: 'Warsztat', kind: 'workshop', start: '2026-05-16T08:00:00.000Z', end: '2026-05-16T12:00:00.000Z', status: 'planned', place: { address: 'ul. Reymonta 20, Kraków' }, page: '/wydarzenia/w/' }], programmes: [] };
const catalogue = { generatedAt: '2026-05-01T00:00:00.000Z', entries: [] };

describe('the public files the job reads', () => {
  let root: string;
  let server: Server;
  let origin: string;
  const served = new Map<string, { status: number; body: string }>();
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'wspolnie-dane-'));
    server = createServer((request, response) => {
      const answer = served.get(request.url ?? '') ?? { status: 404, body: 'nie ma' };
      response.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  it('reads both from dist/ and parses the dates', async () => {
    await mkdir(join(root, 'dane'), { recursive: true });
    await writeFile(join(root, 'dane', 'wydarzenia.json'), JSON.stringify(events));
    await writeFile(join(root, 'dane', 'zapisy.json'), JSON.stringify(catalogue));
    const data = await filePublicData(root)();
    expect(data.events.events[0]?.start).toEqual(new Date('2026-05-16T08:00:00Z'));
    expect(data.catalogue.entries).toEqual([]);
  });

  it('fails loudly, in Polish, on a missing or broken file instead of reading it as empty', async () => {
    await expect(filePublicData(join(root, 'nie-ma'))()).rejects.toThrow(/^brak pliku \/dane\/wydarzenia\.json w .* — strona nie jest zbudowana \(npm run build, albo npm start, który buduje ją sam\)$/);
    await writeFile(join(root, 'dane', 'wydarzenia.json'), JSON.stringify({ ...events, events: [{ ...events.events[0], status: 'zgubione' }] }));
    await expect(filePublicData(root)()).rejects.toThrow(PublicDataUnavailable);
  });

  it('reads both from the deploy over HTTP, and fails on an error answer', async () => {
    served.set('/dane/wydarzenia.json', { status: 200, body: JSON.stringify(events) });
    served.set('/dane/zapisy.json', { status: 200, body: JSON.stringify(catalogue) });
    expect((await httpPublicData(origin)()).events.events).toHaveLength(1);
    served.set('/dane/zapisy.json', { status: 503, body: '' });
    await expect(httpPublicData(origin)()).rejects.toThrow(/nie udało się pobrać .*\/dane\/zapisy\.json \(HTTP 503\)/);
    served.set('/dane/zapisy.json', { status: 200, body: '<html>' });
    await expect(httpPublicData(origin)()).rejects.toThrow(/nie jest poprawnym JSON-em/);
  });
});
