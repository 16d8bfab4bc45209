/**
 * Finding what repeats (issue 17): the Polish normalisation, the clustering's
 * guard against chaining, the pair-counting measure, and the grouping's
 * quality on the hand-labelled fixture tests/fixtures/ideas/pomysly.tsv
 * (pairwise precision ≥ 0.8, recall ≥ 0.7), computed from the confusion
 * counts of every pair of ideas.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageLinkage } from '../../src/ideas/cluster.ts';
import { groupIdeas, groupLabels } from '../../src/ideas/group.ts';
import { ideaStems } from '../../src/ideas/normalise.ts';
import { pairwiseQuality } from '../../src/ideas/quality.ts';
import { stem } from '../../src/ideas/stemmer.ts';

/** The fixture's rows: hand label and idea, header skipped. */
function readFixture(): { labels: string[]; texts: string[] } {
  const rows = readFileSync(new URL('../fixtures/ideas/pomysly.tsv', import.meta.url), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split('\t'));
  return { labels: rows.map((row) => row[0]!), texts: rows.map((row) => row[1]!) };
}

describe('Polish normalisation', () => {
  it('brings inflected forms, capitals and text without Polish letters to the same stems', () => {
    expect(ideaStems('ławki w parku Jordana')).toEqual(ideaStems('Brakuje ławek w Parku Jordana'));
    expect(ideaStems('lawki w parku jordana')).toEqual(ideaStems('Ławki w parku Jordana'));
    expect(ideaStems('Oświetlenie ścieżki')).toEqual(ideaStems('oświetlić ścieżkę'));
    expect(stem('przystanek')).toBe(stem('przystanku'));
    expect(ideaStems('Brakuje ławek w Parku Jordana')).toEqual(['lawk', 'park', 'jordan']);
  });

  it('keeps short words and numbers as they are, and tells different words apart', () => {
    expect(stem('pm10')).toBe('pm10');
    expect(stem('wc')).toBe('wc');
    expect(stem('drzewa')).not.toBe(stem('drzwi'));
  });
});

describe('average linkage', () => {
  it('does not chain A ~ B ~ C into one group when A and C are unlike', () => {
    const edges = [{ i: 0, j: 1, similarity: 0.9 }, { i: 1, j: 2, similarity: 0.8 }];
    expect([...averageLinkage(3, edges, 0.5)]).toEqual([0, 0, 2]);
    // With A ~ C too, the three are one group.
    expect([...averageLinkage(3, [...edges, { i: 0, j: 2, similarity: 0.6 }], 0.5)]).toEqual([0, 0, 0]);
  });
});

/** Average linkage the slow, obvious way: merge the globally most similar pair while its average is ≥ threshold. */
function greedyAverageLinkage(count: number, edges: readonly { i: number; j: number; similarity: number }[], threshold: number): number[] {
  const sim = (i: number, j: number) => edges.find((e) => (e.i === i && e.j === j) || (e.i === j && e.j === i))?.similarity ?? 0;
  let groups = Array.from({ length: count }, (_, i) => [i]);
  for (;;) {
    let best: [number, number, number] | undefined;
    for (let a = 0; a < groups.length; a += 1) {
      for (let b = a + 1; b < groups.length; b += 1) {
        const average = groups[a]!.reduce((sum, i) => sum + groups[b]!.reduce((s, j) => s + sim(i, j), 0), 0) / (groups[a]!.length * groups[b]!.length);
        if (average >= threshold && (!best || average > best[2])) best = [a, b, average];
      }
    }
    if (!best) break;
    groups = [...groups.filter((_, k) => k !== best[0] && k !== best[1]), [...groups[best[0]]!, ...groups[best[1]]!]];
  }
  const groupOf = new Array<number>(count);
  for (const group of groups) for (const i of group) groupOf[i] = Math.min(...group);
  return groupOf;
}

