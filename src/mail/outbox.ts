/**
 * Every email goes through the `outbox` table. The business write and its
 * email commit in one transaction, so a sign-up is stored even when the mail
 * server is down, and an email exists only for writes that committed. A
 * worker then delivers due rows, retrying with backoff.
 *
 * Exactly once: `dedupe_key` is UNIQUE, so a business event queues its email
 * once however often it is replayed; a worker claims rows in a short
 * statement (FOR UPDATE SKIP LOCKED, then status 'sending'), so two workers
 * never hold the same row; it sends outside any transaction, several emails
 * at once over the transport's pool of SMTP connections, and then marks the
 * rows sent, guarded by the attempt number it claimed.
 *
 * A claim is a short lease (`leaseMs`, 30 s by default) that the claiming
 * worker renews every third of it for as long as it is alive and still
 * holds the row (same attempt number), however long a slow SMTP server
 * takes. A worker that dies (kill -9, a lost Netlify function) stops
 * renewing, and any other worker takes its rows once the lease lapses: the
 * wait is one lease, not the longest possible send.
 *
 * What is guaranteed when a connection drops: an email counts as sent once
 * the SMTP server answered 250 to its DATA, and only then; nodemailer
 * hands an email whose connection closed before that answer to another
 * connection of the pool (a few times), then the outbox retries it with
 * backoff, never marking it sent. An email the server accepted is marked
 * sent whatever happens to the connection afterwards. Two windows can
 * repeat an email, both inherent to SMTP and to a database apart from it:
 * the server stored the message but the connection broke before its 250
 * reached us (RFC 1047), and the process died between the 250 and the
 * "sent" mark (marks are batched: one waits 50 ms at most, less when its
 * batch fills first). Delivery is
 * therefore at least once; the Message-ID, fixed per row, lets mail systems
 * drop such a repeat.
 */
import type { Database, Queryable } from '../db/database.ts';
import { defaultRetryPolicy, nextAttemptAt, type RetryPolicy } from './backoff.ts';
import type { EmailContent } from './template.ts';
import { createSentMarker, startRenewal } from './claims.ts';

export interface QueuedEmail extends EmailContent {
  /** What the email is for, e.g. 'confirm-application'. */
  kind: string;
  /** Names the business event, e.g. `confirm-application:${applicationId}`; no personal data. */
  dedupeKey: string;
  to: string;
  /** The https address that unsubscribes with one POST (RFC 8058); the transport writes List-Unsubscribe from it. */
  listUnsubscribe?: string | undefined;
}

/** One email handed to a transport; `id` is the outbox row's, stable across retries. */
export interface OutgoingEmail extends EmailContent {
  id: string;
  to: string;
  /** As QueuedEmail's: present for emails people may unsubscribe from in one click. */
  listUnsubscribe?: string | undefined;
}

/** Sends one email or throws; implemented in transport.ts, faked nowhere. */
export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
  /** How many sends it takes at once (its SMTP pool's connections); 1 when absent. */
  readonly concurrency?: number;
}

