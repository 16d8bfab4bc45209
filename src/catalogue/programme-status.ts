/**
 * The status badge of a programme as a page shows it at `now` (the build's
 * `builtAt`). Editors set the status in the CMS; while it says "Zapowiedziany"
 * or "Trwa nabór" and the programme has an enrolment window, the window's
 * dates decide instead, so a page built after the window closed never says
 * "Trwa nabór" (issue 10: the badge moves with the clock like the form does).
 * Boundaries: the window's opening and closing (src/site/boundaries.ts).
 */
import { programmeStatuses, type ProgrammeStatus } from '../data/programmes.ts';
import { windowState } from './window.ts';
import { formatDay } from '../lib/dates.ts';

export interface ShownStatus {
  label: string;
  /** The badge's colour: `badge-<tone>`. */
  tone: 'planned' | 'changed' | 'cancelled';
  /** Sort key on the home page: programmes taking sign-ups first. */
  rank: number;
}

interface StatusData {
  status: ProgrammeStatus;
  enrolment?: { opens: Date; closes: Date } | undefined;
}

const rankOf: Record<ProgrammeStatus, number> = { enrolment: 0, ongoing: 1, announced: 2, changed: 3, cancelled: 4, completed: 5 };

export function shownStatus({ status, enrolment }: StatusData, now: Date): ShownStatus {
  const tone = status === 'cancelled' ? 'cancelled' : status === 'changed' ? 'changed' : 'planned';
  if (!enrolment || (status !== 'announced' && status !== 'enrolment')) return { label: programmeStatuses.label(status), tone, rank: rankOf[status] };
  const state = windowState(enrolment, now);
  if (state === 'open') return { label: programmeStatuses.label('enrolment'), tone, rank: rankOf.enrolment };
  if (state === 'before') return { label: `Nabór od ${formatDay(enrolment.opens)}`, tone, rank: rankOf.announced };
  return { label: 'Nabór zakończony', tone, rank: rankOf.ongoing };
}
