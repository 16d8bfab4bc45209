/**
 * The database seen by domain code: parameterised SQL, transactions, close.
 * Two engines stand behind it — PGlite (embedded, the default) and PostgreSQL
 * (when DATABASE_URL is set) — running the same SQL and the same migrations,
 * so domain code never knows which one it has.
 */

export type Row = Record<string, unknown>;

export interface QueryResult<T extends Row = Row> {
  rows: T[];
  /** Rows returned, inserted, updated or deleted, as the command tag reports. */
  rowCount: number;
}

/** Anything that runs SQL: the database itself or a transaction. */
export interface Queryable {
  /** One statement; parameters as $1, $2, … never spliced into the text. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

type Transaction = Queryable;

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction (READ COMMITTED): commits when it resolves,
   * rolls back when it throws. Inside, use only the handle passed to `fn`:
   * on PGlite the outer handle waits for the transaction to end, so using it
   * there would never finish.
   */
  transaction<R>(fn: (tx: Transaction) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/**
 * An error from the database, safe to log. Driver errors carry personal
 * data: PostgreSQL's `detail` quotes the failing row or key ("Failing row
 * contains (…, jan@example.pl, …)"), PGlite attaches the query parameters,
 * and some messages quote the offending value. This keeps the SQLSTATE and
 * the names of the constraint, table and column, and nothing else.
 */
export class DatabaseError extends Error {
  /** SQLSTATE, e.g. '23505' for a unique violation. */
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;

  constructor(driverError: unknown) {
    const e = (driverError ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
    // Values are quoted after a colon ('invalid input syntax for type uuid: "…"'); names elsewhere stay.
    const message = (text('message') ?? 'unknown database error').replace(/:\s*".*"\s*$/s, ': "…"');
    super(`${message}${text('code') ? ` [${text('code')}]` : ''}`);
    this.name = 'DatabaseError';
    this.code = text('code');
    this.constraint = text('constraint');
    this.table = text('table');
    this.column = text('column');
  }
}

/**
 * Runs a driver call, replacing an error reported by the server (it has a
 * severity) with a DatabaseError. Others — the caller's own errors thrown
 * inside a transaction, connection failures — pass through unchanged.
 */
export async function sanitised<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const fromServer = typeof (error as { severity?: unknown } | null)?.severity === 'string';
    throw fromServer && !(error instanceof DatabaseError) ? new DatabaseError(error) : error;
  }
}

/**
 * A transaction is one connection, which runs one statement at a time; this
 * queues statements issued together (Promise.all inside a transaction) so both
 * engines behave alike, instead of relying on pg's deprecated implicit queue.
 */
export function oneAtATime(target: Queryable): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(call: () => Promise<T>): Promise<T> => {
    const result = tail.then(call);
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    query: (sql, params) => run(() => target.query(sql, params)),
    exec: (sql) => run(() => target.exec(sql)),
  };
}
