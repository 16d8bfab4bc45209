import { describe, expect, it } from 'vitest';
import { explainBuildFailure } from './build-failure.ts';
import { missingReferences } from './missing-references.ts';

// Every output below was produced by a real `astro build` (Astro 7.3.5, Node 24) of a
// throw-away copy of this project with one entry broken; only the copy's folder was
// renamed to /srv/wspolnie, and the page-by-page progress lines and most stack frames were cut.
const root = '/srv/wspolnie';

const refused = (entry: string, issues: string, file = 'programy/nowy.md') => `13:25:53 [wspolnie:decap] Panel redakcji (/admin/): konfiguracja i skrypt gotowe w 105 ms
13:25:54 [content] Syncing content
[InvalidContentEntryDataError] ${entry} data does not match collection schema.

${issues}

  Hint:
    See https://docs.astro.build/en/guides/content-collections/ for more information on content schemas.
  Error reference:
    https://docs.astro.build/en/reference/errors/invalid-content-entry-data-error/
  Location:
    /srv/wspolnie/src/content/${file}:0:0
  Stack trace:
    at getEntryData (/srv/wspolnie/node_modules/astro/dist/content/utils.js:126:9)
    at async eval (/srv/wspolnie/node_modules/astro/dist/content/loaders/glob.js:224:13)
`;

describe('an entry the content schema refuses', () => {
  it('names the file and the missing field by its CMS label, with ANSI colours stripped', () => {
    // FORCE_COLOR=1: what a child that inherits colours prints.
    const output =
      '\u001b[2m13:25:13\u001b[22m \u001b[34m[content]\u001b[39m Syncing content\n' +
      '\u001b[31m[InvalidContentEntryDataError]\u001b[39m \u001b[1mprogrammes → wspolne-projekty-dzielnicowe-2020\u001b[22m data does not match collection schema.\n\n' +
      '  \u001b[1mtitle**: **title\u001b[22m: Required\n\n' +
      '  \u001b[1mHint:\u001b[22m\n\u001b[33m    See \u001b[4mhttps://docs.astro.build/en/guides/content-collections/\u001b[24m for more information on content schemas.\u001b[39m\n' +
      '  \u001b[1mLocation:\u001b[22m\n    \u001b[4m/srv/wspolnie/src/content/programy/wspolne-projekty-dzielnicowe-2020.md:0:0\u001b[24m\n' +
      '  \u001b[1mStack trace:\u001b[22m\n';
    const failure = explainBuildFailure(output, root);
    expect(failure).toMatchObject({ file: 'src/content/programy/wspolne-projekty-dzielnicowe-2020.md', field: 'Tytuł' });
    expect(failure.summary).toBe(
      'Plik src/content/programy/wspolne-projekty-dzielnicowe-2020.md, pole „Tytuł”: to pole jest wymagane; popraw to w panelu redakcji i zapisz wpis ponownie.',
    );
    expect(failure.detail).not.toMatch(/\u001b/);
    expect(failure.detail).toContain('title**: **title: Required');
  });

  it("keeps the project's own refine() message and labels the nested field", () => {
    const failure = explainBuildFailure(
      refused('programmes → nowy', '  enrolment.drawSources: Przy losowaniu podaj przed końcem naboru źródła losowości i datę losowania — bez nich nikt nie sprawdzi, że wyniku nie dobrano.'),
      root,
    );
    expect(failure.field).toBe('Zapisy › Źródła losowości (dla losowania)');
    expect(failure.summary).toBe(
      'Plik src/content/programy/nowy.md, pole „Zapisy › Źródła losowości (dla losowania)”: przy losowaniu podaj przed końcem naboru źródła losowości i datę losowania — bez nich nikt nie sprawdzi, że wyniku nie dobrano; popraw to w panelu redakcji i zapisz wpis ponownie.',
    );
    expect(failure.detail).toBe(
      '[InvalidContentEntryDataError] programmes → nowy data does not match collection schema.\n' +
        '  enrolment.drawSources: Przy losowaniu podaj przed końcem naboru źródła losowości i datę losowania — bez nich nikt nie sprawdzi, że wyniku nie dobrano.\n' +
        '  Location:\n    /srv/wspolnie/src/content/programy/nowy.md:0:0',
    );
  });

  it('lists several problems in one sentence: a missing field, an enum value not allowed (with its Polish options), a refine()', () => {
    const failure = explainBuildFailure(
      refused(
        'programmes → nowy',
        `  title**: **title: Required
  status: Nieprawidłowa opcja: oczekiwano jednej z wartości "announced"|"enrolment"|"ongoing"|"changed"|"cancelled"|"completed"
  enrolment.closes: Koniec naboru musi być później niż jego początek.`,
      ),
      root,
    );
    expect(failure.field).toBe('Tytuł');
    expect(failure.summary).toBe(
      'Plik src/content/programy/nowy.md ma błędy w polach: „Tytuł” (to pole jest wymagane), ' +
        '„Status” (wybierz jedną z opcji: „Zapowiedziany”, „Trwa nabór”, „W trakcie”, „Zmieniona formuła”, „Odwołany”, „Zakończony”), ' +
        '„Zapisy › Koniec naboru” (koniec naboru musi być później niż jego początek); popraw je w panelu redakcji i zapisz wpis ponownie.',
    );
  });

  it('says wrong types, list items, limits and formats the way the CMS would', () => {
    const failure = explainBuildFailure(
      refused(
        'programmes → nowy',
        `  title: Za mała wartość: oczekiwano, że string będzie mieć >=1 znaków
  year**: **year: Expected type \`"number"\`, received \`"string"\`
  organisers.0.name**: **organisers.0.name: Required
  enrolment.capacity: Zbyt mał(y/a/e): oczekiwano, że number będzie wynosić >0
  enrolment.fields.0: Nieprawidłowa opcja: oczekiwano jednej z wartości "name"|"district"|"phone"|"age-band"|"organisation"|"message"
  enrolment.opens**: **enrolment.opens: Did not match union.
> Expected type \`"date"\`, received \`"number"\`
  sourceUrl: Nieprawidłow(y/a/e) URL`,
      ),
      root,
    );
    expect(failure.summary).toBe(
      'Plik src/content/programy/nowy.md ma błędy w polach: „Tytuł” (to pole nie może być puste), „Rok” (tu trzeba podać liczbę, a jest tekst), ' +
        '„Organizatorzy (poz. 1) › Nazwa” (to pole jest wymagane), „Zapisy › Liczba miejsc” (wartość musi wynosić więcej niż 0), ' +
        '„Zapisy › Pola formularza (poz. 1)” (wybierz jedną z opcji: „Imię i nazwisko”, „Dzielnica”, „Telefon”, „Przedział wieku”, „Organizacja”, „Wiadomość (tekst dowolny)”) ' +
        'i jeszcze 2 pola; popraw je w panelu redakcji i zapisz wpis ponownie.',
    );
    // The instant's own format message, read from src/schemas/common.ts, and not Astro's "Did not match union".
    const opens = explainBuildFailure(refused('programmes → nowy', '  enrolment.opens**: **enrolment.opens: Did not match union.\n> Expected type `"date"`, received `"number"`'), root);
    expect(opens.summary).toContain('pole „Zapisy › Początek naboru”: podaj datę i godzinę z przesunięciem strefy, np. 2020-03-28T10:00:00+01:00;');
  });

  it('labels a field by the collection it is in (an event here)', () => {
    const failure = explainBuildFailure(
      refused('events → wpm-2020-warsztat-2', '  statusReason: Podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego.', 'wydarzenia/wpm-2020-warsztat-2.md'),
      root,
    );
    expect(failure).toMatchObject({ file: 'src/content/wydarzenia/wpm-2020-warsztat-2.md', field: 'Powód zmiany' });
    expect(failure.summary).toContain('pole „Powód zmiany”: podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego;');
  });
});

