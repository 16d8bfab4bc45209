/**
 * The Netlify clock (src/netlify/clock.ts) on PGlite and PostgreSQL,
 * reading the public files over HTTP from a static server (as from the
 * published deploy) and calling a real HTTP server that stands in for
 * Netlify's build hook: one request per passed boundary, none while the
 * build is under way, again after a refusal or a build that never came,
 * once when two runs race; and the scheduled function's own run from the
 * environment, including the one Polish line when the hook is not set.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpPublicData, PublicDataUnavailable } from '../../src/notices/public-data.ts';
import { closeRebuildClockDatabase, defaultRetryAfterMs, describeRebuildClock, runRebuildClockOnNetlify, tickRebuildClock, type RebuildClockOutcome } from '../../src/netlify/clock.ts';
import { programmeEntry, startBuildHook, workshop, writePublicFiles, type BuildHook } from '../support/build-hook.ts';
import { engines, postgresEngine, type TestDatabase } from '../support/databases.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

const minute = 60_000;
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * minute);

// Boundaries at +10 (window opens), +60 (an event ends), +120 (window closes).
const entries = [programmeEntry('spacer', 'Spacer badawczy', at(10), at(120))];
const events = [workshop('spacer-1', 'spacer', at(0), at(60))];

let root: string;
let empty: string;
let site: StaticServer;
/** A site without the files (a deploy that lacks them, or the wrong address). */
let bare: StaticServer;
let hook: BuildHook;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'wspolnie-netlify-clock-'));
  empty = await mkdtemp(join(tmpdir(), 'wspolnie-netlify-clock-empty-'));
  [site, bare, hook] = await Promise.all([serveStatic(root), serveStatic(empty), startBuildHook()]);
});
afterAll(async () => {
  await Promise.all([site?.close(), bare?.close(), hook?.close()]);
  await Promise.all([rm(root, { recursive: true, force: true }), rm(empty, { recursive: true, force: true })]);
});

const titleOf = (url: string) => new URL(url, 'http://x').searchParams.get('trigger_title');

