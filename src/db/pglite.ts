/**
 * The embedded engine: PGlite (Postgres compiled to WebAssembly) in a local
 * data folder, so `npm start` and the tests need no database server.
 */
import { mkdirSync } from 'node:fs';
import { PGlite, type Results, type Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { sanitised, type Database, type QueryResult, type Queryable, type Row } from './database.ts';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * Opens (creating if needed) the database in `dataDir`, after taking the
 * folder's lock: a second process gets a clear Polish error instead of a
 * corrupted database.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const lock = lockDataDir(dataDir);
  let pg: PGlite;
  try {
    mkdirSync(dataDir, { recursive: true });
    pg = await PGlite.create(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const handle = queryable(pg);
  let closed = false;
  return {
    engine: 'pglite',
    ...handle,
    // PGlite is one connection. Its transaction() holds an in-process mutex
    // that every other query() and transaction() waits for, so transactions
    // never interleave statements on the shared connection.
    transaction: (fn) => sanitised(() => pg.transaction((tx) => fn(queryable(tx)))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        lock.release();
      }
    },
  };
}

function queryable(target: PGlite | PGliteTransaction): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result: Results<T> = await sanitised(() => target.query<T>(sql, [...params]));
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await sanitised(() => target.exec(sql));
    },
  };
}
