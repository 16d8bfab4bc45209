/**
 * Where a lottery stands by the clock, as a static page can say it: sign-ups
 * open, the pool frozen at the close of enrolment (the scheduled job freezes
 * it then: src/lottery/freeze.ts), or the announced draw date passed. Whether
 * the draw was actually run only the live results page knows; static pages
 * send the reader there. Boundaries: the close and the draw date
 * (src/site/boundaries.ts).
 */
export type LotteryStage = 'enrolment' | 'pool-frozen' | 'draw-due';

export function lotteryStage(enrolment: { closes: Date; drawDate?: Date | undefined }, now: Date): LotteryStage {
  if (now <= enrolment.closes) return 'enrolment';
  if (enrolment.drawDate && now >= enrolment.drawDate) return 'draw-due';
  return 'pool-frozen';
}
