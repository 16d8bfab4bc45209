/**
 * The public results page of a lottery, server-rendered so it reads without
 * JavaScript and always shows the current standing: the procedure, the
 * sources announced in advance, the frozen pool with its SHA-256, the
 * protocol, every code in drawn order with where it stands now — one page
 * of `pageSize` codes at a time, with numbered page links (issue 13: a
 * 50,000-code pool is 200 pages of a few tens of kB, not one of 6 MB) — a
 * lookup by code that shows that code's row alone, and the in-browser
 * verifier (an external script; the page has no inline script or style, so
 * the site's CSP holds).
 */
import { formatDayTime } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { document } from '../../http/pages.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { verifierMarkup } from '../../draw/verifier/markup.ts';
import type { DrawResults, RankedCode } from '../results.ts';
import { announcedEntry } from '../../draw/announcement-record.ts';
import { announcementSection } from './announcement-markup.ts';
import { confirmedApplications, places, plural } from '../../lib/plural.ts';
import { quotasOfFacts } from '../../draw/announcement.ts';
import { promotionsSection, quotasSection, skipNote, stratifiedProcedure, valueCells, valueHeaders, valuesInWords } from './quotas-markup.ts';

/** Bundled from src/draw/verifier/browser.ts into dist/ by src/draw/verifier/integration.ts. */
const verifierScript = '/skrypty/weryfikator-losowania.js';

export interface Lookup {
  typed: string;
  found: RankedCode | undefined;
}

/** Codes per page of the results table. */
export const pageSize = 250;

/**
 * The page asked for by `?strona=`: 1 when absent, the number when it is a
 * whole number from 1 (at most six digits), undefined for anything else.
 */
export function pageNumber(param: string | null): number | undefined {
  if (param === null || param === '') return 1;
  if (!/^\d{1,6}$/.test(param.trim())) return undefined;
  const n = Number(param.trim());
  return n >= 1 ? n : undefined;
}

export const paths = (id: string) => {
  const base = `/losowania/${encodeURIComponent(id)}/`;
  return { page: base, protocol: `${base}protokol.json`, pool: `${base}pula.txt` };
};

function standingText(r: RankedCode): string {
  switch (r.standing.kind) {
    case 'accepted':
      // A place that came from the waiting list after someone withdrew (with quotas, by their rule).
      return r.placedByDraw === false ? 'ma miejsce (z listy rezerwowej, po rezygnacji innej osoby)' : 'ma miejsce';
    case 'waitlisted':
      return `lista rezerwowa, ${r.standing.position}. pozycja`;
    case 'withdrawn':
      return 'zgłoszenie wycofane';
    case 'in-pool':
      return 'w puli, czeka na losowanie';
  }
}

function announced(entry: CatalogueEntry): SafeHtml {
  const { drawSources, drawDate } = entry.enrolment;
  return html`<h2>Źródła losowości ogłoszone z wyprzedzeniem</h2>
<p>Wynik zależy wyłącznie od wartości tych źródeł, nieznanych w chwili zamknięcia puli${drawDate ? html`; losowanie zaplanowano na ${formatDayTime(drawDate)}` : ''}:</p>
<ol>${drawSources.map((s) => html`<li>${s.description}</li>`)}</ol>`;
}

const procedureOf = (withQuotas: boolean) => html`<h2>Jak przebiega losowanie</h2>
<p>Stosujemy publiczną procedurę <a href="https://www.rfc-editor.org/rfc/rfc3797">RFC 3797</a> (IETF). Źródła losowości ogłaszamy, zanim zamknie się nabór. Gdy wygasną ostatnie linki potwierdzające (dobę po końcu naboru), zamrażamy pulę: potwierdzone kody zgłoszeń, ułożone rosnąco znak po znaku, z numerami od 1 i skrótem SHA-256 listy (każdy kod${withQuotas ? ', a po nim, po znakach tabulacji, jego wartości kategorii kwot,' : ''} w osobnym wierszu zakończonym znakiem nowego wiersza). Po ogłoszeniu wartości źródeł tworzymy z nich klucz zgodnie z sekcją 4 RFC 3797, a algorytm z sekcji 5 ustala kolejność całej puli. ${withQuotas ? 'Miejsca przydziela reguła kwot opisana niżej, idąc po tej kolejności; pozostali tworzą listę rezerwową w wylosowanej kolejności.' : 'Pierwsze osoby w tej kolejności dostają miejsca, pozostałe tworzą listę rezerwową w wylosowanej kolejności.'}</p>
<p>Kod wycofany po zamrożeniu puli zostaje w niej (opublikowanej puli nie zmieniamy), ale nie dostaje miejsca: miejsce przechodzi na ${withQuotas ? 'osobę z listy rezerwowej wskazaną regułą kwot' : 'pierwszą osobę z listy rezerwowej'}.</p>`;

