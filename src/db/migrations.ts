/**
 * Schema migrations: plain SQL files `NNNN_name.sql` beside this module,
 * applied in order when a database opens. All of it happens in one
 * transaction under an advisory lock, so several processes starting at once
 * (Netlify functions, a second server) apply each file exactly once, and a
 * failing file leaves the schema as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export interface Migration {
  /** The four-digit prefix, e.g. "0001". */
  version: string;
  name: string;
  sql: string;
}

/** Any constant works; this one is "wspólnie" spelled on a phone keypad. */
const migrationLockKey = 97765643;

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export const defaultMigrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Where the SQL files are: beside this module, or — inside a bundled Netlify
 * function, where this module no longer has a folder of its own — at their
 * repository path under the function's root, where netlify.toml's
 * `included_files` puts them.
 */
export function migrationsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (existsSync(defaultMigrationsDir)) return defaultMigrationsDir;
  const root = env['LAMBDA_TASK_ROOT'] ?? process.cwd();
  const bundled = join(root, 'src/db/migrations');
  if (existsSync(bundled)) return bundled;
  throw new Error(`Migrations not found beside ${fileURLToPath(import.meta.url)} nor in ${bundled}; include src/db/migrations/*.sql in the function bundle`);
}

export async function readMigrations(dir: string = migrationsDir()): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = fileName.exec(file);
    if (!match) throw new Error(`Migration file name ${file} is not NNNN_snake_case.sql`);
    const [, version = '', name = ''] = match;
    if (migrations.some((m) => m.version === version)) throw new Error(`Two migrations share version ${version}`);
    migrations.push({ version, name, sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

/** Applies the migrations not yet applied; returns the versions it applied. */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
    const applied = new Map(rows.map((row) => [row.version, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      const previous = applied.get(migration.version);
      if (previous !== undefined) {
        // Editing an applied migration would leave databases disagreeing about the schema.
        if (previous !== checksum) throw new Error(`Migration ${migration.version}_${migration.name} changed after it was applied; add a new migration instead`);
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, checksum]);
      done.push(migration.version);
    }
    return done;
  });
}
