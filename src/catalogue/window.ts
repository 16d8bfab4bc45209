/**
 * Where an enrolment window stands at a moment, from its dates alone: the
 * build (programme pages, the catalogue), the server and the browser script
 * all decide it here, so a state reads the same wherever it was decided.
 */

/**
 * `full-waitlist`: a first-come programme whose places are taken; the form
 * stays, new confirmations go to the waiting list. Only the server knows it.
 */
export const enrolmentStates = ['before', 'open', 'closed', 'cancelled', 'full-waitlist'] as const;
export type EnrolmentState = (typeof enrolmentStates)[number];
/** States in which the form is shown. */
export const formIsOpen = (state: EnrolmentState) => state === 'open' || state === 'full-waitlist';

/** An enrolment window's bounds; dates as parsed or as ISO strings (from JSON). */
export interface EnrolmentWindow {
  opens: Date | string;
  closes: Date | string;
}

/** The window's state at `now`, from the dates alone: whether places remain only the server can tell. */
export function windowState(block: EnrolmentWindow, now: Date, cancelled = false): Exclude<EnrolmentState, 'full-waitlist'> {
  if (cancelled) return 'cancelled';
  if (now < new Date(block.opens)) return 'before';
  if (now > new Date(block.closes)) return 'closed';
  return 'open';
}
