/**
 * The archive searching inside its documents at scale (issue 15, part of
 * `npm run bench -- --scale`): 10,000 synthetic entries, 1,000 of them with
 * a stored PDF of 20 pages of Polish text (bench/attachments.ts makes them),
 * built as `npm run build` builds twice — first with an empty text cache,
 * then with nothing changed. Measures each build's time and where it went
 * (extraction, index), the extraction of the rebuild against the first's
 * (target: at most 5 %), the index's size, and what a first search fetches
 * (target: at most 300 kB) with how fast it answers.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createFixtureSite } from '../tests/support/fixture-site.ts';
import { buildAsNpmDoes, firstQuery, folderSize, sampleMemory, type LogLine, type MemorySample } from './archive-scale.ts';
import { documentName, generate, warmRatioBudget } from './attachments.ts';
import { benchArchive } from './generate-reports.ts';

type Table = (head: string[], rows: string[][]) => string;

const firstQueryBudget = 300_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * `entries` archive entries (file name → markdown), the first `documents`
 * generated ones each with one stored PDF (documentName) as an attachment.
 */
async function archiveWithDocuments(entries: number, documents: number): Promise<Map<string, string>> {
  const reports = await benchArchive(entries);
  const generated = [...reports.keys()].filter((name) => name.startsWith('raport-')).sort().slice(0, documents);
  if (generated.length < documents) throw new Error(`Za mało wygenerowanych wpisów (${generated.length}) na ${documents} dokumentów.`);
  generated.forEach((name, n) => {
    const attachment = `attachments:\n  - title: "Pełny tekst raportu"\n    file: /pliki/${documentName(n)}\n    format: pdf`;
    reports.set(name, reports.get(name)!.replace(/\n---\n/, `\n${attachment}\n---\n`));
  });
  return reports;
}

/** The build log's line on the attachments (src/integrations/finish-build.ts): files, pages, ms, how many from the cache. */
function extractionOf(lines: readonly LogLine[]): { files: number; pages: number; ms: number; cached: number } {
  const line = lines.map((l) => /Tekst załączników: (\d+) plik\S*, (\d+) stron\S*, (\d+) ms \(z pamięci podręcznej: (\d+)\)/.exec(l.text)).find(Boolean);
  if (!line) throw new Error(`Budowanie nie wypisało wiersza „Tekst załączników: …”:\n${lines.slice(-20).map((l) => l.text).join('\n')}`);
  return { files: Number(line[1]), pages: Number(line[2]), ms: Number(line[3]), cached: Number(line[4]) };
}

interface BuildRow {
  what: string;
  buildMs: number;
  extraction: ReturnType<typeof extractionOf>;
  indexMs: number;
  peakRss: number;
  load: string;
}

export async function benchDocuments(table: Table, options: { entries?: number; documents?: number; pages?: number } = {}): Promise<boolean> {
  const { entries = 10_000, documents = 1_000, pages = 20 } = options;
  console.log(`\n## Scale with documents: ${entries} entries, ${documents} of them with a PDF of ${pages} pages (issue 15)\n`);
  const site = await createFixtureSite(await archiveWithDocuments(entries, documents), `wspolnie-bench-documents-`);
  try {
    const generating = performance.now();
    await generate(join(site.root, 'public'), documents, pages);
    console.log(`Generated ${documents} PDFs in ${seconds(performance.now() - generating)} (not counted); load average ${load()}.`);
    // A cache of this copy's own: the project's node_modules/.cache may hold these very files from an earlier run.
    const env = { WSPOLNIE_ATTACHMENT_CACHE_DIR: join(site.root, '.attachment-cache') };
    const rows: BuildRow[] = [];
    for (const what of ['first build (empty cache)', 'rebuild, nothing changed']) {
      let samples: MemorySample[] = [];
      const stop = sampleMemory();
      const build = await buildAsNpmDoes(site.root, env).finally(async () => (samples = await stop()));
      rows.push({ what, buildMs: build.milliseconds, extraction: extractionOf(build.lines), indexMs: build.indexMilliseconds, peakRss: Math.max(0, ...samples.map((s) => s.bytes)), load: load() });
    }
    const index = await folderSize(join(site.dist, 'pagefind'));
    const query = await firstQuery(site);
    console.log(table(
      ['build', 'build + extraction + index', 'extraction', 'files read (from cache)', 'pages', 'index', 'peak memory', 'load (1/5/15 min)'],
      rows.map((r) => [r.what, seconds(r.buildMs), seconds(r.extraction.ms), `${r.extraction.files} (${r.extraction.cached})`, String(r.extraction.pages), seconds(r.indexMs), `${(r.peakRss / 1e9).toFixed(2)} GB`, r.load]),
    ));
    const [cold, warm] = [rows[0]!, rows[1]!];
    const ratio = warm.extraction.ms / cold.extraction.ms;
    const bytes = query.initBytes + query.queryBytes;
    const warmOk = ratio <= warmRatioBudget && warm.extraction.cached === warm.extraction.files;
    const queryOk = bytes <= firstQueryBudget && query.results > 0;
    const verdict = (met: boolean) => (met ? 'ok' : 'MISSED');
    console.log(
      `${verdict(warmOk)} rebuild extraction ${seconds(warm.extraction.ms)} = ${(ratio * 100).toFixed(2)} % of the first build's ${seconds(cold.extraction.ms)} (limit ${warmRatioBudget * 100} %, ratio ${(ratio / warmRatioBudget).toFixed(3)}; ${warm.extraction.cached} of ${warm.extraction.files} files from the cache)` +
        `; ${verdict(queryOk)} first search ${kB(bytes)} (limit ${kB(firstQueryBudget)}, ratio ${(bytes / firstQueryBudget).toFixed(2)}: ${Object.entries(query.byKind).map(([k, v]) => `${k} ${kB(v)}`).join(', ')}), ${query.results} results` +
        `; answered in ${Object.entries(query.answers).map(([q, ms]) => `"${q}" ${seconds(ms)}`).join(', ')}` +
        `; index ${MB(index.bytes)} in ${index.files} files; load average now ${load()}.`,
    );
    return warmOk && queryOk;
  } finally {
    await site.remove();
  }
}