/** Page links: the first, the last, and two either side of the current one, as src/components/Pagination.astro marks them up. */
function pagination(id: string, current: number, total: number): SafeHtml {
  if (total <= 1) return html``;
  const href = (n: number) => (n === 1 ? paths(id).page : `${paths(id).page}?strona=${n}`);
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, total])].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b);
  const items: SafeHtml[] = [];
  if (current > 1) items.push(html`<li><a href="${href(current - 1)}" rel="prev">‹ Poprzednia<span class="visually-hidden"> strona</span></a></li>`);
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push(html`<li><span aria-hidden="true">…</span></li>`);
    items.push(n === current
      ? html`<li><span aria-current="page"><span class="visually-hidden">Strona </span>${String(n)}</span></li>`
      : html`<li><a href="${href(n)}"><span class="visually-hidden">Strona </span>${String(n)}</a></li>`);
  });
  if (current < total) items.push(html`<li><a href="${href(current + 1)}" rel="next">Następna<span class="visually-hidden"> strona</span> ›</a></li>`);
  return html`<nav class="pagination" aria-label="Strony wyników (${String(total)})"><ul>${items}</ul></nav>`;
}

/** One page of the table with its page links; undefined when the page is past the last. */
function pagedTable(id: string, caption: string, ranked: RankedCode[], drawn: boolean, page: number, categories: readonly string[]): SafeHtml | undefined {
  const total = Math.max(1, Math.ceil(ranked.length / pageSize));
  if (page > total) return undefined;
  const from = (page - 1) * pageSize;
  const rows = ranked.slice(from, from + pageSize);
  const range = total > 1 ? ` — pozycje ${from + 1}–${from + rows.length} z ${ranked.length}, strona ${page} z ${total}` : '';
  return html`${codeTable(`${caption}${range}`, rows, drawn, categories)}${pagination(id, page, total)}`;
}

