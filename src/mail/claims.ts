/**
 * The bookkeeping around the outbox's claims (outbox.ts): renewing the
 * leases of the rows a run holds, and marking sent rows in batches.
 */
import type { Database } from '../db/database.ts';

/** An outbox row a run holds: its id and the attempt number that proves it still does. */
export interface HeldRow {
  id: string;
  attempts: number;
}

/**
 * Renews the leases of the rows in `held` every `everyMs` while a run lasts.
 * A row renews only while it is still 'sending' with the attempt number
 * this run claimed; a row another worker took after a lapse is not touched.
 * A failed renewal is not fatal: the next one, or the "sent" mark, follows.
 */
export function startRenewal(db: Database, held: ReadonlyMap<string, number>, leaseEnd: () => Date, everyMs: number): { stop(): Promise<void> } {
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

/** Delays between the tries of a "sent" mark the database refused, in milliseconds. */
const markRetryDelaysMs = [50, 200, 1_000, 5_000];

/**
 * Marks rows sent, many per statement: a row waits until `flushAt` rows
 * wait, `maxDelayMs` passed since the first of them, or `finish()` is
 * called, so the database costs one statement per batch of emails, not one
 * per email (on PGlite each statement holds the process's only thread).
 * `mark` resolves once the row's mark is committed (false when the row was
 * no longer this run's: another worker took it after a lapsed lease). A
 * refused statement is tried again (50 ms … 5 s apart) before `mark`
 * rejects: an email the server accepted but left unmarked would go again
 * once its lease lapses.
 *
 * Once sent, the row keeps no personal data: address and bodies (with their
 * secret links) are dropped; kind, dedupe key and times remain.
 */
export function createSentMarker(db: Database, sentAt: Date, flushAt: number, maxDelayMs = 50): { mark(row: HeldRow): Promise<boolean>; finish(): void } {
  let waiting: { row: HeldRow; done: (marked: boolean) => void; fail: (error: unknown) => void }[] = [];
  let flushing = false;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  const update = async (rows: readonly HeldRow[]): Promise<Set<string>> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows: marked } = await db.query<{ id: string }>(
          `UPDATE outbox SET status = 'sent', sent_at = $3, claimed_until = NULL, last_error = NULL,
                  to_address = NULL, text_body = NULL, html_body = NULL
             FROM unnest($1::uuid[], $2::int[]) AS mine (id, attempts)
            WHERE outbox.id = mine.id AND outbox.status = 'sending' AND outbox.attempts = mine.attempts
            RETURNING outbox.id`,
          [rows.map((r) => r.id), rows.map((r) => r.attempts), sentAt],
        );
        return new Set(marked.map((r) => r.id));
      } catch (error) {
        const delay = markRetryDelaysMs[attempt];
        if (delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (flushing) return;
    flushing = true;
    while (waiting.length > 0 && (finished || waiting.length >= flushAt || timer === undefined)) {
      const batch = waiting;
      waiting = [];
      try {
        const marked = await update(batch.map((w) => w.row));
        for (const w of batch) w.done(marked.has(w.row.id));
      } catch (error) {
        for (const w of batch) w.fail(error);
      }
      // Rows that came meanwhile: at once if enough or finishing, else after the delay.
      if (waiting.length > 0 && waiting.length < flushAt && !finished) timer = setTimeout(() => void flush(), maxDelayMs);
    }
    flushing = false;
  };

  return {
    mark(row) {
      return new Promise((done, fail) => {
        waiting.push({ row, done, fail });
        if (waiting.length >= flushAt || finished) void flush();
        else timer ??= setTimeout(() => void flush(), maxDelayMs);
      });
    },
    /** No more rows come: marks what waits at once. */
    finish() {
      finished = true;
      void flush();
    },
  };
}
