/**
 * `npm run draw`: the lottery from the command line, for anyone who wants to
 * check a draw without the website, and for self-hosted installations.
 *
 *   npm run draw -- verify <protocol file or URL> [--sha256 <hex>] [--ogloszenie <hex>] [--source <n>=<value>]…
 *   npm run draw -- order --key "<key string>" --pool <file: one code per line, in pool order>
 *   npm run draw -- stratified --key "<key string>" --pool <file: code<TAB>values> --quotas <JSON file>
 *   npm run draw -- run <programme> --staff <address> --value "<value of source 1>" [--value …]
 *   npm run draw -- --help
 *
 * Exit status: 0 the protocol matches (or the order was printed), 1 it does
 * not (each finding printed), 2 the command could not run (bad arguments, a
 * missing file, a download that failed, a --source or --value that cannot
 * be read one way, e.g. `2345,67`) — always with a Polish sentence, never a
 * stack trace.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DrawInputError } from '../src/draw/errors.ts';
import { readPoolLines } from '../src/draw/pool.ts';
import { drawOrder } from '../src/draw/rfc3797.ts';
import { verifyProtocolText } from '../src/draw/verify.ts';

const help = `Losowanie miejsc (RFC 3797) — sprawdzanie protokołu i przeliczanie kolejności.

Użycie:
  npm run draw -- verify <plik lub adres URL protokołu> [opcje]
      Przelicza losowanie z opublikowanego protokołu (JSON) i mówi, czy wynik
      się zgadza. Opcje:
        --sha256 <skrót>        skrót puli opublikowany przy zamknięciu zapisów
        --ogloszenie <skrót>    skrót ogłoszenia losowania ze strony programu
        --source <n>=<wartość>  wartość źródła nr n sprawdzona samodzielnie,
                                np. --source 1="3 7 19 28 33 41" (można powtarzać)

  npm run draw -- order --key "<klucz>" --pool <plik>
      Porządkuje pulę algorytmem RFC 3797 i wypisuje kody w wylosowanej
      kolejności, po jednym w wierszu. Plik puli: jeden kod w wierszu,
      w kolejności puli (pozycja 1 to pierwszy wiersz).

  npm run draw -- stratified --key "<klucz>" --pool <plik> --quotas <plik>
      Losowanie z kwotami (np. dzielnica i grupa wiekowa): wypisuje przyjęte
      kody w kolejności, wiersz „--”, potem listę rezerwową w kolejności.
      Plik puli: w każdym wierszu kod, tabulator i wartość kategorii 1
      (oraz tabulator i wartość kategorii 2), w kolejności puli. Plik kwot
      (JSON): {"capacity": 60, "categories": [{"name": "dzielnica",
      "values": {"I": {"min": 2, "max": 5}}}]}; wartość pominięta w kwotach
      ma minimum 0 i maksimum równe liczbie miejsc. Grupy dzielnic:
      "groups": {"Nowa Huta": ["XIV", "XV"]} w kategorii, a kwota grupy
      w "values" pod jej nazwą; wartość z grupy w pliku puli liczy się jako
      grupa.

  npm run draw -- run <program> --staff <adres> --value "<wartość źródła 1>" [--value …]
      Przeprowadza losowanie programu (instalacje własne, bez panelu): raz,
      z zapisem w dzienniku działań. Wartości podaj w kolejności ogłoszonych
      źródeł. Używa tej samej bazy co npm start (przy PGlite zatrzymaj
      najpierw serwer) i strony, którą ostatnio zbudował npm start
      (albo npm run build, w dist/).

  npm run draw -- --help
      Ta pomoc.

Kod wyjścia: 0 — zgodny (albo kolejność wypisana), 1 — niezgodny,
2 — polecenia nie dało się wykonać (np. brak pliku, zły adres, wartość
źródła, którą można odczytać dwojako, jak „2345,67”).
`;

class UsageError extends Error {}

const downloadTimeoutMs = 20_000;

async function readSource(location: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new UsageError(`„${location}” nie jest poprawnym adresem URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`Adres „${location}” musi zaczynać się od https:// albo http://.`);
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(downloadTimeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new UsageError(timedOut ? `Serwer ${url.host} nie odpowiedział w ciągu ${downloadTimeoutMs / 1000} s.` : `Nie udało się połączyć z ${url.host}: sprawdź adres i połączenie z siecią.`);
    }
    if (!response.ok) throw new UsageError(`Serwer ${url.host} odpowiedział kodem ${response.status} — pod adresem ${url.href} nie ma protokołu.`);
    return response.text();
  }
  try {
    return await readFile(location, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`Nie ma pliku „${location}”.`);
    if (code === 'EISDIR') throw new UsageError(`„${location}” to katalog, a nie plik.`);
    if (code === 'EACCES') throw new UsageError(`Brak uprawnień do odczytu pliku „${location}”.`);
    throw new UsageError(`Nie udało się odczytać pliku „${location}”.`);
  }
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        key: { type: 'string' },
        pool: { type: 'string' },
        quotas: { type: 'string' },
        sha256: { type: 'string' },
        ogloszenie: { type: 'string' },
        source: { type: 'string', multiple: true },
        staff: { type: 'string' },
        value: { type: 'string', multiple: true },
      },
    });
  } catch (error) {
    const option = /'(-[^' ]+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`Opcja ${option ?? ''} wymaga wartości.`);
    throw new UsageError(option ? `Nieznana opcja ${option}. Zobacz: npm run draw -- --help` : 'Nieprawidłowe argumenty. Zobacz: npm run draw -- --help');
  }
}

function sourceValues(entries: string[] = []): (string | undefined)[] {
  const values: (string | undefined)[] = [];
  for (const entry of entries) {
    const match = /^(\d+)=(.*)$/s.exec(entry);
    if (!match || Number(match[1]) < 1) throw new UsageError(`--source oczekuje postaci <numer źródła>=<wartość>, np. --source 1="3 7 19 28 33 41"; otrzymano „${entry}”.`);
    values[Number(match[1]) - 1] = match[2];
  }
  return values;
}

async function verify(location: string | undefined, options: { sha256?: string; ogloszenie?: string; source?: string[] }): Promise<number> {
  if (!location) throw new UsageError('Podaj plik albo adres URL protokołu: npm run draw -- verify <plik lub URL>');
  const expected = {
    sourceValues: sourceValues(options.source),
    ...(options.sha256 ? { poolSha256: options.sha256 } : {}),
    ...(options.ogloszenie ? { announcementSha256: options.ogloszenie } : {}),
  };
  const result = verifyProtocolText(await readSource(location), expected);
  // A value the person typed that cannot be read one way is their input to fix (exit 2), not a verdict on the protocol.
  if (result.inputErrors.length > 0) throw new UsageError([result.summary, ...result.inputErrors.map((e) => `  ✗ ${e}`)].join('\n'));
  const lines = [result.summary, ...result.findings.map((f) => `  ✗ ${f}`)];
  if (result.ok) lines.push(...result.reminders.map((r) => `  • ${r}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return result.ok ? 0 : 1;
}

async function order(key: string | undefined, poolFile: string | undefined): Promise<number> {
  if (key === undefined || poolFile === undefined) throw new UsageError('Podaj klucz i plik puli: npm run draw -- order --key "<klucz>" --pool <plik>');
  const pool = readPoolLines(await readSource(poolFile));
  if (pool.length === 0) throw new UsageError(`Plik „${poolFile}” nie zawiera żadnego kodu.`);
  const seen = new Set<string>();
  for (const code of pool) {
    if (seen.has(code)) throw new UsageError(`Kod „${code}” występuje w pliku puli więcej niż raz.`);
    seen.add(code);
  }
  process.stdout.write(`${drawOrder(pool, key).join('\n')}\n`);
  return 0;
}

async function stratified(key: string | undefined, poolFile: string | undefined, quotasFile: string | undefined): Promise<number> {
  if (key === undefined || poolFile === undefined || quotasFile === undefined) throw new UsageError('Podaj klucz, plik puli i plik kwot: npm run draw -- stratified --key "<klucz>" --pool <plik> --quotas <plik>');
  const { stratifiedCommand } = await import('../src/draw/stratified-command.ts');
  const output = stratifiedCommand(key, await readSource(poolFile), await readSource(quotasFile));
  if (output.notes.length > 0) process.stderr.write(`${output.notes.join('\n')}\n`);
  process.stdout.write(output.stdout);
  return 0;
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [command, ...rest] = positionals;
  if (values.help || command === 'pomoc' || command === 'help') {
    process.stdout.write(help);
    return 0;
  }
  if (command === undefined) {
    process.stderr.write(`Podaj polecenie.\n\n${help}`);
    return 2;
  }
  if (command === 'verify') {
    if (rest.length > 1) throw new UsageError('Polecenie verify przyjmuje jeden protokół naraz.');
    return verify(rest[0], values);
  }
  if (command === 'order') {
    if (rest.length > 0) throw new UsageError(`Nieoczekiwany argument „${rest[0]}”. Zobacz: npm run draw -- --help`);
    return order(values.key, values.pool);
  }
  if (command === 'stratified') {
    if (rest.length > 0) throw new UsageError(`Nieoczekiwany argument „${rest[0]}”. Zobacz: npm run draw -- --help`);
    return stratified(values.key, values.pool, values.quotas);
  }
  if (command === 'run') {
    if (rest.length !== 1) throw new UsageError('Podaj jeden program: npm run draw -- run <program> --staff <adres> --value "…"');
    if (!values.staff) throw new UsageError('Podaj swój adres z listy pracowników: --staff <adres>.');
    const { drawFromCommandLine } = await import('../src/lottery/command-line.ts');
    const { dataPaths } = await import('../src/lib/data-dir.ts');
    const { publishedSiteDir } = await import('../src/site/generations.ts');
    // The site npm start built last (<data>/site/current), else the one `npm run build` wrote.
    const siteDir = process.env['WSPOLNIE_SITE_DIR'] ?? (await publishedSiteDir(dataPaths(process.env).site)) ?? fileURLToPath(new URL('../dist/', import.meta.url));
    const result = await drawFromCommandLine({ programme: rest[0]!, staffEmail: values.staff, values: values.value ?? [], env: process.env, siteDir });
    (result.status === 0 ? process.stdout : process.stderr).write(`${result.lines.join('\n')}\n`);
    return result.status;
  }
  throw new UsageError(`Nieznane polecenie „${command}”: dostępne są verify, order, stratified i run. Zobacz: npm run draw -- --help`);
}

/** Settings and a held or old-layout data folder are the operator's to fix, and their messages are ours, in Polish. */
const isOperatorError = (error: unknown) => error instanceof Error && (error.name === 'ConfigurationError' || error.name === 'DataDirLockedError' || error.name === 'DataDirLayoutError');

// A closed pipe (`… | head`) is not an error worth a trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof DrawInputError || isOperatorError(error)) process.stderr.write(`Błąd: ${(error as Error).message}\n`);
  else process.stderr.write(`Błąd: nieoczekiwany problem (${error instanceof Error ? error.name : 'nieznany'}). Zgłoś go opiekunom portalu.\n`);
  process.exitCode = 2;
}
