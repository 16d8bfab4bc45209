/**
 * The waiting list: when a place frees up (a withdrawal, or a person
 * removed by staff), the first person waiting gets it and is told by email
 * — in a first-come programme at once, in a lottery once its draw has run
 * (the draw's list of reserves is the waiting list; with seat quotas, the
 * first on it whose acceptance keeps the quotas). Called inside the
 * transaction that freed the place.
 */
import type { Queryable } from '../db/database.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import type { LinkSigner } from '../http/links.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { composeEmail, type EmailContent } from '../mail/template.ts';
import { signature } from './emails.ts';
import { protocolSchema, valuesByCode, type Protocol } from '../draw/protocol.ts';
import { promote, type Promotion } from '../draw/stratified.ts';

export interface PromotionOptions {
  links: LinkSigner;
  now: Date;
}

/**
 * How many places a programme fills from its waiting list: a first-come
 * programme's capacity; for a lottery, the capacity its draw was run with
 * (an editor changing the number afterwards does not change a published
 * result), and only once drawn — before the draw nobody waits.
 */
async function placesToFill(tx: Queryable, entry: CatalogueEntry): Promise<number | undefined> {
  const { mode, capacity } = entry.enrolment;
  if (mode === 'first-come') return capacity;
  if (mode !== 'lottery') return undefined;
  const { rows } = await tx.query<{ capacity: number }>(`SELECT capacity FROM draws WHERE programme_id = $1 AND state = 'drawn'`, [entry.id]);
  return rows[0]?.capacity;
}

/**
 * Gives a freed place (first-come, or a lottery's after the draw) to the first person on the waiting list,
 * if there is a free place (the capacity may have been lowered meanwhile).
 * The caller holds the programme's place lock (lockProgrammePlaces), taken
 * before any application row, as capacity.ts requires.
 */
