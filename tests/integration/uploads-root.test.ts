/**
 * `npm start` serves what the CMS has just uploaded (public/pliki/) before a
 * rebuild copies it into the site, so the CMS preview can read it (issue 15);
 * a file the site has wins, and nothing outside /pliki/ comes from public/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.ts';

let folder: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'wspolnie-uploads-'));
  const site = join(folder, 'dist');
  const uploads = join(folder, 'public');
  await mkdir(join(site, 'pliki'), { recursive: true });
  await mkdir(join(uploads, 'pliki'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><title>Strona</title>');
  await writeFile(join(site, '404.html'), '<!doctype html><title>Nie znaleziono</title>');
  await writeFile(join(site, 'pliki', 'zbudowany.pdf'), '%PDF-z-budowy');
  await writeFile(join(uploads, 'pliki', 'zbudowany.pdf'), '%PDF-nowszy-w-public');
  await writeFile(join(uploads, 'pliki', 'nowy.pdf'), '%PDF-wlasnie-wgrany');
  await writeFile(join(uploads, 'tajny.txt'), 'poza /pliki/');
  server = await startServer({ root: site, port: 0, host: '127.0.0.1', rateLimits: 'off', log: () => {}, uploadsRoot: uploads });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

describe('a site with an uploads folder beside it', () => {
  it('serves a /pliki/ file the site lacks from the uploads folder', async () => {
    const response = await fetch(`${origin}/pliki/nowy.pdf`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-wlasnie-wgrany');
  });

  it('serves the site its own copy first, and nothing else from the uploads folder', async () => {
    expect(await (await fetch(`${origin}/pliki/zbudowany.pdf`)).text()).toBe('%PDF-z-budowy');
    expect((await fetch(`${origin}/tajny.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/pliki/../tajny.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/pliki/brak.pdf`)).status).toBe(404);
  });
});
