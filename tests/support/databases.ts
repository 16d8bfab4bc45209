/**
 * Fresh, migrated databases for the scenario tests, one per call: a PGlite
 * folder in a temp dir (a copy of the run's template, see pglite-template.ts),
 * or a new database on the test PostgreSQL server (see postgres.ts); both
 * started by the run's global setup (test-services.ts). `describe.each(engines)` runs a suite on both.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { migrate, readMigrations } from '../../src/db/migrations.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { testPgliteTemplate, testPostgresUrl } from './test-services.ts';

export interface TestDatabase {
  db: Database;
  /** Where it lives: the PGlite folder or the PostgreSQL URL. */
  location: string;
  /** Closes and deletes it. */
  dispose(): Promise<void>;
}

export interface TestEngine {
  name: 'PGlite' | 'PostgreSQL';
  create(options?: { migrate?: boolean; maxConnections?: number }): Promise<TestDatabase>;
}

export const pgliteEngine: TestEngine = {
  name: 'PGlite',
  async create(options = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'wspolnie-pglite-'));
    const location = join(dir, 'pglite');
    await cp(testPgliteTemplate(), location, { recursive: true });
    const db = await openPglite(location);
    if (options.migrate !== false) await migrate(db, await readMigrations());
    return {
      db,
      location,
      async dispose() {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresEngine: TestEngine = {
  name: 'PostgreSQL',
  async create(options = {}) {
    const admin = testPostgresUrl();
    const name = `wspolnie_test_${randomBytes(6).toString('hex')}`;
    await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const location = url.toString();
    const db = openPostgres(location, options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections });
    if (options.migrate !== false) await migrate(db, await readMigrations());
    return {
      db,
      location,
      async dispose() {
        await db.close();
        await withClient(admin, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
      },
    };
  },
};

export const engines: readonly TestEngine[] = [pgliteEngine, postgresEngine];

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
