/**
 * Picks the engine from the environment and brings the schema up to date:
 * PostgreSQL when DATABASE_URL is set, otherwise PGlite in the data folder's
 * `pglite/` (WSPOLNIE_DATA_DIR, default `.data`, outside the tracked files;
 * see lib/data-dir.ts).
 */
import { assertDataDirLayout, dataPaths } from '../lib/data-dir.ts';
import type { Database } from './database.ts';
import { migrate, readMigrations } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type DatabaseEnv = Readonly<Record<string, string | undefined>>;

export async function openDatabase(env: DatabaseEnv = process.env): Promise<Database> {
  const url = env['DATABASE_URL']?.trim();
  const db = url ? openPostgres(url) : await openPglite(localDatabase(env));
  try {
    await migrate(db, await readMigrations());
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function localDatabase(env: DatabaseEnv): string {
  const paths = dataPaths(env);
  assertDataDirLayout(paths);
  return paths.pglite;
}
