/**
 * /panel/usun/?a=<application id> — deleting one person's data on their
 * request. GET shows whose data it is and what will happen; only the POST
 * of its button deletes (delete.ts), audited.
 */
import { districts } from '../../data/districts.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { formatDay, formatTime } from '../../lib/dates.ts';
import { html } from '../../lib/html.ts';
import { stateLabel } from '../../enrolment/applications.ts';
import { applicationById } from '../applications.ts';
import { deletePersonData } from '../delete.ts';
import { unpublishedProgramme } from '../unpublished.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { panelDocument, panelPaths, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelHtml } from '../../http/respond.ts';

const notFound = () => refusePanel(404, 'Nie znaleziono zgłoszenia', ['Nie ma takiego zgłoszenia. Wybierz je z listy zgłoszeń programu.']);

export async function handleDelete(request: Request, runtime: Runtime, session: StaffSession, context: FunctionContext): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return methodNotAllowed('GET, POST');
  const applicationId = new URL(request.url).searchParams.get('a') ?? '';
  const found = await applicationById(runtime.db, applicationId);
  if (!found) return notFound();
  const catalogue = await runtime.catalogue();
  const entry = catalogue.get(found.programmeId);
  // A programme no longer on the site keeps its page in the panel (src/staff/unpublished.ts), named by its last title or its id.
  const title = entry?.title ?? (await unpublishedProgramme(runtime.db, catalogue, found.programmeId))?.title ?? found.programmeId;
  const back = html`<p><a href="${programmeUrl(found.programmeId)}">Wróć do zgłoszeń programu „${title}”</a></p>`;
  const frame = { staffEmail: session.staff.email };
  if (found.status === 'withdrawn' && request.method !== 'POST') {
    return panelHtml(410, panelDocument('Dane już usunięte', html`<h1>Dane już usunięte</h1><p>Zgłoszenie <strong class="code-cell">${found.code}</strong> jest wycofane; nie ma w nim danych osobowych.</p>${back}`, frame));
  }
  if (request.method === 'POST') {
    const result = await deletePersonData(runtime.db, found.id, { catalogue, links: runtime.links, now: runtime.now(), staffId: session.staff.id });
    if (result.kind === 'unknown') return notFound();
    if (result.kind === 'withdrawn' && result.promoted) runtime.mailQueued(context);
    const title = result.kind === 'withdrawn' ? 'Dane usunięte' : 'Dane już usunięte';
    return panelHtml(result.kind === 'withdrawn' ? 200 : 410, panelDocument(title, html`<h1>${title}</h1>
<div class="panel panel-ok" role="status"><p>Dane osoby ze zgłoszenia <strong class="code-cell">${result.code}</strong> zostały usunięte. Został tylko kod z oznaczeniem „wycofane”${result.kind === 'withdrawn' && result.promoted ? '; zwolnione miejsce dostała pierwsza osoba z listy rezerwowej' : ''}.</p>
<p>Usunięcie jest zapisane w dzienniku działań. Osobie, która o nie prosiła, odpowiedz z własnej skrzynki: portal nie ma już jej adresu.</p></div>
${back}`, frame));
  }
  const shownFields: [string, string | null][] = [
    ['Kod zgłoszenia', found.code],
    ['Stan', stateLabel[found.status]],
    ['Imię i nazwisko', found.name],
    ['Adres e-mail', found.email],
    ['Telefon', found.phone],
    ['Dzielnica', found.district ? districts.label(found.district as never) : null],
    ['Zgłoszono', `${formatDay(found.createdAt)}, ${formatTime(found.createdAt)}`],
  ];
  return panelHtml(200, panelDocument('Usunięcie danych osoby', html`<h1>Usunąć dane osoby ze zgłoszenia?</h1>
<p>Program: „${title}”${entry ? '' : ' (nie ma go już na stronie)'}.</p>
<dl class="summary-list">${shownFields.filter(([, v]) => v).map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
<div class="panel"><p>Usuniemy adres e-mail i wszystkie inne dane tej osoby. Zostanie tylko kod zgłoszenia z oznaczeniem „wycofane”, żeby opublikowane listy i wyniki losowania dało się sprawdzić. Jeśli osoba miała miejsce, dostanie je pierwsza osoba z listy rezerwowej. Tego nie da się cofnąć.</p></div>
<form method="post" action="${panelPaths.delete}?a=${found.id}" class="actions">
<button type="submit" class="button">Tak, usuń dane tej osoby</button>
</form>
${back}`, frame));
}
