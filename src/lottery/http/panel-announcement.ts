/**
 * /panel/losowanie/ogloszenie/?p=<id> — a lottery's recorded announcement
 * in the staff panel (issue 11 §2): what was recorded when enrolment opened,
 * its SHA-256 and canonical text, where content now differs from it (the
 * conflict that stops the draw), the corrections made so far, and the form
 * for correcting a typo in a source's description (announcement-correction.ts:
 * audited, public, only before the recorded close of enrolment). POST
 * records the correction and redirects back, so a reload repeats nothing;
 * mistakes come back in the GOV.UK pattern with everything typed kept.
 */
import { canonicalText, type AnnouncementRecord, type Difference } from '../../draw/announcement.ts';
import { announcementHashes } from '../../draw/announcement-check.ts';
import { type CatalogueEntry, isLottery } from '../../catalogue/catalogue.ts';
import { firstField, readFields } from '../../http/request.ts';
import type { Runtime } from '../../http/runtime.ts';
import { formatDayTime } from '../../lib/dates.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import type { FieldError } from '../../forms/field-error.ts';
import { selectField, textareaField } from '../../forms/field.ts';
import { panelForm } from '../../forms/variants.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { errorSummary, panelDocument, panelPageUrl, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed, programmeOf } from '../../panel/http/programme-lookup.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';
import { announcementFor, conflictsOf } from '../../draw/announcement-record.ts';
import { conflictIntro, conflictRemedy } from '../../draw/announcement-conflict.ts';
import { correctDescription, typoRulesText, type CorrectionField } from '../announcement-correction.ts';

const panelAnnouncementUrl = (id: string) => panelPageUrl('drawAnnouncement', id);
const fieldIds: Record<CorrectionField, string> = { source: 'zrodlo', description: 'opis', reason: 'powod' };

/**
 * The conflict between content and the record, for this page and the draw's
 * (panel-draw.ts): which field, as recorded and as content says it now.
 */
function conflictSection(entry: CatalogueEntry, found: readonly Difference[]): SafeHtml {
  if (found.length === 0) return html``;
  return html`<div class="panel panel-problem" role="alert" id="konflikt-ogloszenia">
<h2>Treść różni się od zapisanego ogłoszenia</h2>
<p>${conflictIntro}</p>
<div class="table-wrap"><table>
<caption>Różnice między ogłoszeniem a obecną treścią</caption>
<thead><tr><th scope="col">Pole</th><th scope="col">Ogłoszono (zapisane)</th><th scope="col">Teraz w treści</th></tr></thead>
<tbody>${found.map((d) => html`<tr><th scope="row">${d.field}</th><td>${d.recorded}</td><td>${d.current}</td></tr>`)}</tbody>
</table></div>
<p>${conflictRemedy}</p>
<p><a href="${panelAnnouncementUrl(entry.id)}">Zapisane ogłoszenie i poprawki</a></p>
</div>`;
}

/** For the draw's page: the conflict when there is one, else a line with the hash and a link to this page. */
export function announcementBlock(entry: CatalogueEntry, record: AnnouncementRecord | undefined, found: readonly Difference[]): SafeHtml {
  if (found.length > 0) return conflictSection(entry, found);
  if (!record) return html``;
  return html`<p>Ogłoszenie losowania zapisane ${formatDayTime(new Date(record.recordedAt))}, SHA-256 <span class="code-cell">${record.sha256}</span>: <a href="${panelAnnouncementUrl(entry.id)}">ogłoszenie i poprawki</a>.</p>`;
}

function recordFacts(record: AnnouncementRecord): SafeHtml {
  const f = record.facts;
  const hashes = announcementHashes(record);
  return html`<dl class="facts">
<dt>Zapisane</dt><dd>${formatDayTime(new Date(record.recordedAt))}</dd>
<dt>SHA-256 ogłoszenia</dt><dd class="code-cell">${record.sha256}</dd>
${hashes.length > 1 ? html`<dt>SHA-256 przy otwarciu naboru</dt><dd class="code-cell">${hashes[0]}</dd>` : ''}
<dt>Nabór</dt><dd>od ${formatDayTime(new Date(f.opens))} do ${formatDayTime(new Date(f.closes))}</dd>
<dt>Liczba miejsc</dt><dd>${String(f.capacity)}</dd>
<dt>Data losowania</dt><dd>${f.drawDate ? formatDayTime(new Date(f.drawDate)) : 'nie ogłoszono'}</dd>
</dl>
<h2>Źródła losowości</h2>
<ol>${f.sources.map((s) => html`<li>${s.description} (${s.kind === 'numbers' ? 'liczby' : 'tekst'})</li>`)}</ol>
<details><summary>Tekst kanoniczny (RFC 8785), z którego liczony jest skrót</summary><pre class="code-cell">${canonicalText(f)}</pre></details>`;
}

function correctionsList(record: AnnouncementRecord): SafeHtml {
  if (record.corrections.length === 0) return html`<h2 id="poprawki">Poprawki</h2><p>Nie było poprawek.</p>`;
  return html`<h2 id="poprawki">Poprawki</h2>
<ol>${record.corrections.map((c) => html`<li>${formatDayTime(new Date(c.correctedAt))}, źródło ${String(c.source)}: „${c.before}” → „${c.after}”. Powód: ${c.reason}</li>`)}</ol>`;
}

