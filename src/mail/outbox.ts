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
 * the row sent, guarded by the attempt number it claimed.
 *
 * A claim is a short lease (`leaseMs`, 30 s by default) that the claiming
 * worker renews every third of it for as long as it is alive and still
 * holds the row (same attempt number), however long a slow SMTP server
 * takes. A worker that dies (kill -9, a lost Netlify function) stops
 * renewing, and any other worker takes its rows once the lease lapses: the
 * wait is one lease, not the longest possible send.
 *
 * Delivery is at least once: only a crash between the SMTP server's
 * acceptance and the "sent" mark can repeat an email; the Message-ID, fixed
 * per row, lets mail systems drop such a repeat.
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
  /**
   * How long a claim lasts without renewal, in milliseconds (default 30,000).
   * The worker renews it every third of this while it runs, so it need not
   * exceed a send; it is how long a dead worker's emails wait.
   */
  leaseMs?: number;
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

/** The default lease of a claim: how long the emails of a worker that died wait for another. */
const defaultLeaseMs = 30_000;

/**
 * Sends everything due at `now`; safe to run in several processes at once.
 * `now` is the clock the rows are compared with; while the run lasts, the
 * renewed leases move on from it by the real time elapsed.
 */
export async function deliverDue(db: Database, transport: MailTransport, now: Date, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const started = performance.now();
  const leaseEnd = () => new Date(now.getTime() + (performance.now() - started) + leaseMs);
  // Rows this run holds, by id, with the attempt number that proves it still does.
  const held = new Map<string, number>();
  const renewal = startRenewal(db, held, leaseEnd, leaseMs / 3);
  try {
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
        [now, leaseEnd(), options.batchSize ?? 20],
      );
      if (rows.length === 0) return report;
      for (const row of rows) held.set(row.id, row.attempts);
      for (const row of rows) {
        const outcome = await deliverOne(db, transport, row, now, options);
        held.delete(row.id);
        report[outcome]++;
      }
    }
  } finally {
    await renewal.stop();
  }
}

/**
 * Renews the leases of the rows in `held` every `everyMs` while a run lasts.
 * A row renews only while it is still 'sending' with the attempt number
 * this run claimed; a row another worker took after a lapse is not touched.
 * A failed renewal is not fatal: the next one, or the "sent" mark, follows.
 */
function startRenewal(db: Database, held: ReadonlyMap<string, number>, leaseEnd: () => Date, everyMs: number): { stop(): Promise<void> } {
  let pending: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    if (held.size === 0) return;
    const ids = [...held.keys()];
    const attempts = ids.map((id) => held.get(id)!);
    pending = pending.then(() =>
      db
        .query(
          `UPDATE outbox SET claimed_until = $3
            FROM unnest($1::uuid[], $2::int[]) AS mine (id, attempts)
           WHERE outbox.id = mine.id AND outbox.attempts = mine.attempts AND outbox.status = 'sending'`,
          [ids, attempts, leaseEnd()],
        )
        .catch(() => undefined),
    );
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await pending;
    },
  };
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