describe('average linkage by the nearest-neighbour chain', () => {
  it('gives the same groups as always merging the most similar pair', () => {
    const graph = fc.integer({ min: 2, max: 12 }).chain((count) => fc.tuple(
      fc.constant(count),
      fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: count - 1 }), fc.integer({ min: 0, max: count - 1 }), fc.integer({ min: 1, max: 10_000 })),
        { selector: ([i, j]) => `${Math.min(i, j)}-${Math.max(i, j)}`, maxLength: 40 }),
      fc.double({ min: 0.05, max: 0.9, noNaN: true }),
    ));
    fc.assert(fc.property(graph, ([count, pairs, threshold]) => {
      const edges = pairs.filter(([i, j]) => i !== j).map(([i, j, s]) => ({ i: Math.min(i, j), j: Math.max(i, j), similarity: s / 10_000 + i * 1e-9 + j * 1e-11 }));
      expect([...averageLinkage(count, edges, threshold)]).toEqual(greedyAverageLinkage(count, edges, threshold));
    }), { numRuns: 300 });
  });
});

describe('pairwise quality', () => {
  it('counts pairs from the contingency table', () => {
    // Truth: {0,1,2} {3}; suggested: {0,1} {2,3}. Pairs: 01 TP; 02,12 FN; 23 FP; 6 pairs in all.
    expect(pairwiseQuality(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'y'])).toEqual({
      pairs: 6, truePositives: 1, falsePositives: 1, falseNegatives: 2, trueNegatives: 2, precision: 0.5, recall: 1 / 3,
    });
    expect(() => pairwiseQuality(['a'], ['x', 'y'])).toThrow(RangeError);
  });
});

describe('grouping the hand-labelled fixture', () => {
  const { labels, texts } = readFixture();

  it('is a fixture of at least 400 ideas in at least 30 groups, some without Polish letters', () => {
    expect(texts.length).toBeGreaterThanOrEqual(400);
    expect(new Set(labels).size).toBeGreaterThanOrEqual(30);
    expect(texts.filter((text) => !/[ąćęłńóśźż]/i.test(text)).length).toBeGreaterThanOrEqual(60);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('reaches pairwise precision ≥ 0.8 and recall ≥ 0.7 against the hand labels', () => {
    const { groupOf, labels: groupLabelsFound } = groupIdeas(texts);
    const quality = pairwiseQuality(groupOf, labels);
    console.log(`ideas: ${texts.length}, groups suggested ${groupLabelsFound.length} (hand ${new Set(labels).size}); ` +
      `TP ${quality.truePositives}, FP ${quality.falsePositives}, FN ${quality.falseNegatives}, TN ${quality.trueNegatives}; ` +
      `precision ${quality.precision.toFixed(3)}, recall ${quality.recall.toFixed(3)}`);
    expect(quality.truePositives + quality.falsePositives + quality.falseNegatives + quality.trueNegatives).toBe(quality.pairs);
    expect(quality.pairs).toBe((texts.length * (texts.length - 1)) / 2);
    expect(quality.precision).toBeGreaterThanOrEqual(0.8);
    expect(quality.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('does as well with the ideas in reverse order (the settings are not tuned to one order)', () => {
    const quality = pairwiseQuality(groupIdeas([...texts].reverse()).groupOf, [...labels].reverse());
    expect(quality.precision).toBeGreaterThanOrEqual(0.8);
    expect(quality.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('is deterministic, and equal labels mean the same group', () => {
    const first = groupLabels(texts);
    expect(groupLabels(texts)).toEqual(first);
    const { groupOf } = groupIdeas(texts);
    // Labels and groups correspond one to one, and a label is one of its group's ideas.
    const groupOfLabel = new Map<string, Set<number>>();
    const labelsOfGroup = new Map<number, Set<string>>();
    first.forEach((label, i) => {
      groupOfLabel.set(label, (groupOfLabel.get(label) ?? new Set()).add(groupOf[i]!));
      labelsOfGroup.set(groupOf[i]!, (labelsOfGroup.get(groupOf[i]!) ?? new Set()).add(label));
      expect(texts.filter((_, k) => groupOf[k] === groupOf[i])).toContain(label);
    });
    expect([...groupOfLabel.values()].every((groups) => groups.size === 1)).toBe(true);
    expect([...labelsOfGroup.values()].every((found) => found.size === 1)).toBe(true);
    expect(groupOfLabel.size).toBeGreaterThan(30);
  });

  it('gives a blank line no group, and two unrelated ideas two groups', () => {
    expect(groupLabels(['Ławki w parku Jordana', '', 'brakuje ławek w Parku Jordana', 'Tramwaj do Mistrzejowic'])).toEqual([
      'Ławki w parku Jordana', '', 'Ławki w parku Jordana', 'Tramwaj do Mistrzejowic',
    ]);
  });
});
