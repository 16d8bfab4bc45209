/**
 * Synthetic archive entries for the scale benchmark: valid per the report
 * schema, varied Polish text with every Polish letter, some about Łódź.
 * Deterministic (seeded), so two runs build the same site.
 *
 * `benchArchive` is what a bench builds: the project's own archive entries
 * (programmes refer to them: without them Astro logs "Invalid content
 * reference" for wspolne-projekty-2020's related reports) and generated
 * ones up to the size asked for.
 */
import { readdir, readFile } from 'node:fs/promises';
import { reportTypes } from '../src/data/reports.ts';
import { seededRandom } from '../tests/support/seeded-random.ts';

const places = ['Łódź', 'Kraków', 'Zabłocie', 'Podgórze', 'Nowa Huta', 'Bieżanów', 'Dębniki', 'Łagiewniki', 'Prądnik Biały', 'Grzegórzki', 'Krowodrza', 'Swoszowice', 'Wola Justowska', 'Kazimierz'];
const topics = ['budżet obywatelski', 'zieleń miejska', 'transport publiczny', 'konsultacje społeczne', 'inicjatywa lokalna', 'rewitalizacja', 'mieszkalnictwo', 'edukacja', 'kultura', 'bezpieczeństwo ruchu', 'jakość powietrza', 'przestrzeń publiczna', 'sport i rekreacja', 'seniorzy', 'młodzież'];
const titleHeads = ['Raport z konsultacji', 'Ekspertyza', 'Rekomendacje', 'Podsumowanie warsztatów', 'Badanie ewaluacyjne', 'Prezentacja wyników', 'Notatka ze spotkania', 'Analiza potrzeb'];
const sentences = [
  'Mieszkańcy zgłosili {n} uwag dotyczących tematu: {topic}.',
  'Spotkania odbyły się w dzielnicy {place}, a część rozmów prowadzono w internecie.',
  'Zespół ekspertów przeanalizował zebrane wnioski i przygotował propozycje zmian.',
  'Największe zainteresowanie budziły sprawy dotyczące tematu: {topic}.',
  'Uczestnicy podkreślali potrzebę lepszej informacji o terminach i miejscach spotkań.',
  'Wnioski przekazano właściwym jednostkom Urzędu Miasta Krakowa.',
  'Porównano doświadczenia Krakowa z praktykami innych miast, m.in. {place}.',
  'Zażółć gęślą jaźń — zdanie testowe zawiera wszystkie polskie litery.',
  'Dyżury konsultacyjne prowadzono w siedzibie przy ul. Zabłocie 22.',
  'Źródłem danych były ankiety, wywiady pogłębione oraz mapy potrzeb.',
  'Ośrodki kultury i biblioteki włączyły się w promocję działań.',
  'Łącznie w procesie wzięło udział {n} osób z różnych grup wiekowych.',
  'KOMUNIKAT: ŻÓŁTE ŚWIATŁA, ŹRÓDŁA ĆWICZEŃ, ŁĄKI I ZIELEŃ — PROSIMY O UWAGĘ.',
];
const areas = ['Budżet obywatelski', 'Konsultacje społeczne', 'Inicjatywa lokalna', 'Komunikacja z mieszkańcami', 'Współpraca z organizacjami'];
const recommendations = [
  'Wprowadzić roczny plan konsultacji i publikować go z wyprzedzeniem.',
  'Zapewnić tłumaczenie na polski język migowy podczas spotkań.',
  'Publikować raporty z konsultacji w ciągu 30 dni od ich zakończenia.',
  'Powołać dzielnicowych koordynatorów partycypacji.',
  'Udostępniać mapy potrzeb mieszkańców w otwartym formacie.',
];

const yaml = (value: string) => JSON.stringify(value);

/** `count` report files (name → markdown). `programmes` are ids some entries refer to. */
export function generateReports(count: number, programmes: readonly string[] = [], seed = 2020): Map<string, string> {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[next(list.length)]!;
  const fill = (sentence: string) =>
    sentence.replace('{n}', String(10 + next(990))).replace('{topic}', pick(topics)).replace('{place}', pick(places));
  const reports = new Map<string, string>();
  for (let i = 1; i <= count; i++) {
    // Every seventh entry is about Łódź, so "lodz" has something to find at every scale.
    const place = i % 7 === 0 ? 'Łódź' : pick(places);
    const topic = pick(topics);
    const title = `${pick(titleHeads)}: ${topic} — ${place} (${i})`;
    const year = 2005 + next(21);
    const date = `${year}-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`;
    const summary = `${fill(pick(sentences))} Dokument dotyczy tematu: ${topic}, obszar: ${place}.`;
    const recs = Array.from({ length: next(3) }, () => `  - area: ${yaml(pick(areas))}\n    text: ${yaml(pick(recommendations))}`);
    const programme = programmes.length && next(10) < 3 ? `programme: ${yaml(pick(programmes))}` : '';
    const body = Array.from({ length: 2 + next(3) }, () =>
      Array.from({ length: 2 + next(3) }, () => fill(pick(sentences))).join(' '),
    ).join('\n\n');
    const frontmatter = [
      `title: ${yaml(title)}`,
      `type: ${reportTypes.values[i % reportTypes.values.length]}`,
      `date: ${date}`,
      `summary: ${yaml(summary)}`,
      programme,
      recs.length ? `recommendations:\n${recs.join('\n')}` : '',
      `tags: [${yaml(topic)}]`,
    ].filter(Boolean);
    const markdown = `---\n${frontmatter.join('\n')}\n---\n\nW dokumencie opisano sprawy dzielnicy ${place}.\n\n${body}\n`;
    reports.set(`raport-${String(i).padStart(5, '0')}.md`, markdown);
  }
  return reports;
}

/**
 * `count` archive entries (file name → markdown): every entry of the
 * project's src/content/archiwum/ as it is, then generated ones
 * (`generateReports`, some referring to the project's programmes) for the
 * rest. `projectRoot` is the project's folder (a file URL or path ending
 * in "/"). Rejects when `count` is smaller than the project's own archive.
 */
export async function benchArchive(count: number, projectRoot: URL = new URL('../', import.meta.url)): Promise<Map<string, string>> {
  const archive = new URL('src/content/archiwum/', projectRoot);
  const own = (await readdir(archive)).filter((name) => /\.mdx?$/.test(name)).sort();
  if (count < own.length) throw new Error(`Archiwum projektu ma ${own.length} wpisów, więcej niż ${count}.`);
  const programmes = (await readdir(new URL('src/content/programy/', projectRoot))).filter((name) => /\.mdx?$/.test(name)).map((name) => name.replace(/\.mdx?$/, ''));
  const entries = new Map<string, string>();
  for (const name of own) entries.set(name, await readFile(new URL(name, archive), 'utf8'));
  for (const [name, markdown] of generateReports(count - own.length, programmes)) entries.set(name, markdown);
  return entries;
}
