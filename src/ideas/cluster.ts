/**
 * Average-linkage agglomerative clustering over a sparse similarity graph
 * (UPGMA, Sokal & Michener 1958). Two groups merge while the mean
 * similarity over all pairs of their ideas is at least `threshold`; a pair
 * without an edge counts as 0. Averaging over every pair is the guard
 * against chaining: a single bridge between two groups (A ~ B ~ C) is
 * diluted by all the pairs that are not alike, where single linkage or
 * connected components would join them.
 *
 * Deterministic: the best merge is taken first; ties go to the pair with
 * the lower group ids (a group's id is the lowest idea index in it).
 */
import type { Edge } from './similarity.ts';

interface Candidate { average: number; a: number; b: number; versionA: number; versionB: number }

/** Whether candidate x goes before y: higher average, then lower ids. */
function before(x: Candidate, y: Candidate): boolean {
  if (x.average !== y.average) return x.average > y.average;
  return x.a !== y.a ? x.a < y.a : x.b < y.b;
}

/** A binary max-heap of candidates, ordered by `before`. */
class CandidateHeap {
  private readonly items: Candidate[] = [];
  get size(): number { return this.items.length; }
  push(item: Candidate): void {
    const items = this.items;
    items.push(item);
    for (let k = items.length - 1; k > 0;) {
      const parent = (k - 1) >> 1;
      if (!before(items[k]!, items[parent]!)) break;
      [items[k], items[parent]] = [items[parent]!, items[k]!];
      k = parent;
    }
  }
  pop(): Candidate | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length && last) {
      items[0] = last;
      for (let k = 0; ;) {
        const left = 2 * k + 1;
        const right = left + 1;
        let best = k;
        if (left < items.length && before(items[left]!, items[best]!)) best = left;
        if (right < items.length && before(items[right]!, items[best]!)) best = right;
        if (best === k) break;
        [items[k], items[best]] = [items[best]!, items[k]!];
        k = best;
      }
    }
    return top;
  }
}

/**
 * Groups `count` ideas from their similarity `edges` (i < j, each pair
 * once). Returns, for each idea in input order, its group's id: the lowest
 * idea index in the group. Cost: O(E log E) heap operations, where E grows
 * with the edges and merges.
 */
export function averageLinkage(count: number, edges: readonly Edge[], threshold: number): Int32Array {
  const size = new Int32Array(count).fill(1);
  const version = new Int32Array(count);
  const alive = new Uint8Array(count).fill(1);
  // sums[a] maps a neighbouring group b to the sum of similarities between their ideas.
  const sums: Map<number, number>[] = Array.from({ length: count }, () => new Map());
  const members: number[][] = Array.from({ length: count }, (_, i) => [i]);
  const heap = new CandidateHeap();
  for (const { i, j, similarity } of edges) {
    sums[i]!.set(j, (sums[i]!.get(j) ?? 0) + similarity);
    sums[j]!.set(i, (sums[j]!.get(i) ?? 0) + similarity);
  }
  const offer = (a: number, b: number) => {
    const [low, high] = a < b ? [a, b] : [b, a];
    const average = sums[low]!.get(high)! / (size[low]! * size[high]!);
    if (average >= threshold) heap.push({ average, a: low, b: high, versionA: version[low]!, versionB: version[high]! });
  };
  for (let a = 0; a < count; a += 1) for (const b of sums[a]!.keys()) if (a < b) offer(a, b);

  while (heap.size) {
    const { a, b, versionA, versionB } = heap.pop()!;
    if (!alive[a] || !alive[b] || version[a] !== versionA || version[b] !== versionB) continue;
    // Merge b into a (a < b, so the group keeps its lowest index as id).
    alive[b] = 0;
    size[a]! += size[b]!;
    version[a]! += 1;
    members[a]!.push(...members[b]!);
    members[b] = [];
    sums[a]!.delete(b);
    for (const [c, sum] of sums[b]!) {
      if (c === a) continue;
      sums[a]!.set(c, (sums[a]!.get(c) ?? 0) + sum);
      sums[c]!.delete(b);
      sums[c]!.set(a, sums[a]!.get(c)!);
    }
    sums[b]!.clear();
    for (const c of [...sums[a]!.keys()].sort((x, y) => x - y)) offer(a, c);
  }

  const groupOf = new Int32Array(count);
  for (let a = 0; a < count; a += 1) if (alive[a]) for (const i of members[a]!) groupOf[i] = a;
  return groupOf;
}
