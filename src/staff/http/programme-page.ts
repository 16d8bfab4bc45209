/**
 * /panel/program/?p=<id> — one programme: applications by state, the two
 * charts (each with its table), the actions, and the list. A programme or
 * consultation no longer on the site but with applications in the database
 * gets the same page without what needs its content (messages, the draw),
 * with when its personal data will be erased (src/staff/unpublished.ts). The search is a
 * POST (what staff type is often a name or an address, which must not end
 * up in a URL, a history or a log); panel.js also filters the list live.
 */
import { districts } from '../../data/districts.ts';
import { enrolmentModes } from '../../data/programmes.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { firstField, readFields } from '../../http/request.ts';
import type { Runtime } from '../../http/runtime.ts';
import { formatDay, formatDayTime, formatTime } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { applicationStates, stateLabel, stateLabels } from '../../enrolment/applications.ts';
import { confirmationsByDistrict, confirmationsPerDay, countsOf, listApplications, type ApplicationRow, type StateCounts } from '../applications.ts';
import { barChart } from '../charts.ts';
import { retentionRule, unpublishedName, type UnpublishedProgramme } from '../unpublished.ts';
import { isLottery } from '../../catalogue/catalogue.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { panelDocument, panelPageUrl, panelPaths, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelProgrammeOf } from './programme-lookup.ts';
import { panelHtml } from '../../http/respond.ts';

const listLimit = 500;

function countsTable(counts: StateCounts): SafeHtml {
  const total = applicationStates.reduce((sum, s) => sum + counts[s], 0);
  return html`<table class="data-table counts-table" id="liczby">
<caption>Zgłoszenia według stanu</caption>
<tbody>${applicationStates.map((s) => html`<tr><th scope="row">${stateLabels[s]}</th><td class="num">${counts[s]}</td></tr>`)}
<tr class="total"><th scope="row">Razem</th><td class="num">${total}</td></tr></tbody></table>`;
}

/** `asksDistrict`: whether the form asks for a district; undefined when the content is gone (then: whether any application has one). */
async function charts(runtime: Runtime, programmeId: string, asksDistrict: boolean | undefined): Promise<SafeHtml> {
  const [perDay, perDistrict] = await Promise.all([confirmationsPerDay(runtime.db, programmeId), confirmationsByDistrict(runtime.db, programmeId)]);
  const days =
    perDay.length === 0
      ? html`<p>Nikt jeszcze nie potwierdził zgłoszenia.</p>`
      : barChart({
          id: 'wykres-dni',
          caption: 'Potwierdzone zgłoszenia według dnia potwierdzenia',
          labelHeader: 'Dzień',
          valueHeader: 'Potwierdzone zgłoszenia',
          orientation: 'columns',
          bars: perDay.map(({ day, count }) => ({ label: formatDay(day), short: `${Number(day.slice(8))}.${day.slice(5, 7)}`, value: count })),
        });
  const byDistrict = (asksDistrict ?? [...perDistrict.keys()].some((d) => d !== ''))
    ? barChart({
        id: 'wykres-dzielnice',
        caption: 'Potwierdzone zgłoszenia według dzielnicy',
        labelHeader: 'Dzielnica',
        valueHeader: 'Potwierdzone zgłoszenia',
        orientation: 'rows',
        bars: [
          ...districts.options.map((d) => ({ label: d.label, short: d.label.replace(/^Dzielnica /, ''), value: perDistrict.get(d.value) ?? 0 })),
          ...(perDistrict.get('') ? [{ label: 'Bez podanej dzielnicy', value: perDistrict.get('') ?? 0 }] : []),
        ],
      })
    : html`<p>Formularz tego programu nie pyta o dzielnicę.</p>`;
  return html`<h2>Zgłoszenia w czasie</h2>
<p>Zgłoszenia, które nie zostały wycofane, według dnia potwierdzenia (czas polski).</p>
${days}
<h2>Zgłoszenia według dzielnic</h2>
${byDistrict}`;
}

const searchText = (r: ApplicationRow) => [r.code, r.name, r.email, r.organisation].filter(Boolean).join(' ').toLowerCase();

