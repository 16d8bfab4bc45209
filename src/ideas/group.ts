/**
 * Finding what repeats (issue 17): groups of ideas that say the same thing
 * in other words. The one entry point both the command (`npm run ideas --
 * group`, scripts/ideas.ts) and, later, the panel use, with the same
 * settings (`groupingSettings`), so a resident can reproduce the panel's
 * suggestion on their own machine. Nothing leaves the process: no service,
 * no model, only the text. Method and measured quality: docs/ideas.md.
 */
import { searchKey } from '../lib/fold.ts';
import { averageLinkage } from './cluster.ts';
import { ideaStems } from './normalise.ts';
import { similarityEdges, tfidfVectors, type Edge, type SimilaritySettings } from './similarity.ts';

/** The settings of the grouping: the similarity step's, plus the average-linkage threshold (0–1). */
export interface GroupingSettings extends SimilaritySettings { threshold: number }

/** The settings the panel and the command use (tuned on tests/fixtures/ideas/pomysly.tsv; docs/ideas.md). */
export const groupingSettings: Readonly<GroupingSettings> = Object.freeze({
  gramSize: 3,
  wordWeight: 1,
  gramWeight: 0.5,
  minEdge: 0.1,
  maxDocumentShare: 0.2,
  threshold: 0.2,
});

/** The grouping of a list of ideas. */
export interface Grouping {
  /** For each input idea, its group's number (0, 1, … in order of first appearance); -1 for a blank line. */
  groupOf: number[];
  /** For each group number, its label: the text of its most central idea, trimmed. */
  labels: string[];
  /** How many distinct ideas were grouped (ideas with the same stems in the same order count once). */
  distinct: number;
}

/** What makes two ideas the same idea before any grouping: their stems in order, or (with none) their folded text. */
function identity(text: string): string {
  const stems = ideaStems(text);
  return stems.length ? `s:${stems.join(' ')}` : `t:${searchKey(text.trim()).replace(/\s+/g, ' ')}`;
}

/**
 * Groups `texts` (one idea each; blank ones get group -1). Ideas with the
 * same stems in the same order are one idea before grouping; the distinct
 * ones are grouped by `averageLinkage` over `similarityEdges`. A group's
 * label is the text (as first written) of its most central idea — the one
 * with the highest sum of similarities to the group's other ideas, ties to
 * the earliest — so equal labels mean the same group, and the same input
 * always gives the same groups, numbers and labels.
 */
export function groupIdeas(texts: readonly string[], settings: Readonly<GroupingSettings> = groupingSettings): Grouping {
  const uniqueOf = new Map<string, number>();
  const uniqueTexts: string[] = [];
  const lineUnique = texts.map((text) => {
    if (!text.trim()) return -1;
    const key = identity(text);
    let u = uniqueOf.get(key);
    if (u === undefined) {
      uniqueOf.set(key, (u = uniqueTexts.length));
      uniqueTexts.push(text.trim());
    }
    return u;
  });
  const { vectors, documentFrequency } = tfidfVectors(uniqueTexts, settings);
  const edges = similarityEdges(vectors, documentFrequency, settings);
  const clusterOf = averageLinkage(uniqueTexts.length, edges, settings.threshold);
  const centre = centralMembers(clusterOf, edges);

  const numberOf = new Map<number, number>();
  const labels: string[] = [];
  const groupOf = lineUnique.map((u) => {
    if (u < 0) return -1;
    const cluster = clusterOf[u]!;
    let number = numberOf.get(cluster);
    if (number === undefined) {
      numberOf.set(cluster, (number = labels.length));
      labels.push(uniqueTexts[centre.get(cluster)!]!);
    }
    return number;
  });
  return { groupOf, labels, distinct: uniqueTexts.length };
}

/** For each cluster id, the member with the highest sum of within-cluster similarities (ties: lowest index). */
function centralMembers(clusterOf: Int32Array, edges: readonly Edge[]): Map<number, number> {
  const within = new Float64Array(clusterOf.length);
  for (const { i, j, similarity } of edges) {
    if (clusterOf[i] !== clusterOf[j]) continue;
    within[i]! += similarity;
    within[j]! += similarity;
  }
  const centre = new Map<number, number>();
  clusterOf.forEach((cluster, i) => {
    const best = centre.get(cluster);
    if (best === undefined || within[i]! > within[best]!) centre.set(cluster, i);
  });
  return centre;
}

/** The label of each line of `texts`, in order ('' for a blank line): what the command prints. */
export function groupLabels(texts: readonly string[], settings: Readonly<GroupingSettings> = groupingSettings): string[] {
  const { groupOf, labels } = groupIdeas(texts, settings);
  return groupOf.map((group) => (group < 0 ? '' : labels[group]!));
}
