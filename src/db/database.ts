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

export type Transaction = Queryable;

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

/** PostgreSQL's SQLSTATE for a unique-constraint violation. */
export const uniqueViolation = '23505';

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
