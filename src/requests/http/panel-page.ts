/**
 * /panel/wnioski/ — requests for a consultation in the staff panel.
 *
 *   GET              every request on the site with its counts
 *   GET  ?w=<id>     one request: counts, the paper-support form, the paper
 *                    entries and the confirmed supporters (name, address,
 *                    email, date) for the office that verifies them
 *   POST ?w=<id>     adds paper supports (a number with a note; audited),
 *                    then 303 back; mistakes: 422 with the form (GOV.UK)
 *
 * The guard (src/panel/http/adapter.ts) has checked the session already.
 */
import type { FieldError } from '../../forms/field-error.ts';
import { textareaField, textField } from '../../forms/field.ts';
import { panelForm } from '../../forms/variants.ts';
import { firstField, readFields } from '../../http/request.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';
import { formatDay, formatTime, machineInstant } from '../../lib/dates.ts';
import { html } from '../../lib/html.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { errorSummary, panelDocument, panelPaths } from '../../panel/http/layout.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { countsSentence, supportCounts, supportCountsOf, thresholdSentence } from '../counts.ts';
import type { RequestEntry } from '../requests-file.ts';
import { requestsFor } from '../source.ts';
import { addPaperSupports, confirmedSupporters, paperEntries, paperNoteMax } from '../staff.ts';

export const requestPanelUrl = (id: string) => `${panelPaths.requests}?w=${encodeURIComponent(id)}`;
const when = (d: Date) => html`<time datetime="${machineInstant(d)}">${formatDay(d)}, ${formatTime(d)}</time>`;
const frameOf = (session: StaffSession, hasErrors = false) => ({ staffEmail: session.staff.email, current: 'requests' as const, hasErrors });

async function listPage(runtime: Runtime, session: StaffSession): Promise<Response> {
  const requests = [...(await requestsFor(runtime)).entries, ...(await goneRequests(runtime))];
  const counts = await supportCountsOf(runtime.db, requests);
  const body = html`<h1>Wnioski o konsultacje</h1>
<p>Poparcia zebrane przez internet (potwierdzone) i na papierze. Otwórz wniosek, żeby zobaczyć listę osób do weryfikacji, pobrać ją jako CSV albo dopisać poparcia na papierze.</p>
${requests.length === 0
  ? html`<p>Na stronie nie ma jeszcze żadnego wniosku.</p>`
  : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="wnioski-podpis"><table class="data-table">
<caption id="wnioski-podpis">Wnioski i liczba poparć</caption>
<thead><tr><th scope="col">Wniosek</th><th scope="col">Wymagane</th><th scope="col">Internet</th><th scope="col">Papier</th><th scope="col">Razem</th></tr></thead>
<tbody>${requests.map((r) => {
      const c = counts.get(r.id)!;
      return html`<tr><td><a href="${requestPanelUrl(r.id)}">${r.title}</a></td><td>${c.needed}</td><td>${c.online}</td><td>${c.paper}</td><td>${c.gathered}</td></tr>`;
    })}</tbody></table></div>`}`;
  return panelHtml(200, panelDocument('Wnioski o konsultacje', body, frameOf(session)));
}

interface PaperForm {
  count: string;
  note: string;
}

async function requestPage(runtime: Runtime, session: StaffSession, entry: RequestEntry, form: PaperForm = { count: '', note: '' }, errors: FieldError[] = []): Promise<string> {
  const [counts, supporters, paper] = [await supportCounts(runtime.db, entry), await confirmedSupporters(runtime.db, entry.id), await paperEntries(runtime.db, entry.id)];
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const action = requestPanelUrl(entry.id);
  const body = html`${errorSummary(errors)}
<p class="breadcrumb"><a href="${panelPaths.requests}">Wnioski o konsultacje</a></p>
<h1>${entry.title}</h1>
<p><strong>${thresholdSentence(counts)}</strong> ${countsSentence(counts)} <a href="${entry.url}">Strona wniosku</a>.</p>
<div class="actions"><form method="post" action="${panelPaths.requestExport}?w=${encodeURIComponent(entry.id)}"><button type="submit" class="button-secondary">Pobierz listę poparć (CSV)</button></form></div>
<h2>Dopisz poparcia na papierze</h2>
<form method="post" action="${action}" novalidate>
${textField(panelForm, { id: 'liczba', name: 'count', label: 'Liczba poparć', hint: 'Liczba podpisów na listach papierowych, które urząd przyjął. Liczba ujemna poprawia wcześniejszy wpis.', value: form.count, error: errorOf('liczba'), maxLength: 7 })}
${textareaField(panelForm, { id: 'notatka', name: 'note', label: 'Notatka', hint: 'Np. skąd są listy i z którego dnia. Nie wpisuj danych osób popierających.', value: form.note, error: errorOf('notatka'), rows: 3, maxLength: paperNoteMax })}
<button type="submit" class="button-primary">Dopisz poparcia</button>
</form>
<h2>Poparcia na papierze</h2>
${paper.length === 0
  ? html`<p>Nie dopisano jeszcze poparć na papierze.</p>`
  : html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="papier-podpis"><table class="data-table"><caption id="papier-podpis">Wpisy poparć na papierze</caption>
<thead><tr><th scope="col">Dodano</th><th scope="col">Liczba</th><th scope="col">Notatka</th><th scope="col">Kto</th></tr></thead>
<tbody>${paper.map((p) => html`<tr><td>${when(p.addedAt)}</td><td>${p.count}</td><td>${p.note ?? '(usunięta)'}</td><td>${p.staffEmail}</td></tr>`)}</tbody></table></div>`}
<h2>Poparcia przez internet (potwierdzone)</h2>
${supporters.length === 0
  ? html`<p>Nikt jeszcze nie potwierdził poparcia przez internet.</p>`
  : html`<p>Adresów nie sprawdzamy w rejestrze: to zadanie urzędu przed policzeniem poparć do progu.</p>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="osoby-podpis"><table class="data-table"><caption id="osoby-podpis">Osoby popierające wniosek</caption>
<thead><tr><th scope="col">Imię i nazwisko</th><th scope="col">Adres w Krakowie</th><th scope="col">Adres e-mail</th><th scope="col">Potwierdzono</th><th scope="col">Sposób</th></tr></thead>
<tbody>${supporters.map((s) =>
      s.erased
        ? html`<tr><td colspan="3">Dane usunięte po terminie przechowywania</td><td>${when(s.confirmedAt)}</td><td>internet</td></tr>`
        : html`<tr><td>${s.name}</td><td>${s.address}</td><td>${s.email}</td><td>${when(s.confirmedAt)}</td><td>internet</td></tr>`,
    )}</tbody></table></div>`}`;
  return panelDocument(entry.title, body, frameOf(session, errors.length > 0));
}