function list(entry: { id: string; title: string }, rows: ApplicationRow[], total: number, search: string): SafeHtml {
  const shownCount = rows.length;
  return html`<h2 id="lista">Lista zgłoszeń</h2>
<form method="post" action="${programmeUrl(entry.id)}#lista" class="search-form" role="search" aria-label="Szukaj w zgłoszeniach">
<div class="form-group"><label class="form-label" for="szukaj">Szukaj po kodzie, imieniu i nazwisku, adresie e-mail albo organizacji</label>
<input type="search" id="szukaj" name="q" value="${search}" maxlength="200" spellcheck="false" data-filter="#zgloszenia">
<button type="submit" class="button-secondary">Szukaj</button></div>
</form>
<p id="zgloszenia-licznik" aria-live="polite" data-total="${total}">${search ? `Znaleziono: ${total}.` : `Wszystkich zgłoszeń: ${total}.`}${shownCount < total ? ` Pokazano pierwsze ${shownCount} — zawęź wyszukiwanie albo pobierz CSV.` : ''}</p>
${rows.length === 0
  ? html`<p>Brak zgłoszeń${search ? ' pasujących do wyszukiwania' : ''}.</p>`
  : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="zgloszenia-podpis"><table class="data-table" id="zgloszenia">
<caption id="zgloszenia-podpis">Zgłoszenia na „${entry.title}”</caption>
<thead><tr><th scope="col">Kod</th><th scope="col">Stan</th><th scope="col">Imię i nazwisko</th><th scope="col">Adres e-mail</th><th scope="col">Dzielnica</th><th scope="col">Zgłoszono</th><th scope="col">Działania</th></tr></thead>
<tbody>${rows.map(
      (r) => html`<tr data-search="${searchText(r)}"><td class="code-cell">${r.code}</td><td>${stateLabel[r.status]}</td><td>${r.name ?? ''}</td><td>${r.email ?? ''}</td>
<td>${r.district ? districts.label(r.district as never).replace(/^Dzielnica /, '') : ''}</td><td>${formatDay(r.createdAt)}, ${formatTime(r.createdAt)}</td>
<td>${r.status === 'withdrawn' ? html`<span class="muted">dane usunięte</span>` : html`<a href="${panelPaths.delete}?a=${r.id}">Usuń dane<span class="visually-hidden"> zgłoszenia ${r.code}</span></a>`}</td></tr>`,
    )}</tbody></table></div>`}`;
}

export async function handleProgramme(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return methodNotAllowed('GET, POST');
  const found = await panelProgrammeOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (found instanceof Response) return found;
  let search = '';
  if (request.method === 'POST') {
    const read = await readFields(request, 4_096);
    if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
    search = firstField(read.fields, 'q').slice(0, 200);
  }
  return found.published ? publishedPage(runtime, session, found.published, search) : unpublishedPage(runtime, session, found.unpublished, search);
}

const exportButton = (id: string) =>
  html`<form method="post" action="${panelPaths.export}?p=${encodeURIComponent(id)}"><button type="submit" class="button-primary">Pobierz zgłoszenia (CSV)</button></form>`;

async function publishedPage(runtime: Runtime, session: StaffSession, entry: CatalogueEntry, search: string): Promise<Response> {
  const [counts, found, chartsHtml] = await Promise.all([countsOf(runtime.db, entry.id), listApplications(runtime.db, entry.id, search, listLimit), charts(runtime, entry.id, entry.enrolment.fields.includes('district'))]);
  const { mode, capacity, opens, closes } = entry.enrolment;
  const body = html`<p class="breadcrumb"><a href="${panelPaths.home}">Wszystkie programy</a></p>