describe.each(engines)('the Netlify clock on $name', (engine) => {
  let database: TestDatabase;
  let now: Date;
  beforeEach(async () => {
    database = await engine.create();
    hook.requests.length = 0;
    hook.answer(200);
    await writePublicFiles(root, at(0), entries, events);
    return () => database.dispose();
  });
  const tick = (options: { buildHookUrl?: string } = {}) =>
    tickRebuildClock({ db: database.db, publicData: httpPublicData(site.url), buildHookUrl: options.buildHookUrl ?? hook.url, now: () => now });
  const rows = async () => (await database.db.query('SELECT boundary_at, what, attempts, requested_at FROM rebuild_requests ORDER BY boundary_at')).rows;

  it('asks nothing while no boundary has passed since the build', async () => {
    now = at(9);
    expect(await tick()).toEqual({ kind: 'current', builtAt: at(0) });
    expect(hook.requests).toEqual([]);
    expect(await rows()).toEqual([]);
  });

  it('asks once when a boundary passes, waits every minute of the build, and asks again only for the next boundary', async () => {
    now = at(11);
    const first = await tick();
    expect(first).toMatchObject({ kind: 'requested', builtAt: at(0), attempt: 1, boundary: { at: at(10), what: 'początek naboru: Spacer badawczy' } });
    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request).toMatchObject({ method: 'POST', contentType: 'application/json', body: '{}' });
    expect(request!.url.startsWith('/build_hooks/5c23354f454e1350f8543e78?')).toBe(true);
    expect(titleOf(request!.url)).toBe('Wspólnie: minęła granica czasu (początek naboru: Spacer badawczy)');
    expect(describeRebuildClock(first)).toBe(
      'Przebudowa na czas: minęła granica „początek naboru: Spacer badawczy” (2 marca 2026, 10:10), a opublikowana strona jest z 2 marca 2026, 10:00; zlecono przebudowę.',
    );

    // Netlify builds for a few minutes; the old deploy is still the published one.
    for (const m of [12, 13, 14, 20]) {
      now = at(m);
      const waiting = await tick();
      expect(waiting).toMatchObject({ kind: 'waiting', requestedAt: at(11), boundary: { at: at(10) } });
      expect(describeRebuildClock(waiting)).toBe('Przebudowa na czas: czekam na nową wersję strony, zleconą 2 marca 2026, 10:11 (granica „początek naboru: Spacer badawczy”).');
    }
    expect(hook.requests).toHaveLength(1);

    // The new deploy (built at +12) is published: nothing to do until the event ends at +60.
    await writePublicFiles(root, at(12), entries, events);
    now = at(59);
    expect(await tick()).toEqual({ kind: 'current', builtAt: at(12) });
    now = at(61);
    expect(await tick()).toMatchObject({ kind: 'requested', attempt: 1, boundary: { at: at(60), what: 'koniec wydarzenia: Warsztat spacer-1' } });
    expect(hook.requests.map((r) => titleOf(r.url))).toEqual([
      'Wspólnie: minęła granica czasu (początek naboru: Spacer badawczy)',
      'Wspólnie: minęła granica czasu (koniec wydarzenia: Warsztat spacer-1)',
    ]);
    expect((await rows()).map((r) => [new Date(r['boundary_at'] as Date).toISOString(), r['attempts']])).toEqual([
      [at(10).toISOString(), 1],
      [at(60).toISOString(), 1],
    ]);
  });

  it('asks for the latest boundary only when several passed since the build', async () => {
    now = at(130);
    expect(await tick()).toMatchObject({ kind: 'requested', boundary: { at: at(120), what: 'koniec naboru: Spacer badawczy' } });
    expect(hook.requests).toHaveLength(1);
  });

  it('asks again at the next run after the hook refused, and logs the status without the hook address', async () => {
    hook.answer(500);
    now = at(11);
    const refused = await tick();
    expect(refused).toMatchObject({ kind: 'hook-failed', reason: 'HTTP 500' });
    const line = describeRebuildClock(refused) ?? '';
    expect(line).toBe('Przebudowa na czas: hook kompilacji Netlify nie przyjął zlecenia (HTTP 500); ponowię przy następnym uruchomieniu.');
    expect(line).not.toContain('build_hooks');
    hook.answer(200);
    now = at(12);
    expect(await tick()).toMatchObject({ kind: 'requested', attempt: 2 });
    now = at(13);
    expect(await tick()).toMatchObject({ kind: 'waiting', requestedAt: at(12) });
    expect(hook.requests).toHaveLength(2);
  });

  it('reports an unreachable hook by its error code and asks again next time', async () => {
    const closed = await startBuildHook();
    await closed.close();
    now = at(11);
    expect(await tick({ buildHookUrl: closed.url })).toMatchObject({ kind: 'hook-failed', reason: 'ECONNREFUSED' });
    now = at(12);
    expect(await tick()).toMatchObject({ kind: 'requested', attempt: 2 });
  });

  it('asks again when the requested build never became the published deploy', async () => {
    now = at(11);
    await tick();
    now = new Date(at(11).getTime() + defaultRetryAfterMs - minute);
    expect(await tick()).toMatchObject({ kind: 'waiting' });
    now = new Date(at(11).getTime() + defaultRetryAfterMs);
    const again = await tick();
    expect(again).toMatchObject({ kind: 'requested', attempt: 2, boundary: { at: at(10) } });
    expect(describeRebuildClock(again)).toContain('zlecono przebudowę (próba 2: poprzednia nie dała nowej wersji strony).');
    expect(hook.requests).toHaveLength(2);
  });

  it('asks once when several runs see the same boundary at the same moment', async () => {
    now = at(11);
    const outcomes: RebuildClockOutcome[] = await Promise.all(Array.from({ length: 5 }, () => tick()));
    expect(outcomes.filter((o) => o.kind === 'requested')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'waiting')).toHaveLength(4);
    expect(hook.requests).toHaveLength(1);
  });

  it('stops, asking nothing, when the published files cannot be read', async () => {
    now = at(11);
    await expect(
      tickRebuildClock({ db: database.db, publicData: httpPublicData(bare.url), buildHookUrl: hook.url, now: () => now }),
    ).rejects.toBeInstanceOf(PublicDataUnavailable);
    expect(hook.requests).toEqual([]);
  });
});

