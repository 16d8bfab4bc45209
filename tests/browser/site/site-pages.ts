import { readFileSync, readdirSync } from 'node:fs';

const dist = new URL('../../../dist/', import.meta.url);

/** Every page path the build listed in its sitemap, e.g. "/programy/". */
export function sitemapPaths(): string[] {
  const files = readdirSync(dist).filter((f) => /^sitemap-\d+\.xml$/.test(f));
  if (files.length === 0) throw new Error('Brak dist/sitemap-*.xml: zbuduj stronę (npm run build) przed testami przeglądarkowymi.');
  const paths = files.flatMap((f) =>
    [...readFileSync(new URL(f, dist), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname),
  );
  return [...new Set(paths)].sort();
}

/** The three COVID-cancelled workshops of Wspólne Projekty Miejskie 2020, by their Polish start date. */
export const cancelledWorkshops = [
  { day: '28 marca 2020', time: '10:00–14:00', title: /Warsztat I\b/ },
  { day: '4 kwietnia 2020', time: '10:00–14:00', title: /Warsztat II\b/ },
  { day: '21 kwietnia 2020', time: '17:00–20:00', title: /Warsztat III\b/ },
];
export const wpmProgramme = '/programy/wspolne-projekty-miejskie-2020/';
