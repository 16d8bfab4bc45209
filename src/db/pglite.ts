/**
 * The embedded engine: PGlite (Postgres compiled to WebAssembly) in a local
 * data folder, so `npm start` and the tests need no database server.
 *
 * PGlite executes each statement synchronously, so it runs in a worker
 * thread of its own (pglite-thread.ts): the web server's thread stays free
 * to parse requests and render answers while the database works, and a
 * machine's second core is used. Statements outside a transaction are sent
 * at once and run in order; a transaction has the connection to itself
 * until it ends (PGlite is one connection), which is what PGlite's own
 * transaction() does too.
 */
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DatabaseError, oneAtATime, type Database, type QueryResult, type Queryable, type Row } from './database.ts';
import { lockDataDir } from './data-dir-lock.ts';

interface Answer {
  id: number;
  rows?: Row[];
  rowCount?: number;
  error?: Record<string, string | undefined>;
}

/** An error from the thread as database.ts would have made it: a DatabaseError when the server raised it. */
function errorOf(error: Record<string, string | undefined>): Error {
  if (error['severity'] !== undefined) return new DatabaseError(error);
  const failure = new Error(error['message'] ?? 'PGlite failed');
  failure.name = error['name'] ?? 'Error';
  return failure;
}

function connect(worker: Worker) {
  const waiting = new Map<number, { resolve(answer: Answer): void; reject(error: Error): void }>();
  let next = 0;
  let broken: Error | undefined;
  worker.unref(); // only a statement in flight keeps the process alive, as with any socket
  worker.on('message', (answer: Answer) => {
    const call = waiting.get(answer.id);
    if (!call) return;
    waiting.delete(answer.id);
    if (waiting.size === 0) worker.unref();
    call.resolve(answer);
  });
  const fail = (error: Error) => {
    broken = error;
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  };
  worker.on('error', (error: Error) => fail(new Error(`PGlite thread failed (${error.name})`)));
  worker.on('exit', () => fail(new Error('PGlite thread has stopped')));

  return async function send(op: 'query' | 'exec' | 'close', sql?: string, params?: readonly unknown[]): Promise<Answer> {
    if (broken) throw broken;
    const id = next++;
    const answer = await new Promise<Answer>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      if (waiting.size === 1) worker.ref();
      worker.postMessage({ id, op, sql, params: params ? [...params] : undefined });
    });
    if (answer.error) throw errorOf(answer.error);
    return answer;
  };
}

/**
 * Opens (creating if needed) the database in `dataDir`, after taking the
 * folder's lock: a second process gets a clear Polish error instead of a
 * corrupted database.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const lock = lockDataDir(dataDir);
  let worker: Worker;
  try {
    mkdirSync(dataDir, { recursive: true });
    worker = new Worker(new URL('./pglite-thread.ts', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: { ready: boolean; error?: Record<string, string | undefined> }) =>
        message.ready ? resolve() : reject(errorOf(message.error ?? {})),
      );
      worker.once('error', reject);
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const send = connect(worker);
  const statements = (inTransaction: () => boolean): Queryable => ({
    async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      if (!inTransaction()) await outside();
      const answer = await send('query', sql, params);
      return { rows: (answer.rows ?? []) as T[], rowCount: answer.rowCount ?? 0 };
    },
    async exec(sql: string) {
      if (!inTransaction()) await outside();
      await send('exec', sql);
    },
  });

  // Transactions take the connection in turn (`queue`); while one holds it, statements from
  // outside wait for its end (`released`) and then check again.
  let queue: Promise<void> = Promise.resolve();
  let holding = false;
  let released: Promise<void> = Promise.resolve();
  const outside = async () => {
    while (holding) await released;
  };

  let closed = false;
  return {
    engine: 'pglite',
    ...statements(() => false),
    async transaction(fn) {
      let release = () => undefined as void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const previous = queue;
      queue = queue.then(() => mine);
      await previous;
      holding = true;
      released = mine;
      const tx = oneAtATime(statements(() => true));
      try {
        await tx.query('BEGIN');
        const result = await fn(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        await tx.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        holding = false;
        release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await outside();
        await send('close');
        await worker.terminate();
      } finally {
        lock.release();
      }
    },
  };
}