describe('the scheduled function’s run from its environment (PostgreSQL, as on Netlify)', () => {
  const logs: string[] = [];
  const log = (line: string) => void logs.push(line);
  beforeEach(async () => {
    logs.length = 0;
    hook.requests.length = 0;
    hook.answer(200);
    site.sent.length = 0;
  });
  afterAll(() => closeRebuildClockDatabase());

  it('without NETLIFY_BUILD_HOOK_URL logs one Polish sentence and touches neither the site, the database nor a hook', async () => {
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SITE_URL: site.url, NETLIFY_BUILD_HOOK_URL: '  ' };
    expect(await runRebuildClockOnNetlify(env, log)).toBeUndefined();
    expect(logs).toEqual([
      'Przebudowa na czas: brak NETLIFY_BUILD_HOOK_URL, więc strona nie przebuduje się sama, gdy minie termin (np. koniec naboru albo wydarzenia). Utwórz hook kompilacji w Netlify i ustaw tę zmienną.',
    ]);
    expect(site.sent).toEqual([]);
    expect(hook.requests).toEqual([]);
  });

  it('names a missing database or a hook that is not a web address, in Polish, without quoting it', async () => {
    await runRebuildClockOnNetlify({ SITE_URL: site.url, NETLIFY_BUILD_HOOK_URL: hook.url }, log);
    await runRebuildClockOnNetlify({ DATABASE_URL: 'postgres://x@127.0.0.1:1/x', SITE_URL: site.url, NETLIFY_BUILD_HOOK_URL: 'ftp://sekret/abc' }, log);
    expect(logs).toEqual([
      'Przebudowa na czas: przebieg nie powiódł się (brak DATABASE_URL: baza pamięta, o którą przebudowę już poproszono, żeby nie prosić co minutę.).',
      'Przebudowa na czas: przebieg nie powiódł się (NETLIFY_BUILD_HOOK_URL nie jest adresem http(s); skopiuj adres hooka kompilacji z ustawień Netlify.).',
    ]);
    expect(hook.requests).toEqual([]);
  });

  it('migrates a fresh database, asks once for a boundary that passed a minute ago, then waits', async () => {
    const fresh = await postgresEngine.create({ migrate: false });
    try {
      const now = Date.now();
      // Built an hour ago; sign-ups closed a minute ago.
      await writePublicFiles(root, new Date(now - 60 * minute), [programmeEntry('nabor', 'Nabór do rady', new Date(now - 2 * 86_400_000), new Date(now - minute))]);
      const env = { DATABASE_URL: fresh.location, URL: site.url, NETLIFY_BUILD_HOOK_URL: hook.url };
      expect(await runRebuildClockOnNetlify(env, log)).toMatchObject({ kind: 'requested', boundary: { what: 'koniec naboru: Nabór do rady' } });
      expect(await runRebuildClockOnNetlify(env, log)).toMatchObject({ kind: 'waiting' });
      expect(hook.requests).toHaveLength(1);
      expect(logs).toHaveLength(2);
      expect(logs[0]).toMatch(/^Przebudowa na czas: minęła granica „koniec naboru: Nabór do rady” \(.+\), a opublikowana strona jest z .+; zlecono przebudowę\.$/);
      expect(logs[1]).toMatch(/^Przebudowa na czas: czekam na nową wersję strony, zleconą .+ \(granica „koniec naboru: Nabór do rady”\)\.$/);
      for (const line of logs) expect(line).not.toContain(new URL(hook.url).pathname);
      const client = new pg.Client({ connectionString: fresh.location });
      await client.connect();
      try {
        expect((await client.query("SELECT version FROM schema_migrations WHERE name = 'rebuild_requests'")).rows).toEqual([{ version: '0006' }]);
      } finally {
        await client.end();
      }
    } finally {
      await closeRebuildClockDatabase();
      await fresh.dispose();
    }
  });

  it('logs why when the published files cannot be read, and asks nothing', async () => {
    const fresh = await postgresEngine.create({ migrate: false });
    try {
      const env = { DATABASE_URL: fresh.location, SITE_URL: bare.url, NETLIFY_BUILD_HOOK_URL: hook.url };
      expect(await runRebuildClockOnNetlify(env, log)).toBeUndefined();
      expect(logs).toEqual([`Przebudowa na czas: przebieg nie powiódł się (nie udało się pobrać ${bare.url}/dane/wydarzenia.json (HTTP 404)).`]);
      expect(hook.requests).toEqual([]);
    } finally {
      await closeRebuildClockDatabase();
      await fresh.dispose();
    }
  });
});