/**
 * Requests no longer in /dane/wnioski.json whose supports are still stored
 * (deleted or unpublished; retention erases them after a grace period):
 * staff still see, export and correct them. Named by their id.
 */
async function goneRequests(runtime: Runtime, only?: string): Promise<RequestEntry[]> {
  const known = await requestsFor(runtime);
  const { rows } = await runtime.db.query<{ request_id: string }>(
    `SELECT request_id FROM request_supports WHERE ($1::text IS NULL OR request_id = $1) UNION SELECT request_id FROM request_paper_supports WHERE ($1::text IS NULL OR request_id = $1) ORDER BY 1`,
    [only ?? null],
  );
  return rows
    .filter((r) => !known.get(r.request_id))
    .map((r) => ({
      id: r.request_id, title: `${r.request_id} (wniosku nie ma już na stronie)`, url: '/konsultacje/wnioski/', filedOn: '', procedure: 'standard', applicantKind: 'residents',
      supportersNeeded: 0, status: 'filed', statusOn: '', supportUntil: null, finalAnswerOn: null,
    }));
}

const notFound = () => refusePanel(404, 'Nie znaleziono wniosku', ['Nie ma takiego wniosku na stronie. Wybierz wniosek z listy w panelu.']);

/** Most supports one paper entry adds or takes back (six digits, as the column holds them). */
const paperCountMax = 999_999;

/** The paper form's mistakes (Polish, GOV.UK) or the parsed entry. */
function checkPaper(form: PaperForm): FieldError[] | { count: number; note: string } {
  const errors: FieldError[] = [];
  const count = form.count.trim().replace(/^\+/, '');
  const n = Number(count);
  if (count === '') errors.push({ field: 'liczba', message: 'Wpisz liczbę poparć' });
  else if (/^-?\d+$/.test(count) && Math.abs(n) > paperCountMax) errors.push({ field: 'liczba', message: `Jeden wpis może mieć najwyżej ${paperCountMax.toLocaleString('pl-PL')} poparć; większą liczbę dopisz w kilku wpisach` });
  else if (!/^-?\d+$/.test(count) || n === 0) errors.push({ field: 'liczba', message: 'Wpisz liczbę całkowitą różną od zera, np. 45 (albo -3, żeby poprawić wcześniejszy wpis)' });
  const note = form.note.trim();
  if (note === '') errors.push({ field: 'notatka', message: 'Wpisz notatkę: skąd są te poparcia' });
  else if (note.length > paperNoteMax) errors.push({ field: 'notatka', message: `Notatka może mieć najwyżej ${paperNoteMax} znaków` });
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(note)) errors.push({ field: 'notatka', message: 'Usuń z notatki niedozwolone znaki (np. znaki sterujące)' });
  return errors.length > 0 ? errors : { count: n, note };
}

export async function handleRequestsPanel(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return methodNotAllowed('GET, POST');
  const id = new URL(request.url).searchParams.get('w');
  if (id === null && request.method !== 'POST') return listPage(runtime, session);
  const entry = (await requestsFor(runtime)).get(id ?? '') ?? (id ? (await goneRequests(runtime, id))[0] : undefined);
  if (!entry) return notFound();
  if (request.method !== 'POST') return panelHtml(200, await requestPage(runtime, session, entry));
  const read = await readFields(request, 16 * 1024);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  const form = { count: firstField(read.fields, 'count'), note: firstField(read.fields, 'note') };
  const checked = checkPaper(form);
  if (Array.isArray(checked)) return panelHtml(422, await requestPage(runtime, session, entry, form, checked));
  const added = await addPaperSupports(runtime.db, { requestId: entry.id, ...checked, staffId: session.staff.id, now: runtime.now() });
  if (!added) {
    const errors = [{ field: 'liczba', message: 'Po tej poprawce liczba poparć na papierze byłaby ujemna. Sprawdź liczbę.' }];
    return panelHtml(422, await requestPage(runtime, session, entry, form, errors));
  }
  return panelRedirect(requestPanelUrl(entry.id));
}