/** Queues an email in the caller's transaction; false when its dedupe key was already queued. */
export async function enqueueEmail(tx: Queryable, email: QueuedEmail, now: Date): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO outbox (kind, dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at, list_unsubscribe)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [email.kind, email.dedupeKey, email.to, email.subject, email.text, email.html, now, email.listUnsubscribe ?? null],
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
      `INSERT INTO outbox (kind, dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at, list_unsubscribe)
       SELECT kind, dedupe_key, to_address, subject, text_body, html_body, $7, $7, list_unsubscribe
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[])
              AS e (kind, dedupe_key, to_address, subject, text_body, html_body, list_unsubscribe)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [column((e) => e.kind), column((e) => e.dedupeKey), column((e) => e.to), column((e) => e.subject), column((e) => e.text), column((e) => e.html), now, batch.map((e) => e.listUnsubscribe ?? null)],
    );
    queued += rowCount;
  }
  return queued;
}

export interface DeliveryOptions {
  /** Rows claimed, and marked sent, per statement (default ten per email in flight, at least 50). */
  batchSize?: number;
  /**
   * Emails in flight at once (default twice the transport's `concurrency`, else 1): with
   * twice as many as connections, each connection finds its next email already waiting in
   * the pool's queue when a reply comes, instead of after a turn through the database code.
   */
  concurrency?: number;
  /**
   * How long a claim lasts without renewal, in milliseconds (default 30,000).
   * The worker renews it every third of this while it runs, so it need not
   * exceed a send; it is how long a dead worker's emails wait.
   */
  leaseMs?: number;
  /**
   * Milliseconds after which the run claims nothing more (default: none).
   * What it holds is still sent, so a caller with a hard limit (a Netlify
   * function) leaves room for one send's timeout after it.
   */
  budgetMs?: number;
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
  list_unsubscribe: string | null;
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
 *
 * `concurrency` lanes each take a claimed row, send it and take the next;
 * the next batch is claimed (FOR UPDATE SKIP LOCKED) while the last one is
 * still being sent, so the SMTP pool never waits on the database. Accepted
 * emails are marked sent in batches (claims.ts). Rejects when the database
 * does (a claim, a failed attempt's note, or a "sent" mark after its
 * retries), once every email in flight has settled.
 */
export async function deliverDue(db: Database, transport: MailTransport, now: Date, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? (transport.concurrency ? 2 * transport.concurrency : 1)));
  const batchSize = options.batchSize ?? Math.max(50, 10 * concurrency);
  const started = performance.now();
  const leaseEnd = () => new Date(now.getTime() + (performance.now() - started) + leaseMs);
  // Rows this run holds, by id, with the attempt number that proves it still does.
  const held = new Map<string, number>();
  const renewal = startRenewal(db, held, leaseEnd, leaseMs / 3);
  const marker = createSentMarker(db, now, batchSize);
  const claimed: ClaimedRow[] = [];
  let claiming: Promise<void> | undefined;
  let exhausted = false;

  const claim = async (): Promise<void> => {
    if (options.budgetMs !== undefined && performance.now() - started >= options.budgetMs) {
      exhausted = true;
      return;
    }
    const { rows } = await db.query<ClaimedRow>(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_until = $2
        WHERE id IN (
          SELECT id FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_until <= $1)
           ORDER BY next_attempt_at
           LIMIT $3
             FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, text_body, html_body, list_unsubscribe, attempts`,
      [now, leaseEnd(), batchSize],
    );
    if (rows.length < batchSize) exhausted = true;
    for (const row of rows) held.set(row.id, row.attempts);
    claimed.push(...rows);
  };
  const startClaim = () => {
    claiming ??= claim().finally(() => (claiming = undefined));
    return claiming;
  };
  const next = async (): Promise<ClaimedRow | undefined> => {
    for (;;) {
      const row = claimed.shift();
      // Claim ahead while one batch is left, so the lanes never wait for it.
      if (!exhausted && claimed.length < concurrency) void startClaim().catch(() => undefined);
      if (row) return row;
      if (exhausted && !claiming) return undefined;
      await startClaim();
    }
  };
  // "Sent" marks commit in the background while the lane sends its next email.
  const marks: Promise<unknown>[] = [];
  const lane = async (): Promise<void> => {
    for (let row = await next(); row; row = await next()) {
      const failure = await send(transport, row);
      if (failure === undefined) {
        report.sent++;
        const id = row.id;
        marks.push(marker.mark(row).finally(() => held.delete(id)));
      } else {
        report[await noteFailure(db, row, failure.error, now, options)]++;
        held.delete(row.id);
      }
    }
  };

  try {
    const lanes = await Promise.allSettled(Array.from({ length: concurrency }, lane));
    marker.finish();
    const settled = [...lanes, ...(await Promise.allSettled(marks))];
    const failure = settled.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failure) throw failure.reason;
    return report;
  } finally {
    await renewal.stop();
  }
}

/** Hands one claimed row to the transport: undefined once the server accepted it (SMTP 250), else why not. */
async function send(transport: MailTransport, row: ClaimedRow): Promise<{ error: unknown } | undefined> {
  try {
    await transport.send({ id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, ...(row.list_unsubscribe ? { listUnsubscribe: row.list_unsubscribe } : {}) });
    return undefined;
  } catch (error) {
    return { error };
  }
}

/** Notes a refused or cut-off send: pending again after the backoff, or failed after the last attempt. */
async function noteFailure(db: Database, row: ClaimedRow, error: unknown, now: Date, options: DeliveryOptions): Promise<'retried' | 'failed'> {
  const retryAt = nextAttemptAt(row.attempts, now, options.policy ?? defaultRetryPolicy, options.random);
  await db.query(
    `UPDATE outbox SET status = $3, next_attempt_at = coalesce($4, next_attempt_at), last_error = $5, claimed_until = NULL
      WHERE id = $1 AND status = 'sending' AND attempts = $2`,
    [row.id, row.attempts, retryAt ? 'pending' : 'failed', retryAt ?? null, errorCode(error)],
  );
  return retryAt ? 'retried' : 'failed';
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
