/**
 * TF-IDF vectors of ideas and the sparse graph of their cosine similarities.
 *
 * Each idea becomes a vector over its features (./normalise.ts): weight =
 * (1 + ln tf) · ln(1 + N / df) (the usual sublinear TF-IDF, Manning,
 * Raghavan & Schütze, "Introduction to Information Retrieval", §6.4), word
 * features multiplied by `wordWeight`, n-gram features by `gramWeight`, then
 * scaled to length 1. Pairs are found through an inverted index, so only
 * ideas that share a feature are compared; features in more than
 * `maxDocumentShare` of all ideas are left out of the index (they are near
 * zero weight anyway, and would make the comparison quadratic).
 */
import { ideaFeatures } from './normalise.ts';

/** The settings of the similarity step. */
export interface SimilaritySettings {
  /** Length of the character n-grams (3 = trigrams). */
  gramSize: number;
  /** Weight of whole-stem features before normalisation. */
  wordWeight: number;
  /** Weight of character n-gram features before normalisation. */
  gramWeight: number;
  /** Edges below this cosine similarity are not kept (0–1). */
  minEdge: number;
  /** Features found in more than this share of ideas are not used to find pairs (0–1). */
  maxDocumentShare: number;
}

/** One idea as a sparse unit vector: feature ids ascending, weights alongside. */
export interface SparseVector { ids: Int32Array; weights: Float64Array }

/** Sparse unit TF-IDF vectors of `texts`, in input order, with the number of ideas each feature id occurs in. */
export function tfidfVectors(texts: readonly string[], settings: SimilaritySettings): { vectors: SparseVector[]; documentFrequency: Int32Array } {
  const idOf = new Map<string, number>();
  const counted = texts.map((text) => {
    const features = ideaFeatures(text, settings.gramSize);
    return [...features].map(([key, tf]) => {
      let id = idOf.get(key);
      if (id === undefined) idOf.set(key, (id = idOf.size));
      return { id, tf, word: key.startsWith('w:') };
    });
  });
  const documentFrequency = new Int32Array(idOf.size);
  for (const features of counted) for (const { id } of features) documentFrequency[id]! += 1;
  const n = texts.length;
  const vectors = counted.map((features) => {
    features.sort((a, b) => a.id - b.id);
    const weights = features.map(({ id, tf, word }) =>
      (1 + Math.log(tf)) * Math.log(1 + n / documentFrequency[id]!) * (word ? settings.wordWeight : settings.gramWeight));
    const length = Math.hypot(...weights) || 1;
    return { ids: Int32Array.from(features, (f) => f.id), weights: Float64Array.from(weights, (w) => w / length) };
  });
  return { vectors, documentFrequency };
}

/** An undirected edge i < j with its cosine similarity. */
export interface Edge { i: number; j: number; similarity: number }

/**
 * Every pair of ideas whose cosine similarity is at least `minEdge`, as
 * edges i < j, in ascending (i, j) order. Cost: the sum over indexed
 * features of (ideas having it)², plus one pass per idea over the others it
 * touched.
 */
export function similarityEdges(vectors: readonly SparseVector[], documentFrequency: Int32Array, settings: SimilaritySettings): Edge[] {
  const n = vectors.length;
  const maxDf = Math.max(2, Math.floor(settings.maxDocumentShare * n));
  const postings: number[][] = Array.from({ length: documentFrequency.length }, () => []);
  const postingWeights: number[][] = Array.from({ length: documentFrequency.length }, () => []);
  vectors.forEach((vector, i) => {
    vector.ids.forEach((id, k) => {
      if (documentFrequency[id]! > maxDf) return;
      postings[id]!.push(i);
      postingWeights[id]!.push(vector.weights[k]!);
    });
  });
  const sums = new Float64Array(n);
  const touched: number[] = [];
  const edges: Edge[] = [];
  for (let i = 0; i < n; i += 1) {
    const { ids, weights } = vectors[i]!;
    for (let k = 0; k < ids.length; k += 1) {
      const id = ids[k]!;
      if (documentFrequency[id]! > maxDf) continue;
      const list = postings[id]!;
      const listWeights = postingWeights[id]!;
      // postings are in ascending idea order: start after i.
      let start = lowerBound(list, i + 1);
      for (; start < list.length; start += 1) {
        const j = list[start]!;
        if (sums[j] === 0) touched.push(j);
        sums[j]! += weights[k]! * listWeights[start]!;
      }
    }
    touched.sort((a, b) => a - b);
    for (const j of touched) {
      if (sums[j]! >= settings.minEdge) edges.push({ i, j, similarity: sums[j]! });
      sums[j] = 0;
    }
    touched.length = 0;
  }
  return edges;
}

/** The first index of the ascending `list` whose value is ≥ `value`. */
function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
