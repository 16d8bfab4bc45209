/**
 * The remarks CSV round trip at scale (issue 16): a consultation whose form
 * gathered `count` remarks (10,000 by default, each a few sentences with
 * Polish letters, one in ten starting like a formula), on PGlite and on a
 * throw-away PostgreSQL 15. Timed: the export (read, audit, CSV), the
 * preview of the unit's filled-in file (parse, check each row, compare with
 * what is stored) and the confirmed import (read again, one upsert, audit);
 * then the import is checked to have stored every row, and a second preview
 * of the same file to find nothing to change.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/db/database.ts';
import { openDatabase } from '../src/db/open.ts';
import { parseCsv, toCsv } from '../src/lib/csv.ts';
import { addStaff } from '../src/panel/allow-list.ts';
import { applyImport, exportRemarks, previewImport } from '../src/remarks/store.ts';
import { withPostgres } from './signups.ts';

/** Seconds each step may take for 10,000 remarks (scaled linearly for other counts). */
const targets = { exportSeconds: 5, previewSeconds: 5, importSeconds: 10 };
const consultation = 'konsultacje-bench';

interface RemarksRow {
  engine: string;
  remarks: number;
  csvBytes: number;
  exportSeconds: number;
  previewSeconds: number;
  importSeconds: number;
  stored: number;
  unchangedOnSecondPreview: number;
}

async function measure(engine: string, db: Database, count: number): Promise<RemarksRow> {
  await addStaff(db, 'bench@um.example');
  const { rows: staff } = await db.query<{ id: string }>('SELECT id FROM staff WHERE email = $1', ['bench@um.example']);
  const staffId = staff[0]!.id;
  // Codes from the number, in the code alphabet (no 0, 1, I, L, O, U): unique, as the registration codes are.
  await db.query(
    `INSERT INTO applications (programme_id, registration_code, status, email, message, confirmed_at, created_at)
     SELECT $1, translate(lpad(to_hex(n), 4, '0'), '0123456789abcdef', '23456789ABCDEFGH') || '-' || translate(lpad(to_hex(n * 7 % 65536), 4, '0'), '0123456789abcdef', 'JKMNPQRSTVWXYZ23'),
            'confirmed', 'osoba' || n || '@example.pl',
            CASE WHEN n % 10 = 0 THEN '=HYPERLINK("https://zly.example/' || n || '")' ELSE 'Uwaga nr ' || n || ': więcej zieleni i ławek przy źródełku, Łagiewniki–Borek Fałęcki. Proszę też o cień.' END,
            now(), now() - (n || ' seconds')::interval
       FROM generate_series(1, $2::int) AS n`,
    [consultation, count],
  );
  const now = new Date();
  let started = performance.now();
  const exported = await exportRemarks(db, consultation, staffId, now);
  const exportSeconds = (performance.now() - started) / 1000;

  const [header, ...lines] = parseCsv(exported.csv);
  const decisions = ['Uwzględniona', 'Częściowo uwzględniona', 'Nieuwzględniona', 'Poza zakresem'];
  const filled = toCsv(header!, lines.map((line, i) => [...line.slice(0, 3), i % 7 === 0 ? 'Komunikacja' : 'Zieleń', `Streszczenie ${i}: więcej zieleni, bez danych osobowych.`, decisions[i % 4]!, 'Uzasadnienie z odniesieniem do planu zagospodarowania.']));

  started = performance.now();
  const preview = await previewImport(db, consultation, filled);
  const previewSeconds = (performance.now() - started) / 1000;
  if (preview.kind !== 'rows' || preview.problems.length > 0) throw new Error(`bench: the preview refused the file (${preview.kind === 'rows' ? preview.problems[0]?.message : preview.message})`);

  started = performance.now();
  const applied = await applyImport(db, consultation, filled, staffId, now);
  const importSeconds = (performance.now() - started) / 1000;
  const { rows: stored } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM remark_decisions WHERE consultation_id = $1', [consultation]);
  const again = await previewImport(db, consultation, filled);
  return {
    engine,
    remarks: count,
    csvBytes: Buffer.byteLength(exported.csv),
    exportSeconds,
    previewSeconds,
    importSeconds,
    stored: applied.kind === 'rows' ? stored[0]!.n : 0,
    unchangedOnSecondPreview: again.kind === 'rows' ? again.changes.filter((c) => c.kind === 'unchanged').length : 0,
  };
}

export async function benchRemarks(table: (head: string[], rows: string[][]) => string, count = 10_000): Promise<boolean> {
  console.log(`\n## Remarks CSV round trip: ${count} form remarks exported, previewed and imported\n`);
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
  console.log(`${cpus().length} CPU cores; load average ${load()} at the start`);
  const rows: RemarksRow[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'wspolnie-bench-remarks-'));
  try {
    const pglite = await openDatabase({ WSPOLNIE_DATA_DIR: dir });
    try {
      rows.push(await measure('PGlite', pglite, count));
    } finally {
      await pglite.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  rows.push(
    await withPostgres(async (url) => {
      const db = await openDatabase({ DATABASE_URL: url });
      try {
        return await measure('PostgreSQL 15', db, count);
      } finally {
        await db.close();
      }
    }),
  );
  console.log(`load average ${load()} at the end\n`);
  const scale = count / 10_000;
  const limit = (seconds: number) => seconds * scale;
  const cell = (value: number, target: number) => `${value.toFixed(2)} s (${(value / target).toFixed(2)} of ${target.toFixed(1)} s)`;
  console.log(
    table(
      ['database', 'remarks', 'CSV', 'export', 'preview', 'import', 'stored', 'unchanged on 2nd preview'],
      rows.map((r) => [
        r.engine,
        String(r.remarks),
        `${(r.csvBytes / 1000).toFixed(0)} kB`,
        cell(r.exportSeconds, limit(targets.exportSeconds)),
        cell(r.previewSeconds, limit(targets.previewSeconds)),
        cell(r.importSeconds, limit(targets.importSeconds)),
        String(r.stored),
        String(r.unchangedOnSecondPreview),
      ]),
    ),
  );
  const ok = rows.every(
    (r) =>
      r.exportSeconds <= limit(targets.exportSeconds) &&
      r.previewSeconds <= limit(targets.previewSeconds) &&
      r.importSeconds <= limit(targets.importSeconds) &&
      r.stored === r.remarks &&
      r.unchangedOnSecondPreview === r.remarks,
  );
  console.log(ok ? 'Targets met.' : 'Targets MISSED.');
  return ok;
}
