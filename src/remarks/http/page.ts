/**
 * /panel/uwagi/?p=<id> — a consultation's remarks sent through its own form
 * (issue 16), in three steps: download them as CSV for the responsible unit,
 * upload the file with its decisions (previewed first: import.ts), and carry
 * the decided remarks into the published content as the list the
 * consultation's "Uwagi i rozstrzygnięcia" field takes (a YAML block to
 * paste, shown and downloadable; docs/consultation-results.md).
 */
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import type { Runtime } from '../../http/runtime.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { plural } from '../../lib/plural.ts';
import { remarkDecisions } from '../../data/consultations.ts';
import type { StaffSession } from '../../panel/http/guard.ts';
import { panelDocument, panelPaths, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelHtml } from '../../http/respond.ts';
import { formRemarks } from '../store.ts';
import { remarkItems, remarksYaml } from '../content.ts';
import { remarkColumns, type FormRemark } from '../csv.ts';
import { consultationOf } from './lookup.ts';

const remarksWord = (n: number) => plural(n, 'uwaga', 'uwagi', 'uwag');

/** The upload form: a CSV file; posted as multipart to the import, which answers with the preview. */
export function uploadForm(entry: CatalogueEntry, error?: string): SafeHtml {
  return html`<form method="post" action="${panelPaths.remarksImport}?p=${encodeURIComponent(entry.id)}" enctype="multipart/form-data" novalidate>
<div class="form-group${error ? ' form-group-error' : ''}"><label class="form-label" for="plik">Plik CSV z rozstrzygnięciami</label>
<p class="form-hint" id="plik-hint">Plik pobrany wyżej, uzupełniony przez jednostkę i zapisany jako CSV (UTF-8 albo „CSV (rozdzielany średnikami)” z Excela). Najpierw zobaczysz, co się zmieni.</p>
${error ? html`<p class="field-error" id="plik-error"><span class="visually-hidden">Błąd:</span> ${error}</p>` : ''}
<input type="file" id="plik" name="plik" accept=".csv,text/csv" aria-describedby="plik-hint${error ? ' plik-error' : ''}"${error ? html` aria-invalid="true"` : ''}></div>
<button type="submit" class="button-primary">Sprawdź plik</button>
</form>`;
}

