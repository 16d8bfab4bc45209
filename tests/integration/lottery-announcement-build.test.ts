/**
 * The build refuses content that changes a recorded lottery announcement
 * (issue 11 §2): real `astro build`s of a project copy, as the self-hosted
 * server runs them (src/site/build.ts), with the records handed over in the
 * file the server writes (WSPOLNIE_ANNOUNCEMENTS_FILE). Content that agrees
 * builds, and the programme page shows the recorded hash; content whose
 * capacity and draw date were edited afterwards fails with a Polish sentence
 * naming the file and the fields; without records the check is skipped and
 * the log says so. And on the live server, as `npm start` runs it: the first
 * sign-up records the announcement, a later edit of the file is refused by
 * the rebuild (the server hands the records over in a file), the panel's
 * build status says why, and the last good page keeps serving.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcedFacts, announcementSha256, canonicalText, type AnnouncementRecord } from '../../src/draw/announcement.ts';
import { announcementsFileVariable } from '../../src/lottery/announcement-file.ts';
import { buildSite } from '../../src/site/build.ts';
import { explainBuildFailure } from '../../src/site/build-failure.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixture-site.ts';
import { pgliteEngine, postgresEngine } from '../support/databases.ts';
import { recordsForBuild } from '../../src/integrations/announcement-lock.ts';
import { startLiveSite } from '../support/live-site.ts';
import { createSmtpSink } from '../support/smtp-sink.ts';

const day = 86_400_000;
const id = 'losowanie-w-budowie';
const file = `src/content/programy/${id}.md`;
const opens = new Date(Math.floor((Date.now() - 2 * day) / 60_000) * 60_000);
const closes = new Date(opens.getTime() + 12 * day);
const drawDate = new Date(closes.getTime() + 2 * day);
const sources = [
  { description: 'Wyniki losowania Lotto z dnia losowania (6 liczb)', kind: 'numbers' as const },
  { description: 'Kurs średni EUR w tabeli A NBP z dnia losowania', kind: 'text' as const },
];

function programme(capacity: number, draw: Date): string {
  return `---
title: Warsztaty z losowaniem w budowie
summary: Program z losowaniem miejsc, którego ogłoszenie jest już zapisane.
year: ${opens.getUTCFullYear()}
status: enrolment
organisers:
  - name: Urząd Miasta Krakowa
period:
  start: ${opens.toISOString().slice(0, 10)}
  label: test
enrolment:
  opens: "${opens.toISOString()}"
  closes: "${closes.toISOString()}"
  mode: lottery
  capacity: ${capacity}
  fields:
    - name
  drawSources:
${sources.map((s) => `    - description: ${s.description}\n      kind: ${s.kind}`).join('\n')}
  drawDate: "${draw.toISOString()}"
---

Opis programu.
`;
}

const facts = announcedFacts(id, { mode: 'lottery', capacity: 3, opens, closes, drawDate, drawSources: sources });
const record: AnnouncementRecord = { facts, sha256: announcementSha256(facts), recordedAt: opens.toISOString(), corrections: [] };

let site: FixtureSite;
let scratch: string;
let recordsFile: string;

beforeAll(async () => {
  site = await createFixtureSite(undefined, 'wspolnie-ogloszenie-build-');
  scratch = await mkdtemp(join(tmpdir(), 'wspolnie-ogloszenie-out-'));
  recordsFile = join(scratch, 'ogloszenia-losowan.json');
  await writeFile(recordsFile, JSON.stringify({ format: 'wspolnie-ogloszenia-losowan/1', announcements: [record] }));
}, 60_000);
afterAll(async () => {
  await site?.remove();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const build = (outDir: string, env: Record<string, string> = {}) =>
  buildSite({ projectRoot: site.root, outDir: join(scratch, outDir), env: { WSPOLNIE_ASTRO_CACHE_DIR: join(site.root, '.astro-cache'), DATABASE_URL: '', [announcementsFileVariable]: '', ...env } });

describe('the build and the recorded announcements', () => {
  it('builds content that agrees with the record, and the programme page shows the recorded SHA-256', async () => {
    await writeFile(join(site.root, file), programme(3, drawDate));
    const result = await build('zgodna', { [announcementsFileVariable]: recordsFile });
    expect(result.output).toContain('Ogłoszenia losowań: treść zgodna z 1 zapisanym ogłoszeniem');
    expect(result.ok).toBe(true);
    const page = await readFile(join(scratch, 'zgodna/programy', id, 'index.html'), 'utf8');
    expect(page).toContain(record.sha256);
  }, 400_000);

  it('refuses content edited afterwards, naming the file and each field in Polish; without records it only says it skipped', async () => {
    await writeFile(join(site.root, file), programme(5, new Date(closes.getTime() + 3 * day)));
    const refused = await build('zmieniona', { [announcementsFileVariable]: recordsFile });
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain(`Plik ${file}: pole „Zapisy › Liczba miejsc” — ogłoszono 3, a teraz jest 5; pole „Zapisy › Data losowania” — ogłoszono `);
    expect(refused.output).toContain('nie może się już zmienić');
    const failure = explainBuildFailure(refused.output, site.root);
    expect(failure).toMatchObject({ file, field: 'Zapisy › Liczba miejsc' });
    expect(failure.summary).toMatch(new RegExp(`^Plik ${file}: pole „Zapisy › Liczba miejsc” — ogłoszono 3, a teraz jest 5;.*Przywróć w treści ogłoszone wartości\\.`));

    const unchecked = await build('bez-rekordow');
    expect(unchecked.ok).toBe(true);
    expect(unchecked.output).toContain(`Ogłoszenia losowań: bez ${announcementsFileVariable} i DATABASE_URL nie ma z czym porównać treści — sprawdzenie pominięte.`);
  }, 800_000);
});

describe('the live server hands its records to each rebuild', () => {
  it('refuses an edit made after the first sign-up and keeps serving the announced page', async () => {
    const sink = await createSmtpSink();
    await sink.start();
    const run = await startLiveSite(pgliteEngine, sink, { files: { [file]: programme(3, drawDate) } });
    try {
      const before = await (await fetch(`${run.origin}/programy/${id}/`)).text();
      expect(before).toContain(record.sha256);
      const form = new URLSearchParams({ programme: id, email: 'pierwsza@example.pl', name: 'Zofia Źdźbło', consent: 'tak', website: '' });
      expect((await fetch(`${run.origin}/api/zapisy`, { method: 'POST', body: form, redirect: 'manual', headers: { Origin: run.origin } })).status).toBe(303);
      expect((await run.app.database.db.query('SELECT sha256 FROM lottery_announcements')).rows).toEqual([{ sha256: record.sha256 }]);

      await run.save(file, programme(5, drawDate));
      const rebuilt = await run.live.rebuilder.buildNow('test: edycja po otwarciu naboru');
      expect(rebuilt.ok).toBe(false);
      expect(run.live.rebuilder.status().failure).toMatchObject({ file, field: 'Zapisy › Liczba miejsc' });
      expect(run.live.rebuilder.status().failure?.summary).toContain('ogłoszono 3, a teraz jest 5');
      const after = await (await fetch(`${run.origin}/programy/${id}/`)).text();
      expect(after).toContain(record.sha256);
    } finally {
      await run.close();
      await sink.dispose();
    }
  }, 600_000);
});

describe('a build with DATABASE_URL (Netlify) reads the records from PostgreSQL itself', () => {
  it('finds what was recorded, and nothing in a database the functions have not migrated yet', async () => {
    const migrated = await postgresEngine.create();
    const empty = await postgresEngine.create({ migrate: false });
    try {
      await migrated.db.query(
        `INSERT INTO lottery_announcements (programme_id, canonical, sha256, original_canonical, original_sha256, recorded_at) VALUES ($1, $2, $3, $2, $3, $4)`,
        [id, canonicalText(facts), record.sha256, opens],
      );
      const found = await recordsForBuild({ DATABASE_URL: migrated.location });
      expect(found).toEqual({ from: 'DATABASE_URL', records: [{ ...record, facts }] });
      expect(await recordsForBuild({ DATABASE_URL: empty.location })).toEqual({ from: 'DATABASE_URL', records: [] });
      expect(await recordsForBuild({})).toBeUndefined();
      await expect(recordsForBuild({ WSPOLNIE_ANNOUNCEMENTS_FILE: join(scratch, 'nie-ma.json') })).rejects.toThrow(/Nie można odczytać pliku ogłoszeń losowań/);
    } finally {
      await migrated.dispose();
      await empty.dispose();
    }
  }, 60_000);
});
