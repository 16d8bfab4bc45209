/**
 * Finding what repeats (issue 17): the grouping's quality on the
 * hand-labelled fixture (tests/fixtures/ideas/pomysly.tsv) with the
 * confusion counts of every pair of ideas — limits: pairwise precision
 * ≥ 0.8, recall ≥ 0.7 — and the time to group 10,000 ideas made
 * deterministically from the fixture (a framing phrase, a context such as "dla dzieci" or "latem", letters
 * without diacritics, a swapped pair of letters, each by a seeded
 * generator), limit ≤ 30 s, with their quality against the fixture's labels.
 *
 * Run alone: node_modules/.bin/node bench/ideas.ts [--ideas-count=10000]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fold } from '../src/lib/fold.ts';
import { groupIdeas, groupingSettings } from '../src/ideas/group.ts';
import { pairwiseQuality, type PairwiseQuality } from '../src/ideas/quality.ts';
import { seededRandom } from '../tests/support/seeded-random.ts';

const limits = { precision: 0.8, recall: 0.7, seconds: 30 };
type Table = (head: string[], rows: string[][]) => string;

/** The fixture's hand labels and ideas. */
function readFixture(): { labels: string[]; texts: string[] } {
  const rows = readFileSync(new URL('../tests/fixtures/ideas/pomysly.tsv', import.meta.url), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split('\t'));
  return { labels: rows.map((row) => row[0]!), texts: rows.map((row) => row[1]!) };
}

const framings = ['', '', 'Proszę o: ', 'Pomysł: ', 'Mieszkańcy proszą – ', 'Bardzo ważne: ', 'Od lat czekamy. '];
const contexts = ['', ' dla dzieci', ' dla seniorów', ' latem', ' zimą', ' przy szkole', ' koło mojego bloku', ' w weekendy', ' od zaraz',
  ' wieczorami', ' dla rodzin z wózkami', ' jak najszybciej', ' w tym roku', ' na wiosnę', ' dla turystów', ' dla wszystkich'];
const endings = ['', '', '', ' – pilnie!', ' (zgłoszone przy stoliku 3)', ', dziękuję', ' — od dawna o to prosimy', '.'];

/** `count` ideas made from the fixture's, each with its source's hand label: ideas cycle through the fixture, each varied. */
export function generatedIdeas(count: number, fixture = readFixture()): { labels: string[]; texts: string[] } {
  const random = seededRandom(17);
  const pick = <T>(list: readonly T[]) => list[random(list.length)]!;
  const labels: string[] = [];
  const texts: string[] = [];
  for (let k = 0; k < count; k += 1) {
    const source = k % fixture.texts.length;
    let text = `${pick(framings)}${fixture.texts[source]!}${pick(contexts)}${pick(endings)}`;
    if (random(10) < 3) text = fold(text);
    if (random(10) < 3) text = text.toLocaleLowerCase('pl');
    if (random(4) < 1) {
      // A typo: two neighbouring letters of one word swapped.
      const at = 1 + random(Math.max(1, text.length - 3));
      if (/\p{L}{2}/u.test(text.slice(at, at + 2))) text = text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
    }
    labels.push(fixture.labels[source]!);
    texts.push(text);
  }
  return { labels, texts };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const counts = (q: PairwiseQuality) => `TP ${q.truePositives} · FP ${q.falsePositives} · FN ${q.falseNegatives} · TN ${q.trueNegatives}`;

/** Runs the bench, prints its tables through `table`, and tells whether every figure is within its limit. */
export async function benchIdeas(table: Table, count = 10_000): Promise<boolean> {
  console.log(`\n## Grouping ideas (issue 17)\n${cpus().length} CPU cores; load average ${load()} at the start; settings ${JSON.stringify(groupingSettings)}`);
  const fixture = readFixture();
  const rows: string[][] = [];
  let ok = true;
  const measure = (name: string, labels: string[], texts: string[], timed: boolean) => {
    const started = performance.now();
    const { groupOf, labels: groups, distinct } = groupIdeas(texts);
    const seconds = (performance.now() - started) / 1000;
    const q = pairwiseQuality(groupOf, labels);
    const within = q.precision >= limits.precision && q.recall >= limits.recall && (!timed || seconds <= limits.seconds);
    ok &&= within;
    rows.push([name, `${texts.length} (${distinct} distinct)`, `${groups.length} (hand ${new Set(labels).size})`, counts(q),
      `${q.precision.toFixed(3)} (≥ ${limits.precision}; ${(q.precision / limits.precision).toFixed(2)}×)`,
      `${q.recall.toFixed(3)} (≥ ${limits.recall}; ${(q.recall / limits.recall).toFixed(2)}×)`,
      timed ? `${seconds.toFixed(2)} s (≤ ${limits.seconds} s; ${(seconds / limits.seconds).toFixed(2)} of limit)` : `${seconds.toFixed(2)} s`,
      load(), within ? 'ok' : 'OVER']);
  };
  measure('fixture (hand-labelled)', fixture.labels, fixture.texts, false);
  const generated = generatedIdeas(count, fixture);
  measure(`generated from fixture`, generated.labels, generated.texts, true);
  console.log(table(['ideas', 'count', 'groups', 'pairs', 'precision', 'recall', 'time', 'load average', 'target'], rows));
  console.log(`load average ${load()} at the end`);
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table: Table = (head, rows) => [head, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
  const count = Number(/^--ideas-count=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--ideas-count=')) ?? '')?.[1] ?? 10_000);
  process.exitCode = (await benchIdeas(table, count)) ? 0 : 1;
}
