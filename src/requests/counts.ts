/**
 * The public numbers of a request's supports — the only thing about them
 * that is public: needed (the rule set's threshold, from /dane/wnioski.json),
 * gathered online (confirmed supports; they stay counted after retention
 * erases the people's data) and on paper (staff's entries in the panel),
 * and the sentence that says where the request stands.
 */
import type { Queryable } from '../db/database.ts';
import { plural } from '../lib/plural.ts';
import type { RequestEntry } from './requests-file.ts';

export interface SupportCounts {
  needed: number;
  online: number;
  paper: number;
  gathered: number;
  /** gathered ≥ needed (and something was needed). */
  reached: boolean;
}

/** The counts of every request id given (0 for one without supports). */
export async function supportCountsOf(db: Queryable, requests: readonly Pick<RequestEntry, 'id' | 'supportersNeeded'>[]): Promise<Map<string, SupportCounts>> {
  const ids = requests.map((r) => r.id);
  const { rows } = await db.query<{ request_id: string; online: string | number; paper: string | number }>(
    `SELECT ids.request_id,
            (SELECT count(*) FROM request_supports s WHERE s.request_id = ids.request_id AND s.status = 'confirmed') AS online,
            (SELECT coalesce(sum(p.count), 0) FROM request_paper_supports p WHERE p.request_id = ids.request_id) AS paper
       FROM unnest($1::text[]) AS ids (request_id)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.request_id, { online: Number(r.online), paper: Number(r.paper) }]));
  return new Map(
    requests.map((r) => {
      const { online = 0, paper = 0 } = byId.get(r.id) ?? {};
      const gathered = online + paper;
      return [r.id, { needed: r.supportersNeeded, online, paper, gathered, reached: r.supportersNeeded > 0 && gathered >= r.supportersNeeded }];
    }),
  );
}

/** The counts of one request. */
export async function supportCounts(db: Queryable, request: Pick<RequestEntry, 'id' | 'supportersNeeded'>): Promise<SupportCounts> {
  return (await supportCountsOf(db, [request])).get(request.id)!;
}

const supports = (n: number) => plural(n, 'poparcie', 'poparcia', 'poparć');
/** After "brakuje" the genitive: 1 poparcia, 2 poparć, 5 poparć. */
const missing = (n: number) => plural(n, 'poparcia', 'poparć', 'poparć');

/** "Zebrano 120 poparć z wymaganych 200 (online 100, na papierze 20)." */
export function countsSentence(c: SupportCounts): string {
  const detail = `online ${c.online}, na papierze ${c.paper}`;
  return c.needed > 0 ? `Zebrano ${supports(c.gathered)} z wymaganych ${c.needed} (${detail}).` : `Zebrano ${supports(c.gathered)} (${detail}); ten wnioskodawca nie potrzebuje poparć.`;
}

/** The public status wording: changes once the threshold is crossed. */
export function thresholdSentence(c: SupportCounts): string {
  if (c.needed === 0) return 'Wniosek nie wymaga poparcia mieszkańców.';
  return c.reached
    ? 'Zebrano wymaganą liczbę poparć — wniosek czeka na weryfikację podpisów przez urząd.'
    : `Do wymaganej liczby brakuje jeszcze ${missing(c.needed - c.gathered)}.`;
}