function decidedTable(remarks: readonly FormRemark[]): SafeHtml {
  const decided = remarks.filter((r) => r.decided);
  if (decided.length === 0) return html`<p>Żadna uwaga nie ma jeszcze zapisanego tematu i streszczenia.</p>`;
  return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="rozstrzygniete-podpis"><table class="data-table" id="rozstrzygniete">
<caption id="rozstrzygniete-podpis">Zapisane rozstrzygnięcia uwag z formularza</caption>
<thead><tr><th scope="col">${remarkColumns.code}</th><th scope="col">${remarkColumns.topic}</th><th scope="col">${remarkColumns.summary}</th><th scope="col">${remarkColumns.decision}</th><th scope="col">${remarkColumns.justification}</th></tr></thead>
<tbody>${decided.map(
    (r) => html`<tr><td class="code-cell">${r.code}</td><td>${r.decided!.topic}</td><td>${r.decided!.summary}</td><td>${r.decided!.decision ? remarkDecisions.label(r.decided!.decision) : 'bez rozstrzygnięcia'}</td><td>${r.decided!.justification}</td></tr>`,
  )}</tbody></table></div>`;
}

/** The page's body, with a notice after an import (`saved`). */
export async function remarksPage(runtime: Runtime, entry: CatalogueEntry, saved: number | undefined): Promise<SafeHtml> {
  const remarks = await formRemarks(runtime.db, entry.id);
  const decided = remarks.filter((r) => r.decided);
  const undecided = decided.filter((r) => !r.decided!.decision).length;
  const items = remarkItems(remarks);
  const yaml = remarksYaml(items);
  const exportButton = (file: 'csv' | 'yaml', label: string, primary: boolean) =>
    html`<form method="post" action="${panelPaths.remarksExport}?p=${encodeURIComponent(entry.id)}"><input type="hidden" name="plik" value="${file}"><button type="submit" class="${primary ? 'button-primary' : 'button-secondary'}">${label}</button></form>`;
  return html`<p class="breadcrumb"><a href="${programmeUrl(entry.id)}">${entry.title}</a></p>
<h1>Uwagi z formularza: ${entry.title}</h1>
${saved !== undefined ? html`<div class="panel panel-ok" role="status" id="zapisano"><p>Zapisano ${plural(saved, 'rozstrzygnięcie', 'rozstrzygnięcia', 'rozstrzygnięć')}. Zapis jest w <a href="${panelPaths.audit}">dzienniku działań</a>.</p></div>` : ''}
<p>Potwierdzone uwagi wysłane formularzem na stronie konsultacji: <strong id="liczba-uwag">${remarksWord(remarks.length)}</strong>; z zapisanym tematem i streszczeniem: ${decided.length}${undecided > 0 ? `, w tym bez rozstrzygnięcia: ${undecided}` : ''}. Uwagi zebrane na spotkaniach, dyżurach, pocztą i listownie redakcja wpisuje w CMS sama.</p>

<h2>1. Pobierz uwagi dla jednostki</h2>
<p>Plik CSV (otwiera się w Excelu z polskimi znakami) ma kolumny: ${Object.values(remarkColumns).join(', ')}. Jednostka wypełnia cztery ostatnie: temat, streszczenie bez danych osobowych (to ono zostanie opublikowane), rozstrzygnięcie — jedno z: ${remarkDecisions.options.map((o) => o.label).join(', ')} — i uzasadnienie, wymagane przy każdym rozstrzygnięciu. Plik zawiera treść uwag od mieszkańców: przekaż go tylko jednostce odpowiedzialnej. Pobranie jest zapisywane w dzienniku działań.</p>
<div class="actions">${exportButton('csv', 'Pobierz uwagi (CSV)', true)}</div>

<h2>2. Wczytaj plik z rozstrzygnięciami</h2>
${uploadForm(entry)}

<h2>3. Przenieś rozstrzygnięcia na stronę</h2>
<p>Na stronie konsultacji uwagi pokazuje pole <strong>Uwagi i rozstrzygnięcia</strong> w CMS. Jednakowe uwagi są połączone w jeden wpis z liczbą takich uwag; kanał to „Formularz uwag”. Działania po uwagach (co zrobiliśmy, jednostka, stan, data) redakcja dopisuje w CMS.</p>
${yaml
  ? html`<p>${plural(items.length, 'wpis', 'wpisy', 'wpisów')} do wklejenia w plik konsultacji (<code>src/content/konsultacje/${entry.id}.md</code>) między liniami <code>---</code>, w miejsce istniejącego pola <code>remarks</code>, jeśli jest:</p>
<div class="form-group"><label class="form-label" for="tresc-yaml">Lista uwag dla pola „Uwagi i rozstrzygnięcia”</label>
<textarea id="tresc-yaml" rows="12" readonly spellcheck="false">\n${yaml}</textarea></div>
<div class="actions">${exportButton('yaml', 'Pobierz listę uwag (YAML)', false)}</div>`
  : html`<p>Nie ma jeszcze nic do przeniesienia: wczytaj plik z tematami i streszczeniami.</p>`}
${decidedTable(remarks)}`;
}

export async function handleRemarks(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET');
  const url = new URL(request.url);
  const entry = await consultationOf(runtime, url.searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  const savedText = url.searchParams.get('zapisano');
  const saved = savedText !== null && /^\d{1,6}$/.test(savedText) ? Number(savedText) : undefined;
  return panelHtml(200, panelDocument(`Uwagi z formularza: ${entry.title}`, await remarksPage(runtime, entry, saved), { staffEmail: session.staff.email }));
}
