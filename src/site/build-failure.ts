/**
 * Why `astro build` failed, in one Polish sentence for staff: which file,
 * which field (as the CMS labels it), what is wrong, what to do. Read from the
 * build's own output, so it needs no second validation pass and cannot
 * disagree with the build; the field labels and the wording of a field's
 * problem come from field-messages.ts, references to missing entries from
 * missing-references.ts, the result's shape from build-output.ts.
 *
 * Pure: no I/O, no clock. The output formats it reads are Astro 7.3's
 * (tests in build-failure.test.ts hold them to real captured outputs).
 */
import { isAbsolute, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { labelsAt, type Path } from '../cms/validate.ts';
import { plural } from '../lib/plural.ts';
import { collectionFolders } from '../schemas/index.ts';
import { DETAIL_MAX, excerpt, type BuildFailure } from './build-output.ts';
import { editorMessage, isCollection, schemas } from './field-messages.ts';
import { missingReferences } from './missing-references.ts';

/**
 * The explanation of a failed build's `output` (stdout and stderr as printed,
 * ANSI colours allowed); absolute paths in it are made relative to
 * `projectRoot`. Tried in turn: an entry the content schema refuses, front
 * matter that is not YAML, a page that threw, a project integration that
 * refused, a missing file src/site/build.ts reports, and anything else, which
 * still gets a Polish sentence and the last lines as detail. Never throws.
 */
export function explainBuildFailure(output: string, projectRoot: string): BuildFailure {
  const lines = stripVTControlCharacters(output).split(/\r?\n/);
  const fileOf = (absolute: string) => relativeFile(absolute, projectRoot);
  return entryRefused(lines, fileOf) ?? frontMatterBroken(lines, fileOf) ?? pageThrew(lines) ?? integrationRefused(lines) ?? folderIncomplete(lines) ?? anythingElse(lines, fileOf);
}

// (1) [InvalidContentEntryDataError] programmes → nowy data does not match collection schema.
function entryRefused(lines: string[], fileOf: (p: string) => string): BuildFailure | undefined {
  const start = lines.findIndex((l) => /\[InvalidContentEntryDataError\] \S+ → .+ data does not match collection schema\./.test(l));
  if (start < 0) return undefined;
  const [, collection = '', id = ''] = /\] (\S+) → (.+) data does not match/.exec(lines[start]!)!;
  const issues: { path: string; message: string }[] = [];
  let end = start + 1;
  for (; end < lines.length && !/^\s+(Hint|Error reference|Location|Stack trace):/.test(lines[end]!); end++) {
    const issue = issueLine(lines[end]!);
    if (issue) issues.push(issue);
    else if (lines[end]!.trim() && issues.length > 0) issues[issues.length - 1]!.message += `\n${lines[end]!.trim()}`;
  }
  const location = locationAfter(lines, end);
  const schema = isCollection(collection) ? schemas[collection] : undefined;
  const file = location ? fileOf(location.file) : isCollection(collection) ? `src/content/${collectionFolders[collection]}/${id}.md` : undefined;
  const problems = issues.map(({ path, message }) => {
    const keys: Path = path ? path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)) : [];
    const label = keys.length === 0 ? undefined : schema ? labelsAt(schema, keys).join(' › ') : path;
    return { label, message: schema ? editorMessage(message, schema, keys) : message };
  });
  const where = `Plik ${file ?? `${collection}/${id}`}`;
  const listed = problems.slice(0, 5).map((p) => (p.label ? `„${p.label}” (${p.message})` : `cały wpis (${p.message})`));
  const more = problems.length > 5 ? ` i jeszcze ${fieldCount(problems.length - 5)}` : '';
  const summary =
    problems.length === 1
      ? `${where}, ${problems[0]!.label ? `pole „${problems[0]!.label}”` : 'cały wpis'}: ${problems[0]!.message}; popraw to w panelu redakcji i zapisz wpis ponownie.`
      : `${where} ma błędy w polach: ${listed.join(', ')}${more}; popraw je w panelu redakcji i zapisz wpis ponownie.`;
  const field = problems[0]?.label;
  // Astro's hint and error reference are the same for every entry: the detail keeps the issues and the location.
  const detail = [excerpt(lines, start, end), location ? excerpt(lines, location.index - 1, location.index + 1) : ''].filter(Boolean).join('\n');
  return { ...(file ? { file } : {}), ...(field ? { field } : {}), summary, detail: detail.slice(0, DETAIL_MAX) };
}

