/**
 * Who holds a place when the draw's result is applied, given the codes still
 * live (a code withdrawn after its pool froze stays in the pool and in the
 * protocol, but takes no place). Pure; run-draw.ts applies it.
 *
 * Without quotas (format /1): the first `accepted` live codes in drawn order,
 * the other live codes waiting in that order — as if each withdrawal had come
 * after the draw and freed a place for the first on the waiting list.
 *
 * With quotas (format /2, issue 14): the walk's accepted codes that are
 * live; each place left by a withdrawn one is then filled by the promotion
 * rule of stratified.ts (step 3 of the procedure), applied to the live
 * waiting list in drawn order, one place at a time, exactly as a withdrawal
 * after the draw would fill it.
 */
import { placesOf, valuesByCode, type Protocol } from './protocol.ts';
import { promote, type Promotion } from './stratified.ts';

export interface LivePlaces {
  accepted: string[];
  /** In waiting-list order. */
  waiting: string[];
  /** With quotas: each freed place's promotion, in order. */
  promotions: Promotion[];
}

export function livePlaces(protocol: Protocol, isLive: (code: string) => boolean): LivePlaces {
  const places = placesOf(protocol);
  if (!protocol.stratified) {
    const ordered = [...places.accepted, ...places.waiting].filter(isLive);
    return { accepted: ordered.slice(0, protocol.accepted), waiting: ordered.slice(protocol.accepted), promotions: [] };
  }
  const accepted = places.accepted.filter(isLive);
  let waiting = places.waiting.filter(isLive);
  const values = valuesByCode(protocol.pool)!;
  const promotions: Promotion[] = [];
  while (accepted.length < protocol.accepted && waiting.length > 0) {
    const promotion = promote(accepted, waiting, values, protocol.stratified.effective, protocol.accepted);
    promotions.push(promotion);
    if (promotion.code === undefined) break;
    accepted.push(promotion.code);
    waiting = waiting.filter((c) => c !== promotion.code);
  }
  return { accepted, waiting, promotions };
}
