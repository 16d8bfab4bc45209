/**
 * The build refuses content that changes what a lottery announced (issue 11
 * §2): after the pages are built, every recorded announcement is compared
 * with the enrolment block the build wrote into /dane/zapisy.json (parsed
 * with the content schema, so exactly what the site now says). A difference
 * fails the build with a Polish sentence naming the file and the fields
 * (src/draw/announcement-conflict.ts), so the live site keeps serving the
 * last good build and the staff panel shows why.
 *
 * Where the records come from, in this order:
 *   1. WSPOLNIE_ANNOUNCEMENTS_FILE — the file the self-hosted server writes
 *      before each of its builds (src/lottery/announcement-file.ts);
 *   2. DATABASE_URL — PostgreSQL, read directly (a Netlify build);
 *   3. neither — a build on a machine without the database (a developer's
 *      `npm run build`): the check is skipped, and the log says so.
 * A cancelled programme is not checked (it never draws); a programme whose
 * file is gone is left to the check of deleted content.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { AnnouncementRecord } from '../draw/announcement.ts';
import { cataloguePath, parseCatalogue } from '../catalogue/catalogue.ts';
import { contentConflicts, fileConflictSentence } from '../draw/announcement-conflict.ts';
import { announcementsFileVariable, parseAnnouncementsFile } from '../lottery/announcement-file.ts';
import { plural } from '../lib/plural.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The records, and where they came from (for the log); undefined when there is no source. */
export async function recordsForBuild(env: Env = process.env): Promise<{ records: AnnouncementRecord[]; from: string } | undefined> {
  const file = env[announcementsFileVariable]?.trim();
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new Error(`Nie można odczytać pliku ogłoszeń losowań ${file} (${announcementsFileVariable}); serwer zapisuje go przed każdym budowaniem — zbuduj stronę ponownie.`);
    }
    return { records: parseAnnouncementsFile(text, file), from: file };
  }
  const url = env['DATABASE_URL']?.trim();
  if (url) {
    // Imported here: a build without a database never loads the driver.
    const { openPostgres } = await import('../db/postgres.ts');
    const { allAnnouncements } = await import('../draw/announcement-record.ts');
    const db = openPostgres(url, { maxConnections: 1 });
    try {
      return { records: await allAnnouncements(db), from: 'DATABASE_URL' };
    } catch (error) {
      // A database whose migrations have not run yet (no functions called so far) has nothing recorded.
      if ((error as { code?: string }).code === '42P01') return { records: [], from: 'DATABASE_URL' };
      throw error;
    } finally {
      await db.close();
    }
  }
  return undefined;
}

/** The programme's content file, relative to the project (as Decap writes it: src/content/programy/<id>.md). */
function contentFile(root: string, id: string): string | undefined {
  for (const extension of ['md', 'mdx']) {
    const relative = `src/content/programy/${id}.${extension}`;
    if (existsSync(join(root, relative))) return relative;
  }
  return undefined;
}

/** Every refusal for a built site (`dist`) against the records: one sentence per programme; empty when all agree. */
async function lockRefusals(root: string, dist: string, records: readonly AnnouncementRecord[]): Promise<string[]> {
  const catalogue = parseCatalogue(JSON.parse(await readFile(join(dist, cataloguePath), 'utf8')));
  const refusals: string[] = [];
  for (const record of records) {
    const id = record.facts.programme;
    const entry = catalogue.get(id);
    const file = contentFile(root, id);
    // Gone from the site altogether: not a change of what it announced, but a deletion (checked elsewhere).
    if (!entry && !file) continue;
    const found = contentConflicts(record, id, entry ? { cancelled: entry.closedEarly, enrolment: entry.enrolment } : { cancelled: false, enrolment: undefined });
    if (found.length > 0) refusals.push(fileConflictSentence(file ?? `src/content/programy/${id}.md`, record, found));
  }
  return refusals;
}

/**
 * The build log's line when content agrees with the records: `count`
 * records read from `from` (a file path or "PostgreSQL"), with the noun in
 * the instrumental after "z" through the plural helper — "z 1 zapisanym
 * ogłoszeniem", "z 2 zapisanymi ogłoszeniami", "z 5 zapisanymi
 * ogłoszeniami"; none recorded yet says so.
 */
export function agreementLine(count: number, from: string): string {
  if (count === 0) return `Ogłoszenia losowań: nie ma jeszcze zapisanych ogłoszeń, nie ma z czym porównać treści (${from}).`;
  return `Ogłoszenia losowań: treść zgodna z ${plural(count, 'zapisanym ogłoszeniem', 'zapisanymi ogłoszeniami', 'zapisanymi ogłoszeniami')} (${from}).`;
}

export default function announcementLock(): AstroIntegration {
  let root = '';
  return {
    name: 'wspolnie:announcement-lock',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }: { dir: URL; logger: AstroIntegrationLogger }) => {
        const source = await recordsForBuild();
        if (!source) {
          logger.info(`Ogłoszenia losowań: bez ${announcementsFileVariable} i DATABASE_URL nie ma z czym porównać treści — sprawdzenie pominięte.`);
          return;
        }
        const refusals = await lockRefusals(root, fileURLToPath(dir), source.records);
        if (refusals.length > 0) throw new Error(refusals.join('\n'));
        logger.info(agreementLine(source.records.length, source.from));
      },
    },
  };
}