const fieldCount = (n: number) => plural(n, 'pole', 'pola', 'pól');

/** "  title**: **title: Required" (Astro's own wording, bold markers half-eaten) or "  status: Nieprawidłowa opcja…". */
function issueLine(line: string): { path: string; message: string } | undefined {
  const doubled = /^ {2}([\w.$-]*)\*\*: \*\*\1: (.*)$/.exec(line);
  if (doubled) return { path: doubled[1]!, message: doubled[2]! };
  const plain = /^ {2}(?:\*\*\*\*|([\w$-][\w.$-]*)): (.*)$/.exec(line);
  return plain ? { path: plain[1] ?? '', message: plain[2]! } : undefined;
}

// (2) js-yaml's reason on one line, then "  Location:\n    <file>:<line>:<column>", then a stack through js-yaml.
const yamlReasons: [RegExp, string][] = [
  [/^duplicated mapping key/, 'to samo pole występuje dwa razy'],
  [/^unexpected end of the stream within a (double|single) quoted scalar/, 'cudzysłów otwarty w jednym z pól nie został zamknięty'],
  [/^tab characters must not be used in indentation/, 'wcięcie zrobiono tabulatorem, a wolno tylko spacjami'],
  [/^bad indentation of a mapping entry/, 'złe wcięcie albo dwukropek w wartości bez cudzysłowu'],
  [/^can not read a block mapping entry/, 'brak dwukropka po nazwie pola albo niezamknięty cudzysłów'],
  [/^missed comma between flow collection entries/, 'w liście w nawiasach kwadratowych brak przecinka albo nawiasu zamykającego'],
  [/^end of the stream or a document separator is expected/, 'tekst w miejscu, w którym powinno zaczynać się nowe pole'],
];

function frontMatterBroken(lines: string[], fileOf: (p: string) => string): BuildFailure | undefined {
  const at = lines.findIndex((l, i) => /^\s+Location:$/.test(l) && lines.slice(i + 2, i + 10).some((s) => /js-yaml|safeParseFrontmatter/.test(s)));
  const location = at < 1 ? undefined : locationAfter(lines, at);
  if (!location) return undefined;
  const reason = lines[at - 1]!.trim();
  const file = fileOf(location.file);
  const known = yamlReasons.find(([pattern]) => pattern.test(reason));
  // js-yaml counts from the line after the opening "---" from 0, so its number is the file's line minus one.
  // It is where the parser gave up, which can be below the mistake; an unclosed quote is noticed only at the end.
  const line = known?.[0].source.includes('quoted') ? '' : ` (błąd wykryto w wierszu ${location.line + 1})`;
  const summary = `Plik ${file}: nagłówek wpisu nie jest poprawnym YAML-em${line}: ${known?.[1] ?? `„${reason}”`}; otwórz plik, popraw zapis (panel redakcji zapisuje go poprawnie, więc błąd powstał przy ręcznej edycji) i zapisz ponownie.`;
  return { file, summary, detail: excerpt(lines, at - 1, at + 2) };
}

// (4) "[ERROR] [build] Caught error rendering /dane/zapisy.json: Error: <message>"
function pageThrew(lines: string[]): BuildFailure | undefined {
  const at = lines.findIndex((l) => /\[ERROR\] \[build\] Caught error rendering /.test(l));
  if (at < 0) return undefined;
  const [, route = '', name = '', message = ''] = /Caught error rendering (\S+): (?:(\w*Error): )?(.*)$/.exec(lines[at]!) ?? [];
  const detail = excerpt(lines, at, Math.min(lines.length, at + 6));
  // The project's own pages throw a plain Error with a Polish sentence; anything else is a bug in the code.
  if ((name === 'Error' || name === '') && /[ąćęłńóśźż]/i.test(message)) {
    const saysWhatToDo = /(?<!\p{L})(zmień|podaj|popraw|usuń|dodaj|wybierz|uzupełnij|ustaw|wpisz)(?!\p{L})/iu.test(message);
    const said = message.replace(/\.$/, '');
    return { summary: `Nie udało się zbudować strony ${route}: ${said}${saysWhatToDo ? '' : '; popraw treść, której to dotyczy, w panelu redakcji i zapisz ją ponownie'}.`, detail };
  }
  return withLikelyCause(lines, { summary: `Nie udało się zbudować strony ${route} z powodu błędu w kodzie strony, nie w treści wpisów; przekaż szczegóły poniżej administratorowi.`, detail });
}

