/**
 * The results page's version reads under load (issue 13): views that arrive
 * together share database reads — at most the one running and one queued
 * behind it, however many come — yet no view is answered from a read that
 * began before it arrived, so a withdrawal shows on the very next view. The
 * database is real (both engines); a wrapper only counts the version reads and
 * can hold one's answer back, which is how "a read already under way when the
 * withdrawal committed" is made to happen every time rather than by chance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf } from '../../src/catalogue/catalogue.ts';
import type { Database } from '../../src/db/database.ts';
import { withdrawApplication } from '../../src/enrolment/withdraw.ts';
import { drawResults, findCode } from '../../src/lottery/results.ts';
import { createLinkSigner } from '../../src/http/links.ts';
import { engines, type TestDatabase } from '../support/databases.ts';
import { drawableAt, scaleLottery, seedFreezeAndDraw } from '../support/draw-scale.ts';

const entry = scaleLottery('czytanie-wersji', 10);
const links = createLinkSigner(Buffer.from('sekret-testowy-sekret-testowy-0123456789'), 'https://wspolnie.example');
const isVersionRead = (sql: string) => sql.includes('lottery_versions');

/** `db` with its version reads counted, and each read's answer held until `release()` while `holding`. */
function counted(db: Database) {
  const gate = { holding: false, reads: 0, held: [] as (() => void)[] };
  const wrapped: Database = Object.create(db, {
    query: {
      value: async (sql: string, params?: readonly unknown[]) => {
        if (!isVersionRead(sql)) return db.query(sql, params);
        gate.reads += 1;
        const answer = await db.query(sql, params);
        if (gate.holding) await new Promise<void>((resolve) => gate.held.push(resolve));
        return answer;
      },
    },
  });
  const release = () => {
    gate.holding = false;
    for (const resume of gate.held.splice(0)) resume();
  };
  return { wrapped, gate, release };
}

describe.each(engines)('results version reads on $name', (engine) => {
  let database: TestDatabase;
  let order: string[];

  beforeAll(async () => {
    database = await engine.create();
    const drawn = await seedFreezeAndDraw(database.db, entry, 40, links);
    order = drawn.protocol.order;
  }, 60_000);
  afterAll(() => database?.dispose());

  it('shares reads among views that arrive together: one running, one queued, for twenty views', async () => {
    const { wrapped, gate, release } = counted(database.db);
    gate.holding = true;
    const first = drawResults(wrapped, entry);
    // Let the first read reach the database and come back to the gate.
    await expect.poll(() => gate.held.length).toBe(1);
    const together = Array.from({ length: 20 }, () => drawResults(wrapped, entry));
    expect(gate.reads).toBe(1);
    release();
    const all = await Promise.all([first, ...together]);
    expect(gate.reads).toBe(2);
    for (const results of all) expect(results.state).toBe('decided');
  });

  it('answers a view that came after a withdrawal from a read begun after it, even with an older read still under way', async () => {
    const { wrapped, gate, release } = counted(database.db);
    const before = await drawResults(wrapped, entry);
    const placed = order.find((code) => findCode(before, code)?.standing.kind === 'accepted')!;
    gate.holding = true;
    const older = drawResults(wrapped, entry);
    await expect.poll(() => gate.held.length).toBe(1);
    // The withdrawal commits while that read's answer (taken before it) is still on its way.
    const { rows } = await database.db.query<{ id: string }>('SELECT id FROM applications WHERE programme_id = $1 AND registration_code = $2', [entry.id, placed]);
    const withdrawn = await withdrawApplication(database.db, links.withdrawToken(rows[0]!.id), { links, catalogue: catalogueOf([entry]), now: drawableAt(entry) });
    expect(withdrawn.kind).toBe('withdrawn');
    const after = drawResults(wrapped, entry);
    release();
    expect(findCode(await older, placed)?.standing.kind).toBe('accepted');
    expect(findCode(await after, placed)?.standing.kind).toBe('withdrawn');
  });
});