<h1>${entry.title}</h1>
<p>${entry.kind === 'consultation' ? 'Konsultacje' : enrolmentModes.label(mode)}${capacity !== undefined ? html`; miejsc: ${capacity}` : ''}; nabór ${formatDay(opens)}, ${formatTime(opens)} – ${formatDay(closes)}, ${formatTime(closes)}. <a href="${entry.page}">Strona programu</a></p>
${countsTable(counts)}
<h2>Działania</h2>
<div class="actions">
${exportButton(entry.id)}
<a class="button-secondary" href="${panelPaths.message}?p=${encodeURIComponent(entry.id)}">Napisz do uczestników</a>
${isLottery(entry) ? html`<a class="button-secondary" href="${panelPageUrl('draw', entry.id)}">Losowanie miejsc</a>` : ''}
${entry.kind === 'consultation' ? html`<a class="button-secondary" href="${panelPageUrl('remarks', entry.id)}">Uwagi i rozstrzygnięcia (CSV)</a>` : ''}
</div>
<p class="muted">Plik CSV otwiera się w Excelu z polskimi znakami. Pobranie zgłoszeń, wiadomość i usunięcie danych są zapisywane w <a href="${panelPaths.audit}">dzienniku działań</a>.</p>
${chartsHtml}
${list(entry, found.rows, found.total, search)}`;
  return panelHtml(200, panelDocument(entry.title, body, { staffEmail: session.staff.email }));
}


/** When the personal data goes, as the retention job last recorded it, in a sentence. */
function erasureSentence(p: UnpublishedProgramme, now: Date): SafeHtml {
  const { eraseAfter, missingSince } = p.retention;
  if (p.withPersonalData === 0) return html`<p>Zgłoszenia nie zawierają już danych osobowych: zostały usunięte albo wycofane. Zostały tylko kody zgłoszeń i ich stany.</p>`;
  if (!eraseAfter) return html`<p>Termin usunięcia danych osobowych ustali najbliższy przebieg zadania okresowego (co pięć minut).</p>`;
  const due = eraseAfter <= now;
  return html`<p><strong>${due ? 'Dane osobowe zostaną usunięte przy najbliższym przebiegu zadania okresowego' : `Dane osobowe zostaną usunięte ${formatDayTime(eraseAfter)}`}</strong>${
    missingSince
      ? html` (system zauważył brak na stronie ${formatDayTime(missingSince)})`
      : html` (termin według treści z ostatniego sprawdzenia strony, w której program jeszcze był — np. jego wydarzenia; jeśli nie ma go już w żadnym publicznym pliku strony, zadanie okresowe w ciągu kilku minut policzy termin od chwili jego zniknięcia)`
  }.</p>`;
}

async function unpublishedPage(runtime: Runtime, session: StaffSession, p: UnpublishedProgramme, search: string): Promise<Response> {
  const [found, chartsHtml] = await Promise.all([listApplications(runtime.db, p.id, search, listLimit), charts(runtime, p.id, undefined)]);
  const name = unpublishedName(p);
  const what = p.kind === 'consultation' ? 'Tych konsultacji' : p.kind === 'programme' ? 'Tego programu' : 'Tego programu lub konsultacji';
  const body = html`<p class="breadcrumb"><a href="${panelPaths.home}">Wszystkie programy</a></p>
<h1>${name}</h1>
<div class="panel" id="nie-ma-na-stronie">
<p>${what} nie ma już na stronie: treść usunięto albo wycofano z publikacji. Zgłoszenia zostały w bazie danych — tu można je przejrzeć, pobrać i usunąć dane osoby na jej prośbę.${p.title ? '' : ' Tytuł nie jest znany (program zniknął, zanim system go zapisał), więc pokazujemy identyfikator.'}</p>
<p>Identyfikator: <code>${p.id}</code>${p.retention.lastSeenAt ? html`; ostatnio na stronie ${formatDayTime(p.retention.lastSeenAt)}` : ''}. Zgłoszenia od ${formatDayTime(p.firstApplicationAt)} do ${formatDayTime(p.lastApplicationAt)}.</p>
${erasureSentence(p, runtime.now())}
<p>${retentionRule(p.retention.days)}</p>
</div>
${countsTable(p.counts)}
<h2>Działania</h2>
<div class="actions">
${exportButton(p.id)}
</div>
<p class="muted">Wiadomości do uczestników i losowanie wymagają treści programu, więc są dostępne tylko dla programów na stronie. Pobranie zgłoszeń i usunięcie danych są zapisywane w <a href="${panelPaths.audit}">dzienniku działań</a>.</p>
${chartsHtml}
${list({ id: p.id, title: name }, found.rows, found.total, search)}`;
  return panelHtml(200, panelDocument(name, body, { staffEmail: session.staff.email }));
}