describe('front matter that is not valid YAML', () => {
  const yaml = (reason: string, at: string) => `13:26:04 [content] Syncing content
${reason}
  Location:
    /srv/wspolnie/src/content/programy/nowy.md:${at}
  Stack trace:
    at generateError (file:///srv/wspolnie/node_modules/js-yaml/dist/js-yaml.mjs:1140:12)
    at readBlockMapping (file:///srv/wspolnie/node_modules/js-yaml/dist/js-yaml.mjs:1927:9)
    at safeParseFrontmatter (/srv/wspolnie/node_modules/astro/dist/content/utils.js:299:12)
`;

  it("names the file and the line (js-yaml's count is the file's line minus one)", () => {
    const failure = explainBuildFailure(yaml('bad indentation of a mapping entry', '2:13'), root);
    expect(failure.file).toBe('src/content/programy/nowy.md');
    expect(failure.field).toBeUndefined();
    expect(failure.summary).toBe(
      'Plik src/content/programy/nowy.md: nagłówek wpisu nie jest poprawnym YAML-em (błąd wykryto w wierszu 3): złe wcięcie albo dwukropek w wartości bez cudzysłowu; ' +
        'otwórz plik, popraw zapis (panel redakcji zapisuje go poprawnie, więc błąd powstał przy ręcznej edycji) i zapisz ponownie.',
    );
    expect(failure.detail).toBe('bad indentation of a mapping entry\n  Location:\n    /srv/wspolnie/src/content/programy/nowy.md:2:13');
  });

  it('gives no line for an unclosed quote, which js-yaml only notices at the end', () => {
    const failure = explainBuildFailure(yaml('unexpected end of the stream within a double quoted scalar', '15:0'), root);
    expect(failure.summary).toContain('nie jest poprawnym YAML-em: cudzysłów otwarty w jednym z pól nie został zamknięty;');
  });

  it('quotes a reason it has no Polish for', () => {
    expect(explainBuildFailure(yaml('some new js-yaml reason', '4:0'), root).summary).toContain('(błąd wykryto w wierszu 5): „some new js-yaml reason”;');
  });
});

