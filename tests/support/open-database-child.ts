/**
 * A second process for the PGlite lock test:
 *   node open-database-child.ts <data dir> try    open, report, close, exit 0 (3 if refused)
 *   node open-database-child.ts <data dir> hold   open, report, then wait to be killed
 * <data dir> is WSPOLNIE_DATA_DIR (the database is its pglite/ folder). It goes
 * through openDatabase(), exactly as `npm start` will.
 */
import { openDatabase } from '../../src/db/open.ts';

const [dir = '', mode = 'try'] = process.argv.slice(2);
try {
  const db = await openDatabase({ WSPOLNIE_DATA_DIR: dir });
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  console.log(`opened ${process.pid} migrations=${rows[0]?.n}`);
  if (mode === 'hold') setInterval(() => undefined, 60_000);
  else await db.close();
} catch (error) {
  console.log(`refused ${(error as Error).message}`);
  process.exitCode = 3;
}