/** The codes' table; with seat quotas, a column per category and, for a code the walk passed over, why. */
function codeTable(caption: string, rows: RankedCode[], drawn: boolean, categories: readonly string[]): SafeHtml {
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr>${drawn ? html`<th scope="col">Pozycja w losowaniu</th>` : ''}<th scope="col">Kod</th><th scope="col">Nr w puli</th>${valueHeaders(categories)}<th scope="col">Stan</th></tr></thead>
<tbody>${rows.map((r) => html`<tr id="kod-${r.code}">${drawn ? html`<td>${String(r.drawnPosition)}</td>` : ''}<th scope="row" class="mono">${r.code}</th><td>${String(r.poolNumber)}</td>${valueCells(categories, r.values)}<td>${standingText(r)}${skipNote(r.skipped)}</td></tr>`)}</tbody>
</table></div>`;
}

/** What is wrong with a lookup by code, in the words of the summary, the field and the title; undefined when nothing is. */
function lookupMessage(lookup: Lookup | undefined): string | undefined {
  if (!lookup || lookup.found) return undefined;
  if (lookup.typed.trim() === '') return 'Wpisz kod zgłoszenia, np. 4KX7-PQ2M.';
  return `Nie ma kodu „${lookup.typed.trim()}” w puli tego losowania. Sprawdź kod w wiadomości e-mail (format XXXX-XXXX).`;
}

function lookupForm(entry: CatalogueEntry, lookup: Lookup | undefined, categories: readonly string[]): SafeHtml {
  const message = lookupMessage(lookup);
  return html`<h2 id="sprawdz-kod">Sprawdź swój kod</h2>
${message ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="kod-blad-tytul"><h3 id="kod-blad-tytul">Nie udało się sprawdzić kodu</h3><ul><li><a href="#kod">${message}</a></li></ul></div>` : ''}
${lookup?.found ? html`<div class="panel panel-ok" role="status"><p>Kod <strong class="mono">${lookup.found.code}</strong>: ${standingText(lookup.found)}${lookup.found.drawnPosition ? `, pozycja w losowaniu ${lookup.found.drawnPosition}` : ''} (nr w puli ${String(lookup.found.poolNumber)})${valuesInWords(categories, lookup.found.values)}.${skipNote(lookup.found.skipped)}</p>
<p><a href="${pageOf(entry.id, lookup.found)}">Pokaż ten kod na liście wyników</a> · <a href="${paths(entry.id).page}">Wszystkie wyniki</a></p></div>` : ''}
<form method="get" action="${paths(entry.id).page}#sprawdz-kod" class="lookup">
<div class="form-group${message ? ' form-group-error' : ''}">
<label class="form-label" for="kod">Kod zgłoszenia</label>
<p class="form-hint" id="kod-podpowiedz">Znajdziesz go w wiadomości e-mail z potwierdzeniem zgłoszenia.</p>
${message ? html`<p class="field-error" id="kod-blad"><span class="visually-hidden">Błąd:</span> ${message}</p>` : ''}
<input class="form-input" id="kod" name="kod" type="text" autocomplete="off" spellcheck="false" value="${lookup?.typed ?? ''}" aria-describedby="kod-podpowiedz${message ? ' kod-blad' : ''}">
</div>
<button type="submit" class="button button-secondary">Sprawdź</button>
</form>`;
}

/** The page of the full list that holds this code, with the row's anchor. */
function pageOf(id: string, r: RankedCode): string {
  const page = Math.ceil((r.drawnPosition ?? r.poolNumber) / pageSize);
  return `${page === 1 ? paths(id).page : `${paths(id).page}?strona=${page}`}#kod-${r.code}`;
}

function verifier(entry: CatalogueEntry, poolSha256: string): SafeHtml {
  return html`${verifierMarkup({ protocolUrl: paths(entry.id).protocol, poolSha256 })}
<script type="module" src="${verifierScript}"></script>`;
}

function protocolSummary(results: Extract<DrawResults, { state: 'decided' }>): SafeHtml {
  const p = results.protocol;
  const files = paths(p.programme.id);
  if (p.outcome === 'no-draw') {
    return html`<div class="panel panel-ok"><p>Losowanie nie było potrzebne: w zamrożonej puli ${confirmedApplications(p.pool.codes.length)} na ${places(p.capacity)}. Wszystkie osoby z puli dostały miejsca (${formatDayTime(new Date(p.decidedAt))}).</p></div>`;
  }
  return html`<h2>Protokół losowania</h2>
<dl class="facts">
<dt>Algorytm</dt><dd>${p.algorithm.name} (implementacja ${p.algorithm.implementation})</dd>
<dt>Przeprowadzone</dt><dd>${formatDayTime(new Date(p.drawnAt))}</dd>
<dt>Pula</dt><dd>${plural(p.pool.codes.length, 'kod', 'kody', 'kodów')}, zamrożona ${formatDayTime(new Date(p.pool.frozenAt))}; <a href="${files.pool}">pula.txt</a></dd>
<dt>SHA-256 puli</dt><dd class="mono hash">${p.pool.sha256}</dd>
<dt>Miejsca</dt><dd>${String(p.capacity)}</dd>
<dt>Klucz (RFC 3797, sekcja 4)</dt><dd class="mono">${p.keyString}</dd>
</dl>
<h3>Wartości źródeł</h3>
<ol>${p.sources.map((s) => html`<li>${s.description}: <strong>${s.kind === 'numbers' ? s.values.join(' ') : s.text}</strong></li>`)}</ol>
<p><a href="${files.protocol}">Pełny protokół (JSON)</a></p>`;
}

/**
 * The whole page as HTML: page `page` (from 1) of the codes, or — when
 * `lookup` is given — the looked-up code's row alone, or the Polish message
 * saying it is not in the pool. Undefined when `page` is past the last page.
 */
export function resultsPage(current: CatalogueEntry, results: DrawResults, lookup: Lookup | undefined, page = 1): string | undefined {
  // What was announced, as recorded when enrolment opened, not as content says it now (issue 11 §2).
  const entry = announcedEntry(current, results.announcement);
  const title = `Losowanie miejsc: ${entry.title}`;
  // With seat quotas (issue 14, as the announcement recorded them): their table, the procedure, a column per category.
  const quotas = results.announcement ? quotasOfFacts(results.announcement.facts) : undefined;
  const categories = quotas?.categories.map((c) => c.name) ?? [];
  const procedure = quotas ? html`${procedureOf(true)}${stratifiedProcedure}` : procedureOf(false);
  const quotasShown = (decided?: Parameters<typeof quotasSection>[1]) => (quotas ? quotasSection(quotas, decided) : '');
  // A lookup shows that one row (in the form's answer), never the whole list.
  const table = (caption: string, drawn: boolean) => (results.state === 'open' ? undefined : lookup ? html`` : pagedTable(entry.id, caption, results.ranked, drawn, page, categories));
  let state: SafeHtml;
  let pages = '';
  if (results.state === 'open') {
    if (page > 1) return undefined;
    state = html`<div class="panel"><p>Pula jeszcze nie jest zamknięta. Zamrozimy ją ${formatDayTime(results.freezesAt)} (dobę po końcu naboru, gdy wygasną ostatnie linki potwierdzające) i opublikujemy tutaj kody bez danych osobowych.</p></div>
${announced(entry)}${quotasShown()}${procedure}`;
  } else if (results.state === 'frozen') {
    const codes = table('Pula w kolejności kanonicznej', false);
    if (!codes) return undefined;
    state = html`<div class="panel"><p>Pula zamrożona ${formatDayTime(results.pool.frozenAt)}: ${confirmedApplications(results.pool.codes.length)} na ${places(entry.enrolment.capacity ?? 0)}. Losowanie odbędzie się po ogłoszeniu wartości źródeł.</p></div>
<dl class="facts"><dt>SHA-256 puli</dt><dd class="mono hash">${results.pool.sha256}</dd><dt>Plik puli</dt><dd><a href="${paths(entry.id).pool}">pula.txt</a></dd></dl>
${announced(entry)}${quotasShown()}${lookupForm(entry, lookup, categories)}${codes}${procedure}`;
  } else {
    const drawn = results.protocol.outcome === 'draw';
    const codes = table(drawn ? 'Kody w wylosowanej kolejności i ich obecny stan' : 'Kody w puli i ich stan', drawn);
    if (!codes) return undefined;
    // Without a draw nobody waits: a change is only someone withdrawing.
    const changed = results.changedSinceDraw === 0
      ? ''
      : drawn
        ? html`<p>Od losowania zmienił się stan ${plural(results.changedSinceDraw, 'kodu', 'kodów', 'kodów')}: rezygnacje zwolniły miejsca, które dostały kolejne osoby z listy rezerwowej${quotas ? ' (według reguły kwot)' : ''}.</p>`
        : html`<p>Od przydziału miejsc wycofano ${plural(results.changedSinceDraw, 'zgłoszenie', 'zgłoszenia', 'zgłoszeń')}; listy rezerwowej nie ma, więc ${results.changedSinceDraw === 1 ? 'to miejsce pozostaje wolne' : 'te miejsca pozostają wolne'}.</p>`;
    state = html`${protocolSummary(results)}${quotasShown(results.protocol.stratified)}${lookupForm(entry, lookup, categories)}
<h2>Wyniki</h2>${changed}${promotionsSection(results.promotions)}
${codes}
${drawn ? verifier(entry, results.protocol.pool.sha256) : ''}${procedure}`;
  }
  if (page > 1) pages = ` — strona ${page}`;
  // As every form here: a mistake puts "Błąd:" in front of the page title, so a screen reader says it first.
  const hasError = results.state !== 'open' && lookupMessage(lookup) !== undefined;
  return document(hasError ? `Błąd: ${title}` : `${title}${pages}`, html`<h1>${title}</h1>
<p><a href="${entry.page}">Strona programu</a> · <a href="/losowania/">Wszystkie losowania</a></p>
${state}${announcementSection(entry.id, results.announcement)}`);
}