const threw = (route: string, error: string) => `13:26:33   ├─ /dane/wydarzenia.json (+5ms) 
13:26:33   ├─ ${route}13:26:33 [ERROR] ${error}
    at Module.GET (file:///srv/wspolnie/.astro/.prerender/chunks/zapisy_DHNwp_cF.mjs:32:30)
13:26:33 [ERROR] [build] Caught error rendering ${route}: ${error}
${error.replace(/^\w*Error: /, '')}
  Stack trace:
    at Module.GET (file:///srv/wspolnie/.astro/.prerender/chunks/zapisy_DHNwp_cF.mjs:32:30)
    at async handlePages (file:///srv/wspolnie/.astro/.prerender/prerender-entry.ByMmoIqr.mjs:3104:15)
`;

describe("a throw from the project's own pages", () => {
  it('quotes the Polish message, which already says what to do', () => {
    const failure = explainBuildFailure(
      threw('/dane/zapisy.json', 'Error: Program i konsultacje z formularzem mają ten sam identyfikator (nowy): zmień nazwę pliku jednego z nich, bo formularze by się myliły.'),
      root,
    );
    expect(failure.summary).toBe(
      'Nie udało się zbudować strony /dane/zapisy.json: Program i konsultacje z formularzem mają ten sam identyfikator (nowy): zmień nazwę pliku jednego z nich, bo formularze by się myliły.',
    );
    expect(failure.detail.split('\n')[0]).toMatch(/Caught error rendering \/dane\/zapisy\.json/);
  });

  it('adds what to do when the message does not say it', () => {
    const failure = explainBuildFailure(threw('/deklaracja-dostepnosci', 'Error: Brak deklaracji dostępności w src/content/strony/.'), root);
    expect(failure.summary).toBe(
      'Nie udało się zbudować strony /deklaracja-dostepnosci: Brak deklaracji dostępności w src/content/strony/; popraw treść, której to dotyczy, w panelu redakcji i zapisz ją ponownie.',
    );
  });

  it('calls an English TypeError a bug in the code, not in the content', () => {
    const failure = explainBuildFailure(threw('/zepsuta', "TypeError: Cannot read properties of undefined (reading 'y')"), root);
    expect(failure.summary).toBe('Nie udało się zbudować strony /zepsuta z powodu błędu w kodzie strony, nie w treści wpisów; przekaż szczegóły poniżej administratorowi.');
  });
});

describe('a reference to an entry that does not exist', () => {
  // Astro 7 builds anyway: it warns while writing the page that reads the reference, and the page leaves the link out.
  // The two warnings come from two builds (an event's programme, a programme's report), put in one output.
  const warned = `13:26:09   ├─ /wydarzenia/dyzur-telefoniczny-2025-11-21/index.html (+1ms) 
13:26:09   ├─ /wydarzenia/wpm-2020-warsztat-1/index.html13:26:09 [WARN] [content] Entry programmes → nie-ma-takiego was not found.
 (+1ms) 
13:26:09   ├─ /programy/nowy/index.html13:26:12 [WARN] [content] Entry reports → brak-raportu was not found.
 (+3ms) 
13:26:09 [build] 44 page(s) built in 2.29s
13:26:09 [build] Complete!
`;

  it('is explained from the warnings of a build that succeeded: file, field and the missing id', () => {
    const [event, programme, ...rest] = missingReferences(warned);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ file: 'src/content/wydarzenia/wpm-2020-warsztat-1.md', field: 'Program' });
    expect(event!.summary).toBe(
      'Strona /wydarzenia/wpm-2020-warsztat-1/ odwołuje się do programu „nie-ma-takiego”, którego nie ma (plik src/content/wydarzenia/wpm-2020-warsztat-1.md, pole „Program”); ' +
        'wybierz w tym polu istniejący wpis albo przywróć usunięty, bo do tego czasu strona pomija to powiązanie.',
    );
    expect(programme).toMatchObject({ file: 'src/content/programy/nowy.md', field: 'Powiązane dokumenty' });
  });

  // Composed: no page of the project fails on a missing entry today; a future one that did would look like this.
  it('is named as the likely cause when a page then fails with a code error', () => {
    const failure = explainBuildFailure(warned.split('13:26:09 [build]')[0] + threw('/wydarzenia/wpm-2020-warsztat-1/', "TypeError: Cannot read properties of undefined (reading 'data')"), root);
    expect(failure).toMatchObject({ file: 'src/content/wydarzenia/wpm-2020-warsztat-1.md', field: 'Program' });
    expect(failure.summary).toMatch(/z powodu błędu w kodzie strony.* Prawdopodobna przyczyna: Strona \/wydarzenia\/wpm-2020-warsztat-1\/ odwołuje się do programu „nie-ma-takiego”/);
  });

  it('finds nothing in a clean build', () => {
    expect(missingReferences('13:25:08 [build] 43 page(s) built in 2.73s\n13:25:08 [build] Complete!\n')).toEqual([]);
  });
});

