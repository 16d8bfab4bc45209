/**
 * How the live site starts and refuses to (src/site/live-site.ts,
 * generations.ts), on a throw-away copy of the project whose builds live
 * outside it, as a data folder such as /var/lib/wspolnie would:
 *
 * - a first build that fails rejects the start with its Polish reason, and
 *   whoever waits for the first site (a request, the scheduled job) gets an
 *   answer instead of waiting for ever;
 * - a second server on the same folder is refused before it touches
 *   anything, and the first keeps serving;
 * - a restart whose first build fails serves the previous run's site.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataDirLockedError } from '../../src/db/data-dir-lock.ts';
import { openGenerations } from '../../src/site/generations.ts';
import { FirstBuildFailed, openLiveSite } from '../../src/site/live-site.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';

let site: FixtureSite;
let siteDir: string;
const page = 'src/content/strony/o-portalu.md';
let original: string;

beforeAll(async () => {
  site = await createFixtureSite(undefined, 'wspolnie-live-start-');
  siteDir = join(await mkdtemp(join(tmpdir(), 'wspolnie-live-start-data-')), 'site');
  original = await readFile(join(site.root, page), 'utf8');
});
afterAll(async () => {
  await site?.remove();
  await rm(join(siteDir, '..'), { recursive: true, force: true });
});

const open = (logs: string[]) => openLiveSite({ projectRoot: site.root, siteDir, buildEnv: () => ({ SITE_URL: 'http://127.0.0.1:4321' }), log: (line) => logs.push(line), watch: false });

it('rejects a start whose first build fails, in Polish, and answers whoever waits for the first site', async () => {
  await writeFile(join(site.root, page), original.replace(/^title: .*\n/m, ''));
  const logs: string[] = [];
  const live = await open(logs);
  const waiting = live.generations.lease();
  const failed = await live.start().then(() => undefined, (error: unknown) => error);
  expect(failed).toBeInstanceOf(FirstBuildFailed);
  expect((failed as FirstBuildFailed).message).toBe('Plik src/content/strony/o-portalu.md, pole „Tytuł”: to pole jest wymagane; popraw to w panelu redakcji i zapisz wpis ponownie.');
  await expect(waiting).rejects.toBe(failed);
  expect(logs).toEqual([`Budowanie strony nie powiodło się (uruchomienie serwera): ${(failed as FirstBuildFailed).message} Strona nie ma jeszcze żadnej wersji.`]);
  await live.close();
}, 60_000);

it('builds into a data folder outside the project, and refuses a second server on it while the first serves', async () => {
  await writeFile(join(site.root, page), original);
  const live = await open([]);
  await live.start();
  const served = await live.generations.current();
  await expect(openGenerations(siteDir)).rejects.toThrow(DataDirLockedError);
  await expect(openGenerations(siteDir)).rejects.toThrow(/^Strona w folderze .* jest już obsługiwana przez proces o PID \d+/);
  // Nothing of the first server's was touched.
  expect(await readdir(served)).toContain('index.html');
  expect(await live.generations.current()).toBe(served);
  await live.close();
  // Closed, the folder is free for the next server.
  const next = await openGenerations(siteDir);
  next.close();
}, 60_000);

it('a restart whose first build fails keeps serving the site of the previous run, with its search index, until a build succeeds', async () => {
  await writeFile(join(site.root, page), original);
  const before = await open([]);
  await before.start();
  const previousPages = await before.generations.current();
  const previousIndex = before.generations.publishedIndex;
  expect(previousIndex).toBeDefined();
  await before.close();

  // Stopped; a file edited by hand breaks the build; the server is started again (a supervisor, an update).
  await writeFile(join(site.root, page), original.replace(/^title: .*\n/m, ''));
  const logs: string[] = [];
  const live = await open(logs);
  await live.start();
  expect(await live.generations.current()).toBe(previousPages);
  const lease = await live.generations.lease();
  expect([lease.root, lease.searchRoot]).toEqual([previousPages, previousIndex]);
  expect(await readdir(join(previousIndex!, 'pagefind'))).toContain('pagefind-entry.json');
  lease.release();
  const status = live.rebuilder.status();
  expect(status.state).toBe('failed');
  expect(status.failure?.file).toBe(page);
  expect(status.published?.reason).toBe('wersja z poprzedniego uruchomienia serwera');
  expect(logs).toContain('Strona działa w wersji z poprzedniego uruchomienia serwera, dopóki budowanie się nie uda.');

  // Fixed: this run's own site replaces it, and the previous run's folders go.
  await writeFile(join(site.root, page), original);
  expect((await live.rebuilder.buildNow('poprawka')).ok).toBe(true);
  const served = await live.generations.current();
  expect(served).not.toBe(previousPages);
  await live.rebuilder.idle();
  await live.generations.settled();
  const left = await readdir(siteDir);
  expect(left).not.toContain(previousPages.split('/').at(-1));
  expect(left).not.toContain(previousIndex!.split('/').at(-1));
  await live.close();
}, 180_000);
