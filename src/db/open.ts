/**
 * Picks the engine from the environment and brings the schema up to date:
 * PostgreSQL when DATABASE_URL is set, otherwise PGlite in WSPOLNIE_DATA_DIR
 * (default `.data/pglite`, outside the tracked files).
 */
import { resolve } from 'node:path';
import type { Database } from './database.ts';
import { migrate, readMigrations } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type DatabaseEnv = Readonly<Record<string, string | undefined>>;

export const defaultDataDir = '.data/pglite';

export async function openDatabase(env: DatabaseEnv = process.env): Promise<Database> {
  const url = env['DATABASE_URL']?.trim();
  const db = url ? openPostgres(url) : await openPglite(resolve(env['WSPOLNIE_DATA_DIR']?.trim() || defaultDataDir));
  try {
    await migrate(db, await readMigrations());
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
