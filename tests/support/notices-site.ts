/**
 * A built site's two public files, as the scheduled jobs read them
 * (dane/wydarzenia.json and dane/zapisy.json), written into a folder the test
 * controls, so a test "deploys" an edited event by writing the file again.
 * Also: applications in any state, stored directly.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../src/db/database.ts';
import type { CatalogueFile } from '../../src/catalogue/catalogue.ts';
import { newRegistrationCode } from '../../src/enrolment/registration-code.ts';
import type { EventsFileInput } from '../../src/notices/events-file.ts';

export type WrittenEvent = EventsFileInput['events'][number];
export type WrittenProgramme = EventsFileInput['programmes'][number];

export interface SiteFiles {
  events: WrittenEvent[];
  programmes: WrittenProgramme[];
  /** Programme id → when its sign-ups close. */
  closes: Record<string, Date>;
}

export async function writeSiteFiles(root: string, files: SiteFiles): Promise<void> {
  await mkdir(join(root, 'dane'), { recursive: true });
  const eventsFile: EventsFileInput = { generatedAt: new Date().toISOString(), events: files.events, programmes: files.programmes };
  const catalogue: CatalogueFile = {
    generatedAt: new Date().toISOString(),
    entries: Object.entries(files.closes).map(([id, closes]) => ({
      id,
      kind: 'programme',
      title: files.programmes.find((p) => p.id === id)?.title ?? id,
      page: `/programy/${id}/`,
      closedEarly: false,
      enrolment: { opens: new Date(closes.getTime() - 30 * 86_400_000).toISOString(), closes: closes.toISOString(), mode: 'first-come', capacity: 60 },
    })),
  };
  await writeFile(join(root, 'dane', 'wydarzenia.json'), JSON.stringify(eventsFile));
  await writeFile(join(root, 'dane', 'zapisy.json'), JSON.stringify(catalogue));
}

export type Status = 'pending' | 'confirmed' | 'accepted' | 'waitlisted' | 'withdrawn';

export interface StoredApplication {
  id: string;
  code: string;
  email: string | null;
  status: Status;
}

/** An application as the sign-up path leaves it in that state (withdrawn ones hold no data). */
export async function storeApplication(db: Queryable, programmeId: string, status: Status, email: string, at: Date): Promise<StoredApplication> {
  const code = newRegistrationCode();
  const withdrawn = status === 'withdrawn';
  const pending = status === 'pending';
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO applications (programme_id, registration_code, status, email, name, phone, created_at, confirmed_at, withdrawn_at, confirmation_token_hash, confirmation_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      programmeId, code, status,
      withdrawn ? null : email,
      withdrawn ? null : 'Zofia Gęślą-Żółć',
      withdrawn ? null : '+48 600 100 200',
      at,
      pending || withdrawn ? null : at,
      withdrawn ? at : null,
      pending ? `hash-${code}` : null,
      pending ? new Date(at.getTime() + 48 * 3_600_000) : null,
    ],
  );
  return { id: rows[0]!.id, code, email: withdrawn ? null : email, status };
}
