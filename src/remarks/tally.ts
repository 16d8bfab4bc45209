/**
 * The counts "Co usłyszeliśmy" shows above a consultation's remarks: how many
 * remarks by decision and by channel. A remark entry standing for several
 * identical remarks (`count`) counts that many times, so the totals are the
 * number of remarks residents made, not the number of entries.
 *
 * Pure.
 */
import { remarkChannels, remarkDecisions, type RemarkChannel, type RemarkDecision } from '../data/consultations.ts';

/** What the tally reads of a remark (src/schemas/remarks.ts). */
export interface TalliedRemark {
  channel: RemarkChannel;
  count: number;
  decision?: RemarkDecision | undefined;
}

/** One row of a counts table: a Polish label and a number of remarks. */
export interface TallyRow {
  key: string;
  label: string;
  count: number;
}

/** Label of remarks not decided yet. */
export const undecidedLabel = 'Bez rozstrzygnięcia (w trakcie rozpatrywania)';

/**
 * Remarks by decision, in the enumeration's order, each decision listed even
 * at 0 (a reader sees that nothing was rejected), then the undecided ones
 * when there are any.
 */
export function byDecision(remarks: readonly TalliedRemark[]): TallyRow[] {
  const rows = remarkDecisions.options.map((o) => ({ key: o.value, label: o.label, count: sum(remarks.filter((r) => r.decision === o.value)) }));
  const undecided = sum(remarks.filter((r) => r.decision === undefined));
  return undecided > 0 ? [...rows, { key: 'undecided', label: undecidedLabel, count: undecided }] : rows;
}

/** Remarks by channel, in the enumeration's order; only the channels some remark came by. */
export function byChannel(remarks: readonly TalliedRemark[]): TallyRow[] {
  return remarkChannels.options
    .map((o) => ({ key: o.value, label: o.label, count: sum(remarks.filter((r) => r.channel === o.value)) }))
    .filter((row) => row.count > 0);
}

/** All remarks the entries stand for. */
export const totalRemarks = (remarks: readonly TalliedRemark[]): number => sum(remarks);

function sum(remarks: readonly TalliedRemark[]): number {
  return remarks.reduce((total, r) => total + r.count, 0);
}
