/**
 * The recorded announcements handed to a build (issue 11 §2), so that the
 * build can refuse content that differs from them
 * (src/integrations/announcement-lock.ts).
 *
 * Why a file: the self-hosted server builds in a child process, and its
 * PGlite data folder is open in the server alone (one process at a time), so
 * the server writes the records to a file in its data folder before each
 * build and names it in WSPOLNIE_ANNOUNCEMENTS_FILE. Where the database is
 * PostgreSQL (DATABASE_URL, as on Netlify), the build may read the table
 * itself instead. Public data only: what the lotteries announced.
 *
 * File: { "format": "wspolnie-ogloszenia-losowan/1", "announcements": [record, …] },
 * each record as /losowania/<id>/ogloszenie.json's `announcement`.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';
import type { Queryable } from '../db/database.ts';
import { announcementRecordSchema, type AnnouncementRecord } from '../draw/announcement.ts';
import { allAnnouncements } from '../draw/announcement-record.ts';

export const announcementsFileVariable = 'WSPOLNIE_ANNOUNCEMENTS_FILE';
const announcementsFileName = 'ogloszenia-losowan.json';

const announcementsFileSchema = z.object({
  format: z.literal('wspolnie-ogloszenia-losowan/1'),
  announcements: z.array(announcementRecordSchema),
});

/**
 * Writes every record to `<dir>/ogloszenia-losowan.json` (atomically: a
 * build never reads half a file) and returns the environment that names it.
 */
export async function announcementsForBuild(db: Queryable, dir: string): Promise<Record<string, string>> {
  const path = join(dir, announcementsFileName);
  const body = { format: 'wspolnie-ogloszenia-losowan/1', announcements: await allAnnouncements(db) } satisfies z.input<typeof announcementsFileSchema>;
  await writeFile(`${path}.tmp`, `${JSON.stringify(body, null, 1)}\n`);
  await rename(`${path}.tmp`, path);
  return { [announcementsFileVariable]: path };
}

/** Reads such a file; throws (with a Polish message) when it is not one. */
export function parseAnnouncementsFile(text: string, path: string): AnnouncementRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`Plik ogłoszeń losowań ${path} nie jest poprawnym JSON-em; serwer zapisuje go przed każdym budowaniem — zbuduj stronę ponownie.`);
  }
  const parsed = announcementsFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`Plik ogłoszeń losowań ${path} ma niepoprawną budowę; serwer zapisuje go przed każdym budowaniem — zbuduj stronę ponownie.`);
  return parsed.data.announcements;
}