interface FormState {
  source: string;
  description: string;
  reason: string;
  errors: FieldError[];
}

function correctionForm(entry: CatalogueEntry, record: AnnouncementRecord, state: FormState): SafeHtml {
  const errorOf = (id: string) => state.errors.find((e) => e.field === id)?.message;
  return html`<h2>Popraw literówkę w opisie źródła</h2>
<p>Poprawka dotyczy wyłącznie pisowni opisu, nie zmienia źródła. Zapisujemy ją w dzienniku działań, a starą i nową treść z powodem pokazujemy publicznie na stronie losowania. Po zapisaniu zmień opis w treści programu (CMS) dokładnie na nowy tekst. Poprawki są możliwe tylko do końca naboru (${formatDayTime(new Date(record.facts.closes))}).</p>
<p id="zasady-poprawki">${typoRulesText}</p>
<form method="post" action="${panelAnnouncementUrl(entry.id)}" novalidate>
${selectField(panelForm, { id: fieldIds.source, name: 'zrodlo', label: 'Źródło', value: state.source, error: errorOf(fieldIds.source), options: record.facts.sources.map((s, i) => ({ value: String(i + 1), label: `${i + 1}. ${s.description}` })) })}
${textareaField(panelForm, { id: fieldIds.description, name: 'opis', label: 'Poprawiony opis', hint: 'Cały opis źródła po poprawce: te same liczby i miesiące, najwyżej kilka zmienionych znaków.', value: state.description, error: errorOf(fieldIds.description), rows: 3, maxLength: 500 })}
${textareaField(panelForm, { id: fieldIds.reason, name: 'powod', label: 'Powód poprawki', hint: 'Widoczny publicznie, np. „Literówka w nazwie miesiąca”.', value: state.reason, error: errorOf(fieldIds.reason), rows: 3, maxLength: 500 })}
<button type="submit" class="button-primary">Zapisz poprawkę</button>
</form>`;
}

async function page(runtime: Runtime, entry: CatalogueEntry, session: StaffSession, state: FormState): Promise<Response> {
  const now = runtime.now();
  const record = await announcementFor(runtime.db, entry, now);
  let content: SafeHtml;
  if (!record) {
    content = html`<div class="panel"><p>Ogłoszenie zapisze się, gdy otworzy się nabór (${formatDayTime(entry.enrolment.opens)}). Do tego czasu źródła, terminy i liczbę miejsc można zmieniać w treści programu.</p></div>`;
  } else {
    const open = now < new Date(record.facts.closes);
    content = html`${conflictSection(entry, conflictsOf(record, entry.enrolment, entry.id))}
<p>Ogłoszenie zapisano, gdy otworzył się nabór. Losowanie korzysta tylko z niego; zmian w treści CMS i budowanie strony nie przyjmą.</p>
${recordFacts(record)}${correctionsList(record)}
${open ? correctionForm(entry, record, state) : html`<p>Nabór się zakończył: opisów źródeł nie można już poprawiać.</p>`}`;
  }
  const body = html`${errorSummary(state.errors)}
<p class="breadcrumb"><a href="${programmeUrl(entry.id)}">${entry.title}</a></p>
<h1>Ogłoszenie losowania</h1>
${content}`;
  return panelHtml(state.errors.length > 0 ? 422 : 200, panelDocument(`Ogłoszenie losowania: ${entry.title}`, body, { staffEmail: session.staff.email, hasErrors: state.errors.length > 0 }));
}

export async function handlePanelAnnouncement(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return methodNotAllowed('GET, POST');
  const entry = await programmeOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  if (!isLottery(entry)) return refusePanel(404, 'Ten program nie ma losowania', ['Ogłoszenie losowania mają tylko programy, w których o miejscach decyduje losowanie (i które nie zostały odwołane).']);
  const empty = { source: '1', description: '', reason: '', errors: [] };
  if (request.method !== 'POST') return page(runtime, entry, session, empty);

  const read = await readFields(request, 16_384);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  const state = { source: firstField(read.fields, 'zrodlo'), description: firstField(read.fields, 'opis').slice(0, 500), reason: firstField(read.fields, 'powod').slice(0, 500) };
  const source = /^[1-9][0-9]?$/.test(state.source) ? Number(state.source) : 0;
  const outcome = await correctDescription(runtime.db, entry, { source, description: state.description, reason: state.reason, staffId: session.staff.id, now: runtime.now() });
  switch (outcome.kind) {
    case 'corrected':
      return panelRedirect(`${panelAnnouncementUrl(entry.id)}#poprawki`);
    case 'invalid':
      return page(runtime, entry, session, { ...state, errors: outcome.errors.map((e) => ({ field: fieldIds[e.field], message: e.message })) });
    case 'too-late':
      return page(runtime, entry, session, { ...state, errors: [{ field: fieldIds.description, message: `Nabór zakończył się ${formatDayTime(outcome.closes)}: opisów źródeł nie można już poprawiać` }] });
    case 'not-recorded':
      return page(runtime, entry, session, { ...state, errors: [{ field: fieldIds.description, message: 'Ogłoszenie nie jest jeszcze zapisane: opis zmień w treści programu' }] });
  }
}
