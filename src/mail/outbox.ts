/**
 * Every email goes through the `outbox` table. The business write and its
 * email commit in one transaction, so a sign-up is stored even when the mail
 * server is down, and an email exists only for writes that committed. A
 * worker then delivers due rows, retrying with backoff.
 *
 * Exactly once: `dedupe_key` is UNIQUE, so a business event queues its email
 * once however often it is replayed; a worker claims rows in a short
 * transaction (FOR UPDATE SKIP LOCKED, then status 'sending'), so two workers
 * never hold the same row; it sends outside any transaction and then marks
 * the row sent, guarded by the attempt number it claimed. Only a crash
 * between the server's acceptance and that mark can repeat an email, after
 * the claim lapses; the Message-ID, fixed per row, lets mail systems drop
 * such a repeat.
 */
import type { Database, Queryable } from '../db/database.ts';
import { defaultRetryPolicy, nextAttemptAt, type RetryPolicy } from './backoff.ts';
import type { EmailContent } from './template.ts';

export interface QueuedEmail extends EmailContent {
  /** What the email is for, e.g. 'confirm-application'. */
  kind: string;
  /** Names the business event, e.g. `confirm-application:${applicationId}`; no personal data. */
  dedupeKey: string;
  to: string;
}

/** One email handed to a transport; `id` is the outbox row's, stable across retries. */
export interface OutgoingEmail extends EmailContent {
  id: string;
  to: string;
}

/** Sends one email or throws; implemented in transport.ts, faked nowhere. */
export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
}

/** Queues an email in the caller's transaction; false when its dedupe key was already queued. */
export async function enqueueEmail(tx: Queryable, email: QueuedEmail, now: Date): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO outbox (kind, dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [email.kind, email.dedupeKey, email.to, email.subject, email.text, email.html, now],
  );
  return rows.length === 1;
}

/**
 * Queues many emails in the caller's transaction, a few hundred rows per
 * statement (the scheduled notices queue thousands at once); returns how many
 * were new. Same rules as enqueueEmail: a dedupe key already queued is skipped.
 */
export async function enqueueEmails(tx: Queryable, emails: readonly QueuedEmail[], now: Date, rowsPerStatement = 500): Promise<number> {
  let queued = 0;
  for (let from = 0; from < emails.length; from += rowsPerStatement) {
    const batch = emails.slice(from, from + rowsPerStatement);
    const column = (pick: (email: QueuedEmail) => string) => batch.map(pick);
    const { rowCount } = await tx.query(
      `INSERT INTO outbox (kind, dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at)
       SELECT kind, dedupe_key, to_address, subject, text_body, html_body, $7, $7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS e (kind, dedupe_key, to_address, subject, text_body, html_body)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [column((e) => e.kind), column((e) => e.dedupeKey), column((e) => e.to), column((e) => e.subject), column((e) => e.text), column((e) => e.html), now],
    );
    queued += rowCount;
  }
  return queued;
}

export interface DeliveryOptions {
  batchSize?: number;
  /** How long a claim lasts; must exceed the transport's longest send. */
  claimMs?: number;
  policy?: RetryPolicy;
  random?: () => number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedRow {
  [column: string]: unknown;
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

/**
 * Frees the claims of a process that died mid-send (kill -9, a power cut),
 * so their emails go out now instead of after the claim lapses. Only for a
 * database one process at a time may open (PGlite, whose data folder is
 * locked): there no other worker can be holding a live claim. Returns the
 * number of emails freed. Delivery stays at least once: an email the SMTP
 * server accepted just before the crash goes again, with the same
 * Message-ID, which mail systems use to drop the repeat.
 */
export async function releaseClaimsOfDeadProcess(db: Database): Promise<number> {
  if (db.engine !== 'pglite') throw new Error('releaseClaimsOfDeadProcess: only for a database one process opens at a time');
  const { rows } = await db.query<{ id: string }>(`UPDATE outbox SET status = 'pending', claimed_until = NULL WHERE status = 'sending' RETURNING id`);
  return rows.length;
}

/** Sends everything due at `now`; safe to run in several processes at once. */
export async function deliverDue(db: Database, transport: MailTransport, now: Date, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const claimedUntil = new Date(now.getTime() + (options.claimMs ?? 5 * 60_000));
  for (;;) {
    const { rows } = await db.query<ClaimedRow>(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_until = $2
        WHERE id IN (
          SELECT id FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_until <= $1)
           ORDER BY next_attempt_at
           LIMIT $3
             FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, text_body, html_body, attempts`,
      [now, claimedUntil, options.batchSize ?? 20],
    );
    if (rows.length === 0) return report;
    for (const row of rows) {
      const outcome = await deliverOne(db, transport, row, now, options);
      report[outcome]++;
    }
  }
}

async function deliverOne(db: Database, transport: MailTransport, row: ClaimedRow, now: Date, options: DeliveryOptions): Promise<keyof DeliveryReport> {
  try {
    await transport.send({ id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
  } catch (error) {
    const retryAt = nextAttemptAt(row.attempts, now, options.policy ?? defaultRetryPolicy, options.random);
    await db.query(
      `UPDATE outbox SET status = $3, next_attempt_at = coalesce($4, next_attempt_at), last_error = $5, claimed_until = NULL
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [row.id, row.attempts, retryAt ? 'pending' : 'failed', retryAt ?? null, errorCode(error)],
    );
    return retryAt ? 'retried' : 'failed';
  }
  // Once sent, the row keeps no personal data: address and bodies (with
  // their secret links) are dropped; kind, dedupe key and times remain.
  await db.query(
    `UPDATE outbox SET status = 'sent', sent_at = $3, claimed_until = NULL, last_error = NULL,
            to_address = NULL, text_body = NULL, html_body = NULL
      WHERE id = $1 AND status = 'sending' AND attempts = $2`,
    [row.id, row.attempts, now],
  );
  return 'sent';
}

/**
 * What went wrong, without the server's text: SMTP replies quote addresses
 * ("550 <jan@example.pl>: Recipient address rejected").
 */
export function errorCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const name = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'ERROR';
  return typeof responseCode === 'number' ? `${name} ${responseCode}` : name;
}
