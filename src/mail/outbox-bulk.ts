/**
 * Queues many emails of a few shapes in the caller's transaction (issue 13:
 * a draw of 50,000 codes queues one email per code, all in its transaction).
 * Instead of 50,000 composed bodies (2 kB each) crossing to the database,
 * each shape is sent once as a template with stand-ins, and each email as
 * its few personal values; the database fills the stand-ins with replace().
 * The rows are exactly what enqueueEmails (outbox.ts) writes for the same
 * emails — same columns, `created_at` = `next_attempt_at` = `now`, and a
 * dedupe key already queued is skipped (ON CONFLICT (dedupe_key) DO NOTHING).
 */
import type { Queryable } from '../db/database.ts';
import type { EmailContent } from './template.ts';

/** A stand-in: private-use characters (PostgreSQL text cannot hold NUL), so no real text holds one. */
export const stand = (name: string) => `\uE000${name}\uE000`;

export interface TemplatedEmails {
  kind: string;
  /** The shapes, e.g. one per outcome; their text and HTML hold stand-ins (stand('kod')). */
  templates: readonly EmailContent[];
  /** The stand-in names every template may hold, in the order of each email's `values`. */
  names: readonly string[];
  emails: readonly {
    /** Index into `templates`. */
    template: number;
    dedupeKey: string;
    to: string;
    /** One value per name for the text part, and the same made safe for HTML (escapeHtml) for the HTML part. */
    text: readonly string[];
    html: readonly string[];
  }[];
}

/**
 * Queues the emails, `rowsPerStatement` per INSERT; returns how many were new.
 * Throws when a template's subject holds a stand-in (subjects are not filled)
 * or a value holds one (it would be filled again).
 */
export async function enqueueTemplatedEmails(tx: Queryable, batch: TemplatedEmails, now: Date, rowsPerStatement = 5_000): Promise<number> {
  const marks = batch.names.map(stand);
  if (batch.templates.some((t) => t.subject.includes('\uE000'))) throw new Error('enqueueTemplatedEmails: a subject holds a stand-in');
  // $2 and $3 hold the templates' text and HTML parts; $4… the stand-ins, filled in turn from the email's values.
  const fill = (column: 'text' | 'html') =>
    marks.reduce((sql, _, i) => `replace(${sql}, $${4 + i}, coalesce(e.${column}[${i + 1}], ''))`, `($${column === 'text' ? 2 : 3}::text[])[e.template + 1]`);
  let queued = 0;
  for (let from = 0; from < batch.emails.length; from += rowsPerStatement) {
    const part = batch.emails.slice(from, from + rowsPerStatement);
    if (part.some((e) => [...e.text, ...e.html].some((v) => /[\uE000\uE001]/.test(v)))) throw new Error('enqueueTemplatedEmails: a value holds a stand-in');
    const first = 4 + marks.length;
    const { rowCount } = await tx.query(
      `INSERT INTO outbox (kind, dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at)
       SELECT $${first}, e.dedupe_key, e.to_address, ($1::text[])[e.template + 1], ${fill('text')}, ${fill('html')}, $${first + 1}, $${first + 1}
         FROM (SELECT t.template, t.dedupe_key, t.to_address,
                      string_to_array(t.text_values, $${first + 2}) AS text, string_to_array(t.html_values, $${first + 2}) AS html
                 FROM unnest($${first + 3}::int[], $${first + 4}::text[], $${first + 5}::text[], $${first + 6}::text[], $${first + 7}::text[])
                      AS t (template, dedupe_key, to_address, text_values, html_values)) AS e
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        batch.templates.map((t) => t.subject),
        batch.templates.map((t) => t.text),
        batch.templates.map((t) => t.html),
        ...marks,
        batch.kind,
        now,
        '\uE001',
        part.map((e) => e.template),
        part.map((e) => e.dedupeKey),
        part.map((e) => e.to),
        part.map((e) => e.text.join('\uE001')),
        part.map((e) => e.html.join('\uE001')),
      ],
    );
    queued += rowCount;
  }
  return queued;
}
