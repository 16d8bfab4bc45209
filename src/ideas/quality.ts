/**
 * Pairwise quality of a grouping against hand labels: every unordered pair
 * of ideas is a true positive when both groupings put it together, a false
 * positive when only the suggestion does, a false negative when only the
 * hand labels do (the pair-counting measures of clustering evaluation;
 * Manning, Raghavan & Schütze, "Introduction to Information Retrieval",
 * §16.3). Counted from the contingency table, so 10,000 ideas cost O(n).
 */

/** Pair counts and the two rates (precision = TP / (TP + FP), recall = TP / (TP + FN); 1 when the denominator is 0). */
export interface PairwiseQuality {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
}

const pairsIn = (count: number) => (count * (count - 1)) / 2;

/** Counts of each value of `keys`. */
function counts<T>(keys: readonly T[]): Map<T, number> {
  const result = new Map<T, number>();
  for (const key of keys) result.set(key, (result.get(key) ?? 0) + 1);
  return result;
}

/**
 * Pairwise quality of `suggested` (any group key per idea) against `truth`
 * (the hand label per idea), both in the same order. Throws a RangeError
 * when the lengths differ.
 */
export function pairwiseQuality(suggested: readonly unknown[], truth: readonly string[]): PairwiseQuality {
  if (suggested.length !== truth.length) throw new RangeError(`${suggested.length} suggested groups for ${truth.length} labelled ideas`);
  const cells = counts(suggested.map((group, i) => JSON.stringify([group, truth[i]])));
  let truePositives = 0;
  for (const count of cells.values()) truePositives += pairsIn(count);
  let suggestedPairs = 0;
  for (const count of counts(suggested).values()) suggestedPairs += pairsIn(count);
  let truthPairs = 0;
  for (const count of counts(truth).values()) truthPairs += pairsIn(count);
  const pairs = pairsIn(truth.length);
  const falsePositives = suggestedPairs - truePositives;
  const falseNegatives = truthPairs - truePositives;
  return {
    pairs,
    truePositives,
    falsePositives,
    falseNegatives,
    trueNegatives: pairs - truePositives - falsePositives - falseNegatives,
    precision: suggestedPairs ? truePositives / suggestedPairs : 1,
    recall: truthPairs ? truePositives / truthPairs : 1,
  };
}