describe('anything else', () => {
  it('points at a code file the output names, and at the detail', () => {
    const output = `13:27:16 [build] Building static entrypoints...
13:27:16 [ERROR] [vite] ✗ Build failed in 372ms
[CompilerError] Invalid Unicode escape sequence
  Location:
    /srv/wspolnie/src/pages/zepsuta.astro:1:4
  Stack trace:
    at handleCompileResultErrors (file:///srv/wspolnie/node_modules/astro/dist/core/compile/compile.js:73:11)
`;
    const failure = explainBuildFailure(output, root);
    expect(failure.file).toBe('src/pages/zepsuta.astro');
    expect(failure.summary).toBe('Nie udało się zbudować strony z powodu błędu w pliku src/pages/zepsuta.astro (kod strony, nie treść wpisów); przekaż szczegóły poniżej administratorowi.');
    expect(failure.detail).toMatch(/^13:27:16 \[ERROR\] \[vite\] ✗ Build failed in 372ms\n\[CompilerError\] Invalid Unicode escape sequence/);
  });

  it('repeats the line src/site/build.ts adds when a required file is missing', () => {
    const failure = explainBuildFailure('13:25:08 [build] Complete!\n\nBudowanie zakończyło się, ale brak pliku dane/zapisy.json.', root);
    expect(failure.summary).toBe('Budowanie zakończyło się, ale brak pliku dane/zapisy.json; przekaż szczegóły poniżej administratorowi.');
  });

  it('has a Polish sentence for output it cannot read, and keeps the end of it within 2,000 characters', () => {
    const output = `${'13:25:07 [build] a line of progress\n'.repeat(200)}\nspawn /srv/wspolnie/node_modules/.bin/node ENOENT`;
    const failure = explainBuildFailure(output, root);
    expect(failure.file).toBeUndefined();
    expect(failure.summary).toBe('Nie udało się zbudować strony z powodu, którego nie da się przypisać żadnemu wpisowi; przekaż szczegóły poniżej administratorowi.');
    expect(failure.detail.length).toBeLessThanOrEqual(2000);
    expect(failure.detail).toContain('ENOENT');
  });
});

describe('limits and counts in the right plural form', () => {
  it.each([
    [2, '2 znaki', '2 pozycje', '2 pola'], [4, '4 znaki', '4 pozycje', '4 pola'], [5, '5 znaków', '5 pozycji', '5 pól'],
    [12, '12 znaków', '12 pozycji', '12 pól'], [14, '14 znaków', '14 pozycji', '14 pól'], [22, '22 znaki', '22 pozycje', '22 pola'],
  ])('%i', (n, characters, items, fields) => {
    const extra = Array.from({ length: n }, (_, i) => `  organisers.${i}.name**: **organisers.${i}.name: Required`).join('\n');
    const failure = explainBuildFailure(
      refused('programmes → nowy', `  title: Za mała wartość: oczekiwano, że string będzie mieć >=${n} znaków
  organisers: Za duża wartość: oczekiwano, że array będzie mieć <=${n} elementów
  tags: Za mała wartość: oczekiwano, że array będzie mieć >=${n} elementów
  summary: Za duża wartość: oczekiwano, że string będzie mieć <=${n} znaków
  year**: **year: Required
${extra}`),
      root,
    );
    expect(failure.summary).toContain(`„Tytuł” (wpisz co najmniej ${characters})`);
    expect(failure.summary).toContain(`(lista może mieć najwyżej ${items})`);
    expect(failure.summary).toContain(` i jeszcze ${fields}; popraw je`);
  });
});
