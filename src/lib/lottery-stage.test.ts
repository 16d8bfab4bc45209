import { expect, it } from 'vitest';
import { lotteryStage } from './lottery-stage.ts';

it('moves from sign-ups to a frozen pool at the close, and to the draw at its announced date', () => {
  const enrolment = { closes: new Date('2026-12-10T12:00:00Z'), drawDate: new Date('2026-12-12T10:00:00Z') };
  expect(lotteryStage(enrolment, new Date('2026-12-10T12:00:00Z'))).toBe('enrolment');
  expect(lotteryStage(enrolment, new Date('2026-12-10T12:00:00.001Z'))).toBe('pool-frozen');
  expect(lotteryStage(enrolment, new Date('2026-12-12T10:00:00Z'))).toBe('draw-due');
  expect(lotteryStage({ closes: enrolment.closes }, new Date('2027-01-01T00:00:00Z'))).toBe('pool-frozen');
});
