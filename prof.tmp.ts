import { rmSync } from 'node:fs';
import { openPglite } from './src/db/pglite.ts';
import { migrate, readMigrations } from './src/db/migrations.ts';
import { storeApplication } from './src/enrolment/applications.ts';
import { enqueueEmail } from './src/mail/outbox.ts';
rmSync('/tmp/pgl/d2', { recursive: true, force: true }); rmSync('/tmp/pgl/d2.lock', { force: true });
const db = await openPglite('/tmp/pgl/d2');
await migrate(db, await readMigrations());
const now = new Date();
async function one(i: number, mode: string) {
  await db.transaction(async (tx) => {
    if (mode === 'store' || mode === 'both') await storeApplication(tx, { programmeId: 'p', email: `a${i}${mode}@x.pl`, name: 'N', declarations: [] }, { now, confirmationTtlMs: 1000 });
    if (mode === 'mail' || mode === 'both') await enqueueEmail(tx, { kind: 'k', dedupeKey: `k${i}${mode}`, to: 'a@x.pl', subject: 's', text: 't'.repeat(800), html: 'h'.repeat(2000) }, now);
  });
}
for (const mode of ['store', 'mail', 'both']) {
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) await one(i, mode);
  console.log(mode, 'sequential/s', Math.round(300 / ((performance.now() - t0) / 1000)));
}
const t0 = performance.now();
await Promise.all(Array.from({ length: 300 }, (_, i) => one(i + 1000, 'both')));
console.log('both concurrent/s', Math.round(300 / ((performance.now() - t0) / 1000)));
await db.close();
