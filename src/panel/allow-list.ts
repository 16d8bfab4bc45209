/**
 * Who may sign in to the staff panel. Two lists, either enough:
 *
 * - STAFF_EMAILS, comma-separated: suits Netlify (set in the dashboard) and
 *   a small team; removing an address there ends that person's sessions at
 *   their next request;
 * - the `staff` table, managed with `npm run staff -- add|remove|list`.
 *
 * Every address that may sign in has a `staff` row (an env-listed one gets
 * it on its first sign-in request), so sessions and the audit log refer to
 * an id, and the row outlives the permission so the log still says who.
 * Addresses are compared in lower case.
 */
import { z } from 'astro/zod';
import type { Queryable } from '../db/database.ts';

export type { Env } from '../lib/env.ts';
import type { Env } from '../lib/env.ts';

export const staffEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(z.regexes.email);

/** The addresses in STAFF_EMAILS; malformed entries are skipped (and counted, for the start-up log). */
export function staffEmailsFrom(env: Env): { emails: string[]; skipped: number } {
  const raw = (env['STAFF_EMAILS'] ?? '').split(/[,;\s]+/).filter(Boolean);
  const emails = new Set<string>();
  let skipped = 0;
  for (const item of raw) {
    const parsed = staffEmail.safeParse(item);
    if (parsed.success) emails.add(parsed.data);
    else skipped++;
  }
  return { emails: [...emails], skipped };
}

export interface StaffMember {
  id: string;
  email: string;
}

/**
 * The staff member for `email` if the address may sign in, creating the
 * row of an env-listed address; undefined otherwise (nothing is written).
 */
export async function allowedStaff(db: Queryable, email: string, envEmails: readonly string[]): Promise<StaffMember | undefined> {
  const address = email.toLowerCase();
  const { rows } = await db.query<{ id: string; email: string; allowed_by_table: boolean }>('SELECT id, email, allowed_by_table FROM staff WHERE email = $1', [address]);
  const found = rows[0];
  if (found?.allowed_by_table) return { id: found.id, email: found.email };
  if (!envEmails.includes(address)) return undefined;
  if (found) return { id: found.id, email: found.email };
  const { rows: created } = await db.query<{ id: string; email: string }>(
    `INSERT INTO staff (email) VALUES ($1) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id, email`,
    [address],
  );
  return created[0];
}

/** Whether the person behind `staffId` may still sign in (checked on every request). */
export async function stillAllowed(db: Queryable, staffId: string, envEmails: readonly string[]): Promise<StaffMember | undefined> {
  const { rows } = await db.query<{ id: string; email: string; allowed_by_table: boolean }>('SELECT id, email, allowed_by_table FROM staff WHERE id = $1', [staffId]);
  const found = rows[0];
  return found && (found.allowed_by_table || envEmails.includes(found.email)) ? { id: found.id, email: found.email } : undefined;
}

/** The CLI's "add": allowed from now on. False when the address was on the list already (nothing changed). */
export async function addStaff(db: Queryable, email: string): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO staff (email, allowed_by_table) VALUES ($1, true)
     ON CONFLICT (email) DO UPDATE SET allowed_by_table = true WHERE NOT staff.allowed_by_table
     RETURNING id`,
    [email],
  );
  return rows.length === 1;
}

/** The CLI's "remove": no longer allowed by the table, and signed out now. False when it was not listed. */
export async function removeStaff(db: Queryable, email: string): Promise<boolean> {
  const { rows } = await db.query<{ id: string }>(`UPDATE staff SET allowed_by_table = false WHERE email = $1 AND allowed_by_table RETURNING id`, [email]);
  const id = rows[0]?.id;
  if (!id) return false;
  await db.query('DELETE FROM staff_sessions WHERE staff_id = $1', [id]);
  await db.query('DELETE FROM staff_sign_in_links WHERE staff_id = $1', [id]);
  return true;
}

export async function listStaff(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ email: string }>('SELECT email FROM staff WHERE allowed_by_table ORDER BY email');
  return rows.map((r) => r.email);
}
