/**
 * `npm run ideas`: the grouping of ideas (issue 17, "Finding what repeats")
 * from the command line, with exactly the method and settings the panel
 * uses (src/ideas/group.ts, `groupingSettings`), so anyone can run it on
 * ideas of their own. Nothing is sent anywhere.
 *
 *   npm run ideas -- group <file>   one idea per line (UTF-8) in; for each line, in order, its group's label out
 *   npm run ideas -- --help
 *
 * Equal labels mean the same group; a label is the text of the group's most
 * central idea. A blank line is no idea: its output line is blank.
 * Exit status: 0 done, 2 the command could not run (bad arguments, a
 * missing or unreadable file, an empty file, a file that is not UTF-8) —
 * always with a Polish sentence on stderr, never a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { groupLabels } from '../src/ideas/group.ts';

const help = `Grupowanie pomysłów — które pomysły mówią to samo innymi słowami.

Użycie:
  npm run ideas -- group <plik>
      Czyta plik tekstowy (UTF-8), jeden pomysł w wierszu, i dla każdego
      wiersza, w tej samej kolejności, wypisuje jeden wiersz: etykietę jego
      grupy. Ta sama etykieta = ta sama grupa; etykietą jest treść
      pomysłu najbardziej typowego dla grupy. Pusty wiersz daje pusty
      wiersz. Metoda i ustawienia są te same co w panelu; nic nie jest
      wysyłane poza ten komputer.

  npm run ideas -- --help
`;

/** A failure the user can fix: its Polish message goes to stderr, exit status 2. */
class UsageError extends Error {}

/** The ideas of a file: UTF-8 (a BOM is dropped), split into lines (LF or CRLF), a final newline not counted as a line. */
async function readIdeas(path: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`Nie ma pliku „${path}”.`);
    if (code === 'EISDIR') throw new UsageError(`„${path}” jest katalogiem, a nie plikiem z pomysłami.`);
    throw new UsageError(`Nie można odczytać pliku „${path}” (${code ?? 'nieznany błąd'}).`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(`Plik „${path}” nie jest zapisany w UTF-8. Zapisz go jako UTF-8 i spróbuj ponownie.`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (!lines.some((line) => line.trim())) throw new UsageError(`Plik „${path}” jest pusty: nie ma w nim żadnego pomysłu.`);
  return lines;
}

/** Runs the command with `args` (without node and the script); returns the exit status. */
async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command) {
    process.stderr.write(`Podaj polecenie i plik: npm run ideas -- group <plik>\n\n${help}`);
    return 2;
  }
  if (command === '--help' || command === '-h') {
    process.stdout.write(help);
    return 0;
  }
  if (command !== 'group') throw new UsageError(`Nieznane polecenie „${command}”. Dostępne: group. Pomoc: npm run ideas -- --help`);
  if (rest.length !== 1) throw new UsageError('Podaj dokładnie jeden plik: npm run ideas -- group <plik>');
  const labels = groupLabels(await readIdeas(rest[0]!));
  process.stdout.write(labels.map((label) => `${label}\n`).join(''));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n` : `Grupowanie nie powiodło się: ${String((error as Error)?.message ?? error)}\n`);
  process.exitCode = 2;
}