async function promoteFromWaitlist(tx: Queryable, entry: CatalogueEntry, now: Date): Promise<string | undefined> {
  const capacity = await placesToFill(tx, entry);
  if (capacity === undefined) return undefined;
  const { rows: counted } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM applications WHERE programme_id = $1 AND status = 'accepted'`, [entry.id]);
  if ((counted[0]?.n ?? 0) >= capacity) return undefined;
  if (entry.enrolment.mode === 'lottery') {
    const { rows: drawn } = await tx.query<{ protocol: unknown }>(`SELECT protocol FROM draws WHERE programme_id = $1 AND state = 'drawn' AND protocol ? 'stratified'`, [entry.id]);
    if (drawn[0]) return promoteByQuotas(tx, entry, protocolSchema.parse(typeof drawn[0].protocol === 'string' ? JSON.parse(drawn[0].protocol) : drawn[0].protocol), now);
  }
  const { rows } = await tx.query<{ id: string }>(
    `UPDATE applications SET status = 'accepted'
      WHERE id = (SELECT id FROM applications WHERE programme_id = $1 AND status = 'waitlisted'
                   ORDER BY waitlist_number LIMIT 1 FOR UPDATE)
      RETURNING id`,
    [entry.id],
  );
  return rows[0]?.id;
}

/**
 * A lottery with seat quotas (issue 14): the freed place goes to the first
 * waiting code whose acceptance keeps the quotas satisfiable — the rule of
 * the draw itself (src/draw/stratified.ts `promote`, procedure step 3), with
 * the quotas in force after the draw's relaxations; if none can, the first
 * that keeps every maximum; if none does, the place stays empty.
 */
async function promoteByQuotas(tx: Queryable, entry: CatalogueEntry, protocol: Protocol, now: Date): Promise<string | undefined> {
  const { rows } = await tx.query<{ registration_code: string; status: string }>(
    `SELECT registration_code, status FROM applications WHERE programme_id = $1 AND status IN ('accepted', 'waitlisted') ORDER BY waitlist_number NULLS FIRST FOR UPDATE`,
    [entry.id],
  );
  const accepted = rows.filter((r) => r.status === 'accepted').map((r) => r.registration_code);
  const waiting = rows.filter((r) => r.status === 'waitlisted').map((r) => r.registration_code);
  if (waiting.length === 0) return undefined;
  const promotion = promote(accepted, waiting, valuesByCode(protocol.pool)!, protocol.stratified!.effective, protocol.accepted);
  await recordPromotion(tx, entry.id, promotion, now);
  if (promotion.code === undefined) return undefined;
  const { rows: promoted } = await tx.query<{ id: string }>(
    `UPDATE applications SET status = 'accepted' WHERE programme_id = $1 AND registration_code = $2 AND status = 'waitlisted' RETURNING id`,
    [entry.id, promotion.code],
  );
  return promoted[0]?.id;
}

/** Publishes a promotion under quotas, with its rule (migration 0011, `draw_promotions`; the results page lists them). */
export async function recordPromotion(tx: Queryable, programmeId: string, promotion: Promotion, at: Date): Promise<void> {
  await tx.query('INSERT INTO draw_promotions (programme_id, promoted_at, code, rule, passed_over) VALUES ($1, $2, $3, $4, $5)', [
    programmeId,
    at,
    promotion.code ?? null,
    promotion.rule,
    promotion.skips.length,
  ]);
}

/**
 * Gives a freed place to the first person waiting and queues their email;
 * returns that person's application id, or undefined when nobody moved up.
 * The caller holds the programme's place lock (capacity.ts).
 */
export async function promoteNext(tx: Queryable, entry: CatalogueEntry, options: PromotionOptions): Promise<string | undefined> {
  const promoted = await promoteFromWaitlist(tx, entry, options.now);
  if (promoted) await tellPromoted(tx, entry, promoted, options);
  return promoted;
}

async function tellPromoted(tx: Queryable, entry: CatalogueEntry, applicationId: string, { links, now }: PromotionOptions): Promise<void> {
  const { rows } = await tx.query<{ email: string | null; registration_code: string }>('SELECT email, registration_code FROM applications WHERE id = $1', [applicationId]);
  const promoted = rows[0];
  // Erased by the retention job (the programme ended long ago): the place changes hands, nobody is left to tell.
  if (!promoted?.email) return;
  const content = promotedEmail({ entry, code: promoted.registration_code, withdrawUrl: links.withdrawUrl(applicationId), byQuotas: entry.enrolment.quotas.length > 0 });
  await enqueueEmail(tx, { ...content, kind: 'promoted', dedupeKey: `promoted:${applicationId}`, to: promoted.email }, now);
}

interface PromotedEmailInput {
  entry: CatalogueEntry;
  code: string;
  withdrawUrl: string;
  /** A lottery with seat quotas: the place went by their rule, not necessarily to the first on the list. */
  byQuotas: boolean;
}

/** A place freed up and went to this person: the first on the waiting list, or, with quotas, the one their rule chose. */
function promotedEmail({ entry, code, withdrawUrl, byQuotas }: PromotedEmailInput): EmailContent {
  return composeEmail(`Zwolniło się miejsce: ${entry.title}`, [
    { paragraph: 'Dzień dobry,' },
    {
      paragraph: byQuotas
        ? `ktoś zrezygnował z udziału w „${entry.title}”, a Twój kod był pierwszym na liście rezerwowej, którego przyjęcie zachowuje ogłoszone kwoty miejsc: masz teraz miejsce. Zasadę i każdy taki awans pokazuje strona losowania.`
        : `ktoś zrezygnował z udziału w „${entry.title}”, a Ty byłeś(-aś) pierwszy(-a) na liście rezerwowej: masz teraz miejsce.`,
    },
    { paragraph: `Kod zgłoszenia: ${code}.` },
    { paragraph: 'Jeśli nie możesz już wziąć udziału, zrezygnuj, żeby miejsce dostała kolejna osoba z listy rezerwowej. Twoje dane zostaną wtedy usunięte:' },
    { link: withdrawUrl, label: 'Rezygnuję i usuwam moje dane' },
    ...signature,
  ]);
}
