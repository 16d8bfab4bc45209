/**
 * One freshly initialised (unmigrated) PGlite data folder per test run
 * (built by global-setup.ts). Initialising PGlite runs initdb in WebAssembly and takes
 * seconds; copying the result takes a fraction of that, so each test
 * database starts as a copy (see databases.ts). The lock test still opens a
 * brand-new folder the way `npm start` does the first time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export interface PgliteTemplate {
  /** A closed, initialised, unmigrated data folder to copy. */
  dir: string;
  remove(): Promise<void>;
}

export async function createPgliteTemplate(): Promise<PgliteTemplate> {
  const parent = await mkdtemp(join(tmpdir(), 'wspolnie-pglite-template-'));
  const dir = join(parent, 'pglite');
  const pg = await PGlite.create(dir);
  await pg.close();
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}
