/**
 * Correcting a typo in a source's description after the announcement was
 * recorded (issue 11 §2): never a silent edit of content, but a staff action
 * in the panel (/panel/losowanie/ogloszenie/) with the old and the new text
 * and a reason, written in one transaction with
 *   - a row in lottery_announcement_corrections (public: /losowania/<id>/
 *     lists it, and the protocol carries it with the hashes before and after,
 *     so the verifier can walk back to the hash recorded at the opening),
 *   - the record's text in force and its new SHA-256 (migration 0007's
 *     trigger lets the hash change only together with such a row),
 *   - the staff audit log entry (src/staff/audit.ts).
 * Content is then changed to the new text in the CMS, which accepts it
 * because it now agrees with the record.
 *
 * The rules, and why:
 *   - descriptions only: a kind, a date, a number of places or the window is
 *     not a typo, and changing it would change what people relied on;
 *   - only before the recorded close of enrolment: sources must not be known
 *     before the pool closes (RFC 3797 section 3), so after the close a
 *     "correction" could pick a source whose value is already public;
 *   - a reason of at least 10 characters, shown publicly.
 */
import type { Database } from '../db/database.ts';
import { announcedFactsSchema, announcementSha256, canonicalText, type AnnouncementRecord } from '../draw/announcement.ts';
import type { CatalogueEntry } from '../enrolment/catalogue.ts';
import { plural } from '../lib/plural.ts';
import { recordAudit } from '../staff/audit.ts';
import { readAnnouncement } from './announcement.ts';

export interface CorrectionInput {
  /** The source's number, from 1. */
  source: number;
  /** The corrected description (trimmed and put in NFC here). */
  description: string;
  reason: string;
  staffId: string;
  now: Date;
}

export type CorrectionField = 'source' | 'description' | 'reason';

export type CorrectionOutcome =
  | { kind: 'corrected'; record: AnnouncementRecord }
  | { kind: 'invalid'; errors: { field: CorrectionField; message: string }[] }
  /** The recorded enrolment has closed: no more corrections. */
  | { kind: 'too-late'; closes: Date }
  /** Nothing recorded yet: content can still be edited freely. */
  | { kind: 'not-recorded' };

/** The shortest description the content schema accepts (src/schemas/enrolment.ts) and the shortest reason. */
const minimumLength = 10;

export async function correctDescription(db: Database, entry: CatalogueEntry, input: CorrectionInput): Promise<CorrectionOutcome> {
  const description = input.description.trim().normalize('NFC');
  const reason = input.reason.trim();
  return db.transaction(async (tx): Promise<CorrectionOutcome> => {
    const { rows } = await tx.query<{ canonical: string; sha256: string }>('SELECT canonical, sha256 FROM lottery_announcements WHERE programme_id = $1 FOR UPDATE', [entry.id]);
    const row = rows[0];
    if (!row) return { kind: 'not-recorded' };
    const facts = announcedFactsSchema.parse(JSON.parse(row.canonical));
    const closes = new Date(facts.closes);
    if (input.now >= closes) return { kind: 'too-late', closes };
    const errors: { field: CorrectionField; message: string }[] = [];
    const index = input.source - 1;
    const before = facts.sources[index]?.description;
    if (before === undefined) errors.push({ field: 'source', message: 'Wybierz źródło, którego opis poprawiasz' });
    if (description.length < minimumLength) errors.push({ field: 'description', message: `Wpisz poprawiony opis źródła (co najmniej ${plural(minimumLength, 'znak', 'znaki', 'znaków')})` });
    else if (description === before) errors.push({ field: 'description', message: 'Poprawiony opis jest taki sam jak zapisany: nie ma czego poprawiać' });
    if (reason.length < minimumLength) errors.push({ field: 'reason', message: `Napisz, czego dotyczy poprawka (co najmniej ${plural(minimumLength, 'znak', 'znaki', 'znaków')}); powód będzie widoczny publicznie` });
    if (errors.length > 0 || before === undefined) return { kind: 'invalid', errors };

    const after = { ...facts, sources: facts.sources.map((s, i) => (i === index ? { ...s, description } : s)) };
    const sha256After = announcementSha256(after);
    await tx.query(
      `INSERT INTO lottery_announcement_corrections
         (programme_id, source_number, description_before, description_after, reason, staff_id, corrected_at, sha256_before, sha256_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [entry.id, input.source, before, description, reason, input.staffId, input.now, row.sha256, sha256After],
    );
    await tx.query('UPDATE lottery_announcements SET canonical = $2, sha256 = $3 WHERE programme_id = $1', [entry.id, canonicalText(after), sha256After]);
    await recordAudit(tx, {
      staffId: input.staffId,
      action: 'announcement-correction',
      programmeId: entry.id,
      target: sha256After,
      detail: `źródło ${input.source}: „${before}” → „${description}”; powód: ${reason}`,
      at: input.now,
    });
    const record = await readAnnouncement(tx, entry.id);
    return { kind: 'corrected', record: record! };
  });
}
