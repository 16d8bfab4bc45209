/**
 * SITE_URL and the address requests arrive at: when they differ, links in
 * feeds, calendars and emails lead elsewhere than the visitor came from, so
 * the server says so in its log — once per host, not on every request.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.ts';

let root: string;
let server: Server;
const logs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wspolnie-origin-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><html lang="pl"><title>Wspólnie</title></html>');
  server = await startServer({ root, port: 0, host: '127.0.0.1', publicOrigin: 'https://wspolnie.krakow.pl', log: (line) => logs.push(line) });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

/** A GET with the given Host header (fetch does not let a page choose it). */
function getWithHost(host: string): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

it('logs a request for another host than SITE_URL once per host, and none for SITE_URL’s own', async () => {
  expect(await getWithHost('wspolnie.krakow.pl')).toBe(200);
  expect(logs).toEqual([]);
  for (let i = 0; i < 3; i++) expect(await getWithHost('192.0.2.10:4321')).toBe(200);
  expect(await getWithHost('inny.example')).toBe(200);
  expect(logs).toEqual([
    'Uwaga: żądanie do 192.0.2.10:4321, a SITE_URL to https://wspolnie.krakow.pl — linki w kanałach, kalendarzach i e-mailach prowadzą pod SITE_URL. Popraw SITE_URL, jeśli to on jest błędny.',
    'Uwaga: żądanie do inny.example, a SITE_URL to https://wspolnie.krakow.pl — linki w kanałach, kalendarzach i e-mailach prowadzą pod SITE_URL. Popraw SITE_URL, jeśli to on jest błędny.',
  ]);
});
