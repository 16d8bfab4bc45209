/**
 * POST /panel/uwagi/import/?p=<id> — the decisions file back from the
 * responsible unit. An upload (multipart, field `plik`) changes nothing: it
 * answers with a preview of what would change, row by row, and a Polish
 * error for each bad row (its number as the spreadsheet shows it, the
 * column, why). The preview's button posts the same file's text again
 * (base64url in a hidden field, so no line break or character is lost)
 * with `potwierdz`; that reads it again against the database as it is then,
 * stores the good rows with an audit row (store.ts `applyImport`) and
 * redirects to the remarks page.
 */
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { firstField, readFields, type Fields } from '../../http/request.ts';
import type { Runtime } from '../../http/runtime.ts';
import { decodeSpreadsheetText } from '../../lib/csv.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { plural } from '../../lib/plural.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { errorSummary, panelDocument, panelPaths } from '../../panel/http/layout.ts';
import { errorSummary as renderErrorSummary } from '../../forms/error-summary.ts';
import { panelForm } from '../../forms/variants.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';
import { applyImport, previewImport, type ImportPreview } from '../store.ts';
import type { RowChange } from '../csv.ts';
import { consultationOf, remarksUrl } from './lookup.ts';
import { uploadForm } from './page.ts';

/** Largest file accepted: 2 MB is some 10,000 long remarks; the confirmation carries it as base64 (a third more). */
const maxFileBytes = 2 * 1024 * 1024;
const maxBodyBytes = Math.ceil(maxFileBytes * 1.4) + 16 * 1024;