/** A code error on a page that reads a missing entry is most likely that entry's fault: say which. */
function withLikelyCause(lines: string[], failure: BuildFailure): BuildFailure {
  const [reference] = missingReferences(lines.join('\n'));
  if (!reference) return failure;
  const { file, field } = reference;
  return { ...failure, ...(file ? { file } : {}), ...(field ? { field } : {}), summary: `${failure.summary} Prawdopodobna przyczyna: ${reference.summary}`, detail: `${reference.detail}\n${failure.detail}`.slice(0, DETAIL_MAX) };
}

// src/site/build.ts adds this line itself when astro build exits 0 but a file the server needs is missing.
function folderIncomplete(lines: string[]): BuildFailure | undefined {
  const at = lines.findIndex((l) => /^Budowanie zakończyło się, ale brak pliku .+\.$/.test(l.trim()));
  if (at < 0) return undefined;
  return { summary: `${lines[at]!.trim().replace(/\.$/, '')}; przekaż szczegóły poniżej administratorowi.`, detail: excerpt(lines, Math.max(0, at - 5), at + 1) };
}

// (3) References to entries that do not exist: missing-references.ts, used by withLikelyCause above.

// (4b) "[ERROR] [wspolnie:announcement-lock] An unhandled error occurred while running the "astro:build:done" hook",
// then the project's integration's own Polish sentences, one per line ("Plik src/content/…: …"), then its stack trace.
function integrationRefused(lines: string[]): BuildFailure | undefined {
  const at = lines.findIndex((l) => /\[ERROR\] \[wspolnie:[\w-]+\] An unhandled error occurred while running the "astro:[\w:]+" hook/.test(l));
  if (at < 0) return undefined;
  const said: string[] = [];
  for (let i = at + 1; i < lines.length && !/^\s+(Stack trace|Hint|Location):/.test(lines[i]!); i++) if (lines[i]!.trim()) said.push(lines[i]!.trim());
  if (!said.some((l) => /[ąćęłńóśźż]/i.test(l))) return undefined;
  const file = /^Plik (src\/content\/\S+?):/.exec(said[0] ?? '')?.[1];
  const field = /pole „([^”]+)”/.exec(said[0] ?? '')?.[1];
  return { ...(file ? { file } : {}), ...(field ? { field } : {}), summary: said.join(' '), detail: excerpt(lines, at, at + 1 + said.length) };
}

// (5) Anything else: point at a file if the output names one, and at the detail.
function anythingElse(lines: string[], fileOf: (p: string) => string): BuildFailure {
  const errorAt = lines.findIndex((l) => /^\[\w*Error\]|\[ERROR\]|^\w*Error: /.test(l));
  const locationAt = lines.findIndex((l, i) => i >= errorAt && /^\s+Location:$/.test(l));
  const location = locationAt < 0 ? undefined : locationAfter(lines, locationAt);
  const file = location ? fileOf(location.file) : undefined;
  const start = errorAt >= 0 ? errorAt : Math.max(0, lines.length - 30);
  const summary = file
    ? file.startsWith('src/content/')
      ? `Nie udało się przetworzyć pliku ${file}; otwórz ten wpis w panelu redakcji, sprawdź ostatnie zmiany i zapisz go ponownie, a jeśli to nie pomoże, przekaż szczegóły poniżej administratorowi.`
      : `Nie udało się zbudować strony z powodu błędu w pliku ${file} (kod strony, nie treść wpisów); przekaż szczegóły poniżej administratorowi.`
    : 'Nie udało się zbudować strony z powodu, którego nie da się przypisać żadnemu wpisowi; przekaż szczegóły poniżej administratorowi.';
  const failure = { ...(file ? { file } : {}), summary, detail: excerpt(lines, start, lines.length) };
  return file ? failure : withLikelyCause(lines, failure);
}

/** "  Location:" at `from` or a few lines below (past Astro's hint), then "    /abs/file.md:2:13". */
function locationAfter(lines: string[], from: number): { file: string; line: number; index: number } | undefined {
  const at = lines.findIndex((l, i) => i >= from && i < from + 6 && /^\s+Location:$/.test(l));
  const m = at < 0 ? null : /^\s+(.+?):(\d+):(\d+)$/.exec(lines[at + 1] ?? '');
  return m ? { file: m[1]!, line: Number(m[2]), index: at + 1 } : undefined;
}

function relativeFile(file: string, projectRoot: string): string {
  const path = file.replace(/^file:\/\//, '');
  const inside = relative(projectRoot, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split('\\').join('/') : path;
}
