/**
 * A lottery's two published files, `pula.txt` (the frozen pool) and
 * `protokol.json` (the protocol), stored as the exact bytes served (migration
 * 0009, table `draw_files`): written once, in the transaction that makes them
 * true — the pool when it freezes (freeze.ts), the protocol when the draw
 * commits (run-draw.ts) or when the pool fitted and no draw was needed — and
 * never changed (a trigger refuses it). A request reads one row and answers
 * with its SHA-256 as a strong ETag (the pool's is the published pool hash),
 * 304 to a matching If-None-Match, and `immutable` caching: a draws row can
 * never be deleted, so the same address always means the same bytes.
 *
 * Draws made before migration 0009 have no rows here: the first request
 * writes them from the draws row with the same serialization (poolText,
 * serializeProtocol), so their bytes are what was served before.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { poolText } from '../draw/pool.ts';
import { protocolSchema, serializeProtocol, type Protocol } from '../draw/protocol.ts';
import { securityHeaders } from '../lib/security-headers.ts';

export type DrawFileName = 'pula.txt' | 'protokol.json';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function insertFile(q: Queryable, programmeId: string, name: DrawFileName, body: string, sha256: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO draw_files (programme_id, name, body, sha256, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (programme_id, name) DO NOTHING`,
    [programmeId, name, body, sha256, at],
  );
}

/**
 * Stores the frozen pool's file, in the freezing transaction (after the draws
 * row). `sha256` is the pool hash already computed over the same bytes
 * (src/draw/pool.ts); it is stored as the file's hash, not recomputed.
 */
export function storePoolFile(tx: Queryable, programmeId: string, codes: readonly string[], sha256: string, at: Date, values?: readonly (readonly string[])[]): Promise<void> {
  return insertFile(tx, programmeId, 'pula.txt', poolText(codes, values), sha256, at);
}

/** Stores the protocol's file, serialized once (serializeProtocol), in the transaction that decides the draw. */
export function storeProtocolFile(tx: Queryable, programmeId: string, protocol: Protocol, at: Date): Promise<void> {
  const body = serializeProtocol(protocol);
  return insertFile(tx, programmeId, 'protokol.json', body, sha256Hex(body), at);
}

interface LegacyRow {
  [column: string]: unknown;
  pool: string[];
  pool_values: string[][] | string | null;
  pool_sha256: string;
  protocol: unknown;
  frozen_at: Date;
}

/**
 * The stored file, or undefined while it does not exist (the pool not yet
 * frozen, no protocol before the draw, no draw under this id). One row read;
 * for a draw older than migration 0009 the first call writes the row.
 * `known`: hashes the asker already holds (from If-None-Match); when the
 * stored one is among them the body is not read (`body` is null).
 */
export async function readDrawFile(db: Database, programmeId: string, name: DrawFileName, known: readonly string[] = []): Promise<StoredFile | undefined> {
  const read = async () =>
    (await db.query<StoredFile>('SELECT sha256, CASE WHEN sha256 = ANY($3::text[]) THEN NULL ELSE body END AS body FROM draw_files WHERE programme_id = $1 AND name = $2', [programmeId, name, known])).rows[0];
  const stored = await read();
  if (stored) return stored;
  const { rows: draws } = await db.query<LegacyRow>('SELECT pool, pool_sha256, protocol, frozen_at, pool_values FROM draws WHERE programme_id = $1', [programmeId]);
  const draw = draws[0];
  if (!draw) return undefined;
  if (name === 'pula.txt') {
    const values = typeof draw.pool_values === 'string' ? (JSON.parse(draw.pool_values) as string[][]) : (draw.pool_values ?? undefined);
    await storePoolFile(db, programmeId, draw.pool, draw.pool_sha256, draw.frozen_at, values);
  } else {
    if (draw.protocol === null || draw.protocol === undefined) return undefined;
    const protocol = protocolSchema.parse(typeof draw.protocol === 'string' ? JSON.parse(draw.protocol) : draw.protocol);
    await storeProtocolFile(db, programmeId, protocol, draw.frozen_at);
  }
  return read();
}

/** A stored file as read: the body is null when the asker already holds these bytes. */
export interface StoredFile {
  [column: string]: unknown;
  body: string | null;
  sha256: string;
}

/** The hashes named by an If-None-Match header (strong or weak tags alike, RFC 9110 §13.1.2); `*` stands for any. */
export function ifNoneMatchHashes(header: string | null): string[] {
  if (header === null) return [];
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1')).filter((tag) => tag !== '');
}

const contentTypes: Record<DrawFileName, string> = {
  'pula.txt': 'text/plain; charset=utf-8',
  'protokol.json': 'application/json; charset=utf-8',
};

/**
 * The file as a response: 200 with the body (none for HEAD), or 304 when the
 * request already holds these bytes. Open to any origin (the verifier and
 * `npm run draw -- verify` fetch it) and cached for a year: it cannot change.
 */
export function drawFileResponse(request: Request, name: DrawFileName, file: StoredFile): Response {
  const etag = `"${file.sha256}"`;
  const headers = {
    ...securityHeaders('/losowania/'),
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
    'Content-Type': contentTypes[name],
    'Access-Control-Allow-Origin': '*',
  };
  const held = ifNoneMatchHashes(request.headers.get('If-None-Match'));
  if (file.body === null || held.includes('*') || held.includes(file.sha256)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers });
}
