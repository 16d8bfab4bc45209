/**
 * The server engine: PostgreSQL through a `pg` connection pool, chosen when
 * DATABASE_URL is set. Each transaction has a connection of its own, so
 * concurrency is real here and row locks do the serialising.
 */
import pg from 'pg';
import { oneAtATime, sanitised, type Database, type QueryResult, type Queryable, type Row } from './database.ts';

export interface PostgresOptions {
  /** Most connections the pool opens (pg's default is 10). */
  maxConnections?: number;
}

export function openPostgres(connectionString: string, options: PostgresOptions = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server must not crash the process; the
  // next query simply gets a fresh one. The message carries no personal data.
  pool.on('error', (error) => console.error(`Baza danych: zerwane bezczynne połączenie (${(error as { code?: string }).code ?? error.name}).`));
  let closed = false;
  return {
    engine: 'postgres',
    ...queryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      const tx = oneAtATime(queryable(client));
      let broken = false;
      try {
        await tx.query('BEGIN');
        const result = await fn(tx);
        await tx.query('COMMIT'); // a deferred constraint can still fail here
        return result;
      } catch (error) {
        // Queued behind any statement still running; a connection that
        // cannot even roll back is discarded, not reused.
        await tx.query('ROLLBACK').catch(() => (broken = true));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function queryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await sanitised(() => target.query<T>(sql, [...params]));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await sanitised(() => target.query(sql));
    },
  };
}

