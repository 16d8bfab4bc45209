/**
 * Average-linkage agglomerative clustering over a sparse similarity graph
 * (UPGMA, Sokal & Michener 1958). Two groups merge while the mean
 * similarity over all pairs of their ideas is at least `threshold`; a pair
 * without an edge counts as 0. Averaging over every pair is the guard
 * against chaining: a single bridge between two groups (A ~ B ~ C) is
 * diluted by all the pairs that are not alike, where single linkage or
 * connected components would join them.
 *
 * Computed with the nearest-neighbour chain (Murtagh 1983; Müllner,
 * "Modern hierarchical, agglomerative clustering algorithms", 2011, §3),
 * which gives the same hierarchy as always merging the globally closest
 * pair, because average linkage is reducible: a merged group is never more
 * similar to a third than the closer of its parts. For the same reason a
 * group whose nearest neighbour is below the threshold is final.
 * Deterministic: ties go to the previous link of the chain, then to the
 * lower group number.
 */
import type { Edge } from './similarity.ts';

/**
 * Groups `count` ideas from their similarity `edges` (i < j, each pair
 * once). Returns, for each idea in input order, its group's id: the lowest
 * idea index in the group. Cost: each step scans one group's neighbours;
 * a merge folds the smaller neighbour map into the larger.
 */
export function averageLinkage(count: number, edges: readonly Edge[], threshold: number): Int32Array {
  const size = new Int32Array(count).fill(1);
  const alive = new Uint8Array(count).fill(1);
  const final = new Uint8Array(count);
  // sums[a] maps a neighbouring group b to the sum of similarities between their ideas.
  const sums: Map<number, number>[] = Array.from({ length: count }, () => new Map());
  const members: number[][] = Array.from({ length: count }, (_, i) => [i]);
  for (const { i, j, similarity } of edges) {
    sums[i]!.set(j, (sums[i]!.get(j) ?? 0) + similarity);
    sums[j]!.set(i, (sums[j]!.get(i) ?? 0) + similarity);
  }

  const chain: number[] = [];
  let next = 0;
  for (;;) {
    if (!chain.length) {
      while (next < count && (!alive[next] || final[next])) next += 1;
      if (next >= count) break;
      chain.push(next);
    }
    const a = chain.at(-1)!;
    const previous = chain.length > 1 ? chain.at(-2)! : -1;
    let best = -1;
    let bestAverage = -1;
    const sizeA = size[a]!;
    // forEach, not for…of over entries: no [key, value] array per neighbour, which matters at 10,000 ideas.
    sums[a]!.forEach((sum, c) => {
      const average = sum / (sizeA * size[c]!);
      if (average > bestAverage || (average === bestAverage && (c === previous || (best !== previous && c < best)))) {
        best = c;
        bestAverage = average;
      }
    });
    if (best < 0 || bestAverage < threshold) {
      final[a] = 1;
      chain.pop();
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    // Merge the group with fewer neighbours into the other.
    const [keep, gone] = sums[a]!.size >= sums[best]!.size ? [a, best] : [best, a];
    alive[gone] = 0;
    size[keep]! += size[gone]!;
    members[keep]!.push(...members[gone]!);
    members[gone] = [];
    sums[keep]!.delete(gone);
    const kept = sums[keep]!;
    sums[gone]!.forEach((sum, c) => {
      if (c === keep) return;
      const total = (kept.get(c) ?? 0) + sum;
      kept.set(c, total);
      sums[c]!.delete(gone);
      sums[c]!.set(keep, total);
    });
    sums[gone]!.clear();
  }

  const groupOf = new Int32Array(count);
  for (let a = 0; a < count; a += 1) {
    if (!alive[a]) continue;
    const id = members[a]!.reduce((low, i) => Math.min(low, i), count);
    for (const i of members[a]!) groupOf[i] = id;
  }
  return groupOf;
}
