/**
 * The people an event's notice goes to, and the dedupe keys of the notices.
 *
 * Keys name the kind, then the application id, then the occasion, like the
 * sign-up emails' keys (`confirm-application:<application id>`): withdrawal
 * and retention find every unsent email of an application by that second
 * part, and a key never holds personal data.
 */
import type { Queryable } from '../db/database.ts';
import type { LinkSigner } from '../http/links.ts';
import type { PublicEvent, PublicProgramme } from './events-file.ts';

export type ApplicationStatus = 'confirmed' | 'accepted' | 'waitlisted';

/** Told about changes: everyone holding or waiting for a place. Pending and withdrawn applications are not. */
export const toldAboutChanges: readonly ApplicationStatus[] = ['confirmed', 'accepted', 'waitlisted'];
/** Reminded: only people with a place (a lottery's confirmed ones before or without a draw). */
export const reminded: readonly ApplicationStatus[] = ['confirmed', 'accepted'];

export interface Participant {
  [column: string]: unknown;
  id: string;
  email: string;
  registration_code: string;
  status: ApplicationStatus;
}

export const changeKey = (applicationId: string, eventId: string, revision: number, fingerprint: string) =>
  `event-change:${applicationId}:${eventId}:${revision}:${fingerprint}`;
export const reminderKey = (applicationId: string, occasion: string) => `event-reminder:${applicationId}:${occasion}`;

/**
 * Applications of these programmes in these states that still have an
 * address; with `skipKey`, those whose email with that key (built in SQL
 * from the application id) was not queued already, so a job repeating every
 * few minutes does not render thousands of emails only to drop them.
 */
export async function participantsOf(
  tx: Queryable,
  programmeIds: readonly string[],
  statuses: readonly ApplicationStatus[],
  skipKey?: { prefix: string; suffix: string },
): Promise<Participant[]> {
  if (programmeIds.length === 0) return [];
  const { rows } = await tx.query<Participant>(
    `SELECT a.id, a.email, a.registration_code, a.status FROM applications a
      WHERE a.programme_id = ANY($1) AND a.status = ANY($2) AND a.email IS NOT NULL AND a.erased_at IS NULL
        AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dedupe_key = $3 || a.id || $4))
      ORDER BY a.created_at, a.id`,
    [[...programmeIds], [...statuses], skipKey?.prefix ?? null, skipKey?.suffix ?? ''],
  );
  return rows;
}

/** What every notice needs besides the event: the site's links and the programmes' titles. */
export interface NoticeContext {
  links: LinkSigner;
  /** The public site address, e.g. https://wspolnie.krakow.pl */
  siteUrl: string;
  programmes: readonly PublicProgramme[];
}

export const pageUrlOf = (event: PublicEvent, siteUrl: string) => new URL(event.page, siteUrl.replace(/\/*$/, '/')).href;

export function programmeTitleOf(event: PublicEvent, programmes: readonly PublicProgramme[]): string {
  return programmes.find((p) => p.id === event.programme)?.title ?? event.title;
}
