/**
 * Group commit for sign-ups. Each new sign-up is an application row plus
 * its confirmation email in the outbox, both decided before the write
 * (sign-up.ts). Sign-ups arriving while the database is busy with the
 * previous write wait for it and then go in together, in ONE statement:
 * one round trip and one commit (one WAL flush) for the lot instead of one
 * per person. With nothing in flight a sign-up is written at once, so a
 * quiet site waits for nobody; under a burst the batches grow by themselves.
 *
 * Each row still succeeds or fails on its own: ON CONFLICT DO NOTHING skips
 * an address that already has a live application (also a second one in the
 * same batch) or a taken code, and the caller takes that row's slow path.
 * If a whole batch fails, its rows are written one by one, so one bad row
 * cannot take the others down with it.
 */
import type { Database } from '../db/database.ts';

interface PreparedSignUp {
  id: string;
  programmeId: string;
  code: string;
  email: string;
  name: string | null;
  district: string | null;
  phone: string | null;
  ageBand: string | null;
  organisation: string | null;
  message: string | null;
  declarations: readonly string[];
  createdAt: Date;
  tokenHash: string;
  expires: Date;
  subject: string;
  text: string;
  html: string;
}

/** Rows per statement at most (17 parameters each, far below PostgreSQL's 65,535); a bigger burst takes several. */
const maxBatch = 100;

const columns = 17;

/**
 * One multi-row VALUES list with a parameter per value: PGlite copies an
 * array parameter element by element, which costs far more than separate
 * parameters once the email bodies are in it.
 */
function statement(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) => {
    const p = (c: number) => `$${r * columns + c}`;
    return `(${p(1)}::uuid, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}::text[], ${p(12)}::timestamptz, ${p(13)}, ${p(14)}::timestamptz, ${p(15)}, ${p(16)}, ${p(17)})`;
  });
  return `WITH input (id, programme_id, registration_code, email, name, district, phone, age_band, organisation,
                  message, declarations, created_at, token_hash, expires_at, subject, text_body, html_body) AS (
    VALUES ${values.join(',\n           ')}
  ), stored AS (
    INSERT INTO applications
      (id, programme_id, registration_code, email, name, district, phone, age_band, organisation, message,
       declarations, created_at, confirmation_token_hash, confirmation_expires_at)
    SELECT id, programme_id, registration_code, email, name, district, phone, age_band, organisation, message,
           declarations, created_at, token_hash, expires_at
      FROM input
    ON CONFLICT DO NOTHING
    RETURNING id
  ), mailed AS (
    INSERT INTO outbox (kind, dedupe_key, to_address, subject, text_body, html_body, created_at, next_attempt_at)
    SELECT 'confirm-application', 'confirm-application:' || input.id::text, input.email, input.subject, input.text_body, input.html_body,
           input.created_at, input.created_at
      FROM stored JOIN input USING (id)
  )
  SELECT id::text AS id FROM stored`;
}

const statements = new Map<number, string>();
const statementFor = (rows: number) => statements.get(rows) ?? statements.set(rows, statement(rows)).get(rows)!;

function parameters(batch: readonly PreparedSignUp[]): unknown[] {
  return batch.flatMap((s) => [
    s.id, s.programmeId, s.code, s.email, s.name, s.district, s.phone, s.ageBand, s.organisation,
    s.message, [...s.declarations], s.createdAt, s.tokenHash, s.expires, s.subject, s.text, s.html,
  ]);
}

interface Waiting {
  signUp: PreparedSignUp;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

export interface SignUpWriter {
  /** Writes the application and its email; false when the row was not inserted (address or code taken). */
  write(signUp: PreparedSignUp): Promise<boolean>;
}

function createSignUpWriter(db: Database): SignUpWriter {
  // PGlite is one connection: a second statement would only queue behind the first. A PostgreSQL
  // pool can take a few at once while leaving connections for confirmations and the outbox.
  const parallel = db.engine === 'pglite' ? 1 : 3;
  const queue: Waiting[] = [];
  let running = 0;

  async function insert(batch: readonly PreparedSignUp[]): Promise<Set<string>> {
    const { rows } = await db.query<{ id: string }>(statementFor(batch.length), parameters(batch));
    return new Set(rows.map((r) => r.id));
  }

  async function flush(): Promise<void> {
    running++;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          const stored = await insert(batch.map((w) => w.signUp));
          for (const w of batch) w.resolve(stored.has(w.signUp.id));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const w of batch) insert([w.signUp]).then((stored) => w.resolve(stored.has(w.signUp.id)), w.reject);
        }
      }
    } finally {
      running--;
    }
  }

  return {
    write(signUp) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ signUp, resolve, reject });
        if (running < parallel) void flush();
      });
    },
  };
}

const writers = new WeakMap<Database, SignUpWriter>();

/** The writer of a database: one per database, so all its sign-ups share the batches. */
export function signUpWriterFor(db: Database): SignUpWriter {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = createSignUpWriter(db)));
  return writer;
}
