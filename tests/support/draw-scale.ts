/**
 * A lottery at city scale for the tests and the bench (issue 13): a
 * programme whose enrolment closed a day ago, `poolSize` confirmed
 * applications inserted with one statement (registration-shaped codes from
 * sampleCodes, so every run has the same pool), then the real freeze
 * (src/lottery/freeze.ts) and the real draw (src/lottery/run-draw.ts), timed.
 */
import { randomUUID } from 'node:crypto';
import type { CatalogueEntry } from '../../src/catalogue/catalogue.ts';
import type { Database } from '../../src/db/database.ts';
import type { DrawProtocol } from '../../src/draw/protocol.ts';
import type { LinkSigner } from '../../src/http/links.ts';
import { freezeIfDue, poolFreezesAt } from '../../src/lottery/freeze.ts';
import { runDraw } from '../../src/lottery/run-draw.ts';
import { sampleCodes } from './draw-protocols.ts';

const hour = 3_600_000;

/** The value the scale lottery's one source (six Lotto numbers) took. */
export const scaleSourceValues = ['3 11 19 27 35 43'];

/** A lottery programme `id` for `capacity` places whose enrolment closed 20 hours before `now`. */
export function scaleLottery(id: string, capacity: number, now = new Date()): CatalogueEntry {
  const closes = new Date(now.getTime() - 20 * hour);
  return {
    id,
    kind: 'programme',
    title: `Panel obywatelski: pierwszy etap (${id})`,
    page: `/programy/${id}/`,
    closedEarly: false,
    enrolment: {
      opens: new Date(closes.getTime() - 20 * 24 * hour),
      closes,
      mode: 'lottery',
      capacity,
      declarations: [],
      fields: ['name'],
      quotas: [],
      messageMaxLength: 1000,
      drawSources: [{ description: 'Wyniki losowania Lotto z dnia losowania (6 liczb)', kind: 'numbers' }],
      drawDate: new Date(closes.getTime() + 25 * hour),
    },
  };
}

/** When the pool may be frozen and drawn: after the freeze and the announced draw date. */
export const drawableAt = (entry: CatalogueEntry) => new Date(Math.max(poolFreezesAt(entry).getTime(), entry.enrolment.drawDate!.getTime()) + hour);

/**
 * Inserts `codes` as confirmed applications of `entry` with one statement;
 * `seed`-independent addresses (a random prefix), so several pools can share
 * a database as long as their codes differ (sampleCodes with another seed).
 */
export async function seedConfirmed(db: Database, entry: CatalogueEntry, codes: readonly string[]): Promise<void> {
  await db.query(
    `INSERT INTO applications (programme_id, registration_code, status, email, name, confirmed_at)
     SELECT $1, code, 'confirmed', $2 || '-' || n || '@example.pl', 'Osoba Źdźbło', $3 FROM unnest($4::text[]) WITH ORDINALITY AS c (code, n)`,
    [entry.id, randomUUID().slice(0, 8), entry.enrolment.closes, codes],
  );
}

export interface ScaleDraw {
  codes: string[];
  protocol: DrawProtocol;
  /** Wall time of the freeze and of runDraw (its transaction and the checks before it), in milliseconds. */
  freezeMs: number;
  drawMs: number;
}

/** Seeds `poolSize` codes (`codes`, or sampleCodes(poolSize, 13)), freezes the pool and draws it, as staff `staffEmail`. */
export async function seedFreezeAndDraw(db: Database, entry: CatalogueEntry, poolSize: number, links: LinkSigner, options: { codes?: string[]; now?: Date; staffEmail?: string } = {}): Promise<ScaleDraw> {
  const codes = options.codes ?? sampleCodes(poolSize, 13);
  await seedConfirmed(db, entry, codes);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO staff (email, allowed_by_table) VALUES ($1, true) ON CONFLICT (email) DO UPDATE SET allowed_by_table = true RETURNING id`,
    [options.staffEmail ?? 'urzednik-skala@krakow.example'],
  );
  const now = options.now ?? drawableAt(entry);
  let started = performance.now();
  const frozen = await freezeIfDue(db, entry, { links, now });
  if (frozen !== 'frozen') throw new Error(`the ${poolSize}-code pool did not freeze: ${frozen}`);
  const freezeMs = performance.now() - started;
  started = performance.now();
  const outcome = await runDraw(db, entry, { values: scaleSourceValues, staffId: rows[0]!.id, links, now });
  const drawMs = performance.now() - started;
  if (outcome.kind !== 'drawn') throw new Error(`the ${poolSize}-code draw did not run: ${outcome.kind}`);
  return { codes, protocol: outcome.protocol, freezeMs, drawMs };
}
