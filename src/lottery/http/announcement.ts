/**
 * GET /losowania/<programme>/ogloszenie.json — the announcement a lottery
 * recorded when its enrolment opened (issue 11 §2), public and read-only:
 *
 *   200 { programme, recorded: true, sha256, originalSha256, recordedAt,
 *         canonical, announcement }
 *       `canonical` is the exact text whose SHA-256 is `sha256`
 *       (src/draw/announcement.ts documents the form); `announcement` the
 *       record as the protocol carries it, corrections included;
 *       `originalSha256` the hash recorded at the opening
 *   404 { programme, recorded: false, message }   nothing recorded (yet)
 *
 * Its reader that matters is the CMS (src/cms/browser/announcement-lock.ts),
 * which refuses a save that changes a recorded fact. A lottery whose window
 * has opened is recorded on the way (as the results page does), so the CMS
 * never sees "not recorded" for an announcement that is already due.
 * JSON in every answer, errors included, with `Access-Control-Allow-Origin: *`
 * like the protocol: it is public data.
 */
import { canonicalText } from '../../draw/announcement.ts';
import { announcementHashes } from '../../draw/announcement-check.ts';
import { json } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';
import { decodedOrUndefined } from '../../lib/percent-decoding.ts';
import { announcementFor, readAnnouncement } from '../../draw/announcement-record.ts';

const address = /^\/losowania\/([^/]+)\/ogloszenie\.json$/;
const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-cache' };

/** The path of a programme's announcement. */
export const announcementPath = (id: string) => `/losowania/${encodeURIComponent(id)}/ogloszenie.json`;

export async function handleAnnouncement(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return json(405, { errors: [{ field: '', message: 'Ten adres odpowiada tylko na GET.' }] }, { ...headers, Allow: 'GET' });
  }
  const match = address.exec(new URL(request.url).pathname);
  const id = match ? decodedOrUndefined(match[1]!) : undefined;
  if (id === undefined || id.length > 200) {
    return json(404, { recorded: false, message: 'Nie ma losowania o takim adresie. Lista losowań jest na stronie /losowania/.' }, headers);
  }
  const entry = (await runtime.catalogue()).get(id);
  const record = entry ? ((await announcementFor(runtime.db, entry, runtime.now())) ?? (await readAnnouncement(runtime.db, id))) : await readAnnouncement(runtime.db, id);
  if (!record) {
    return json(404, { programme: id, recorded: false, message: 'Ogłoszenie tego losowania nie zostało zapisane: zapisuje się, gdy otwiera się nabór programu z losowaniem.' }, headers);
  }
  return json(200, {
    programme: id,
    recorded: true,
    sha256: record.sha256,
    originalSha256: announcementHashes(record)[0],
    recordedAt: record.recordedAt,
    canonical: canonicalText(record.facts),
    announcement: record,
  }, headers);
}
