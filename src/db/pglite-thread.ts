/**
 * The PGlite engine's own thread (see pglite.ts): PGlite runs Postgres
 * compiled to WebAssembly, synchronously, so on the main thread every
 * statement would stop the web server for its whole duration. Here it runs
 * beside it; the main thread sends statements and gets rows back.
 *
 * Messages in: { id, op: 'query', sql, params } | { id, op: 'exec', sql } | { id, op: 'close' }
 * Messages out: { id, rows, rowCount } | { id, error } — an error carries only
 * what DatabaseError keeps (database.ts): never the query's parameters or
 * PostgreSQL's `detail`, which quote personal data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

interface Request {
  id: number;
  op: 'query' | 'exec' | 'close';
  sql?: string;
  params?: unknown[];
}

const port = parentPort!;
const { dataDir } = workerData as { dataDir: string };

function safeError(error: unknown): Record<string, string | undefined> {
  const e = (error ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
  return { name: text('name'), message: text('message'), severity: text('severity'), code: text('code'), constraint: text('constraint'), table: text('table'), column: text('column') };
}

let pg: PGlite;
try {
  pg = await PGlite.create(dataDir);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: safeError(error) });
  process.exit(1);
}

port.on('message', (request: Request) => {
  const answer = async () => {
    if (request.op === 'query') {
      const result = await pg.query(request.sql ?? '', request.params ?? []);
      return { rows: result.rows, rowCount: (result as { rowCount?: number }).rowCount ?? result.affectedRows ?? 0 };
    }
    if (request.op === 'exec') {
      await pg.exec(request.sql ?? '');
      return { rows: [], rowCount: 0 };
    }
    await pg.close();
    return { rows: [], rowCount: 0 };
  };
  answer().then(
    (result) => {
      port.postMessage({ id: request.id, ...result });
      if (request.op === 'close') port.close();
    },
    (error: unknown) => port.postMessage({ id: request.id, error: safeError(error) }),
  );
});