/** The uploaded file's text, or a Polish reason it cannot be read. */
async function uploadedText(fields: Fields): Promise<string | { error: string }> {
  const file = fields instanceof FormData ? fields.get('plik') : null;
  if (!(file instanceof Blob) || (file.size === 0 && file instanceof File && file.name === '')) return { error: 'Wybierz plik CSV z rozstrzygnięciami.' };
  if (file.size === 0) return { error: 'Wybrany plik jest pusty (0 bajtów). Wybierz plik CSV zapisany z arkusza z rozstrzygnięciami.' };
  if (file.size > maxFileBytes) return { error: 'Plik jest za duży (najwyżej 2 MB). Sprawdź, czy to plik CSV pobrany z panelu, a nie arkusz Excela.' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A workbook (.xlsx is a zip: "PK") read as text would only give a confusing list of errors.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { error: 'To jest plik Excela (.xlsx), a nie CSV. W Excelu wybierz „Plik → Zapisz jako”, typ „CSV UTF-8” albo „CSV (rozdzielany średnikami)”, i wczytaj ten plik.' };
  return decodeSpreadsheetText(bytes);
}

const kindLabel: Record<RowChange['kind'], string> = { new: 'nowe', changed: 'zmiana', unchanged: 'bez zmian' };

/** Rows each table of the preview lists; the counts above it cover them all. */
const shownRows = 500;
/** Mistakes the error summary names one by one. */
const summaryRows = 20;
const more = (total: number) => (total > shownRows ? html`<p>Pokazano pierwsze ${shownRows} z ${total}.</p>` : '');

function previewBody(entry: CatalogueEntry, text: string, preview: Extract<ImportPreview, { kind: 'rows' }>): SafeHtml {
  const toSave = preview.changes.filter((c) => c.kind !== 'unchanged');
  const unchanged = preview.changes.length - toSave.length;
  const problems = preview.problems;
  const listed = problems.length > shownRows ? `pierwsze ${shownRows} są w tabeli „Wiersze z błędami”` : 'wszystkie są w tabeli „Wiersze z błędami”';
  return html`${problems.length === 0
    ? ''
    : renderErrorSummary(panelForm, {
        errors: problems.slice(0, summaryRows).map((p) => ({ field: 'bledy', message: `Wiersz ${p.row}, kolumna „${p.column}”: ${p.message}` })),
        title: `W pliku ${plural(problems.length, 'wiersz ma błąd', 'wiersze mają błędy', 'wierszy ma błędy')}`,
        description: `Te wiersze nie zostaną zapisane. Popraw je w arkuszu i wczytaj plik jeszcze raz — albo zapisz teraz pozostałe.${problems.length > summaryRows ? ` Tu pierwsze ${summaryRows}; ${listed}.` : ''}`,
      })}
<p class="breadcrumb"><a href="${remarksUrl(entry.id)}">Uwagi z formularza: ${entry.title}</a></p>
<h1>Podgląd importu</h1>
<p id="podsumowanie-importu">Do zapisania: ${plural(toSave.length, 'uwaga', 'uwagi', 'uwag')} (nowe: ${toSave.filter((c) => c.kind === 'new').length}, zmienione: ${toSave.filter((c) => c.kind === 'changed').length}); bez zmian: ${unchanged}; puste wiersze: ${preview.blank}; z błędami: ${problems.length}.</p>
${problems.length > 0
  ? html`<h2 id="bledy">Wiersze z błędami</h2>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="bledy-podpis"><table class="data-table" id="bledy-tabela">
<caption id="bledy-podpis">Wiersze, które nie zostaną zapisane (numery jak w arkuszu; wiersz 1 to nagłówki)</caption>
<thead><tr><th scope="col">Wiersz</th><th scope="col">Kolumna</th><th scope="col">Co poprawić</th></tr></thead>
<tbody>${problems.slice(0, shownRows).map((p) => html`<tr><td class="num">${p.row}</td><td>${p.column}</td><td>${p.message}</td></tr>`)}</tbody></table></div>${more(problems.length)}`
  : ''}
<h2 id="zmiany">Co się zmieni</h2>
${toSave.length === 0
  ? html`<p>Nic: plik nie zmienia zapisanych rozstrzygnięć.</p>`
  : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="zmiany-podpis"><table class="data-table" id="zmiany-tabela">
<caption id="zmiany-podpis">Uwagi, które zostaną zapisane</caption>
<thead><tr><th scope="col">Wiersz</th><th scope="col">Kod uwagi</th><th scope="col">Zmiana</th><th scope="col">Pole</th><th scope="col">Było</th><th scope="col">Będzie</th></tr></thead>
<tbody>${toSave.slice(0, shownRows).flatMap((c) =>
      c.fields.map((f, i) => html`<tr>${i === 0 ? html`<td class="num" rowspan="${c.fields.length}">${c.row.row}</td><td class="code-cell" rowspan="${c.fields.length}">${c.row.code}</td><td rowspan="${c.fields.length}">${kindLabel[c.kind]}</td>` : ''}<td>${f.label}</td><td>${f.before}</td><td>${f.after}</td></tr>`),
    )}</tbody></table></div>
<form method="post" action="${panelPaths.remarksImport}?p=${encodeURIComponent(entry.id)}">
<input type="hidden" name="plik" value="${Buffer.from(text, 'utf8').toString('base64url')}">
<input type="hidden" name="potwierdz" value="tak">
<div class="actions"><button type="submit" class="button-primary">Zapisz ${plural(toSave.length, 'rozstrzygnięcie', 'rozstrzygnięcia', 'rozstrzygnięć')}</button>
<a href="${remarksUrl(entry.id)}">Wróć bez zapisywania</a></div>
</form>`}
<h2>Wczytaj poprawiony plik</h2>
${uploadForm(entry)}`;
}

export async function handleRemarksImport(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const entry = await consultationOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  const read = await readFields(request, maxBodyBytes);
  if ('refusal' in read) {
    const message = read.refusal.status === 413 ? 'Plik jest za duży (najwyżej 2 MB). Sprawdź, czy to plik CSV pobrany z panelu.' : read.refusal.message;
    return refusePanel(read.refusal.status, 'Nie udało się wczytać pliku', [message]);
  }
  const title = `Podgląd importu: ${entry.title}`;
  const refused = (error: string) =>
    panelHtml(422, panelDocument(title, html`${errorSummary([{ field: 'plik', message: error }])}
<p class="breadcrumb"><a href="${remarksUrl(entry.id)}">Uwagi z formularza: ${entry.title}</a></p>
<h1>Wczytaj plik z rozstrzygnięciami</h1>
${uploadForm(entry, error)}`, { staffEmail: session.staff.email, hasErrors: true }));

  if (firstField(read.fields, 'potwierdz') === 'tak') {
    const encoded = firstField(read.fields, 'plik');
    if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length === 0) return refused('Nie udało się odczytać pliku z podglądu. Wczytaj plik jeszcze raz.');
    const applied = await applyImport(runtime.db, entry.id, Buffer.from(encoded, 'base64url').toString('utf8'), session.staff.id, runtime.now());
    if (applied.kind === 'file-error') return refused(applied.message);
    return panelRedirect(remarksUrl(entry.id, `&zapisano=${applied.saved}#zapisano`));
  }
  const text = await uploadedText(read.fields);
  if (typeof text !== 'string') return refused(text.error);
  const preview = await previewImport(runtime.db, entry.id, text);
  if (preview.kind === 'file-error') return refused(preview.message);
  return panelHtml(200, panelDocument(title, previewBody(entry, text, preview), { staffEmail: session.staff.email, hasErrors: preview.problems.length > 0 }));
}
