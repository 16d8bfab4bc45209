/**
 * /panel/wiadomosc/?p=<id> — a message to a programme's confirmed
 * participants. GET shows the form (GOV.UK pattern) with how many will get
 * it; POST queues it (message.ts) and redirects to the result, so reloading
 * the result page sends nothing. The form carries the message's id, made
 * when it was shown: a second press of the button, or a re-sent POST, finds
 * the message already queued (the outbox's dedupe keys and the audit log
 * name it) and sends nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { firstField, readFields } from '../../http/request.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { plural } from '../../lib/plural.ts';
import { html } from '../../lib/html.ts';
import type { FieldError } from '../../forms/field-error.ts';
import { textareaField, textField } from '../../forms/field.ts';
import { panelForm } from '../../forms/variants.ts';
import { countsOf } from '../applications.ts';
import { bodyMaxLength, sendStaffMessage, staffMessage, subjectMaxLength } from '../message.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { errorSummary, panelDocument, panelPaths, programmeUrl } from '../../panel/http/layout.ts';
import { methodNotAllowed, programmeOf } from '../../panel/http/programme-lookup.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fieldIds = { subject: 'temat', body: 'tresc-wiadomosci' } as const;

interface FormState {
  id: string;
  subject: string;
  body: string;
  includeWaitlisted: boolean;
}

async function form(runtime: Runtime, entry: CatalogueEntry, session: StaffSession, state: FormState, errors: FieldError[] = []): Promise<string> {
  const counts = await countsOf(runtime.db, entry.id);
  const errorOf = (id: string) => errors.find((e) => e.field === id)?.message;
  const recipients = counts.confirmed + counts.accepted;
  return panelDocument(
    `Wiadomość do uczestników: ${entry.title}`,
    html`${errorSummary(errors)}
<p class="breadcrumb"><a href="${programmeUrl(entry.id)}">${entry.title}</a></p>
<h1>Wiadomość do uczestników</h1>
<p>Wiadomość dostanie ${plural(recipients, 'osoba', 'osoby', 'osób')} z potwierdzonym zgłoszeniem (potwierdzone i przyjęte)${counts.waitlisted > 0 ? html`, a jeśli zaznaczysz pole niżej — także ${counts.waitlisted} z listy rezerwowej` : ''}. Każdy dostanie osobną wiadomość z kodem swojego zgłoszenia i linkiem do rezygnacji; adresy odbiorców nie są widoczne dla innych.</p>
<form method="post" action="${panelPaths.message}?p=${encodeURIComponent(entry.id)}" novalidate>
<input type="hidden" name="id" value="${state.id}">
${textField(panelForm, { id: fieldIds.subject, name: 'subject', label: 'Temat', hint: 'Widoczny w skrzynce odbiorcy. Nie wpisuj w nim danych osobowych.', value: state.subject, error: errorOf(fieldIds.subject), maxLength: subjectMaxLength })}
${textareaField(panelForm, { id: fieldIds.body, name: 'body', label: 'Treść', hint: `Akapity oddziel pustym wierszem. Najwyżej ${plural(bodyMaxLength, 'znak', 'znaki', 'znaków')}. Kod zgłoszenia i link do rezygnacji dodamy sami.`, value: state.body, error: errorOf(fieldIds.body), rows: 10 })}
${counts.waitlisted > 0
  ? html`<div class="form-group checkbox"><input type="checkbox" id="rezerwowa" name="includeWaitlisted" value="tak"${state.includeWaitlisted ? html` checked` : ''}>
<label for="rezerwowa">Wyślij też osobom z listy rezerwowej (${counts.waitlisted})</label></div>`
  : ''}
<button type="submit" class="button-primary">Wyślij wiadomość</button>
</form>`,
    { staffEmail: session.staff.email, hasErrors: errors.length > 0 },
  );
}

async function sentPage(runtime: Runtime, entry: CatalogueEntry, session: StaffSession, messageId: string): Promise<Response> {
  const { rows } = await runtime.db.query<{ detail: string | null }>(`SELECT detail FROM audit_log WHERE action = 'message' AND target = $1 AND programme_id = $2`, [messageId, entry.id]);
  if (!rows[0]) return refusePanel(404, 'Nie znaleziono wiadomości', ['Nie ma takiej wysłanej wiadomości.']);
  const count = Number(/\d+/.exec(rows[0].detail ?? "")?.[0] ?? 0);
  return panelHtml(200, panelDocument('Wiadomość wysłana', html`<h1>Wiadomość wysłana</h1>
<div class="panel panel-ok" role="status"><p>Wiadomość do uczestników programu „${entry.title}” czeka w kolejce do wysłania: ${plural(count, 'wiadomość', 'wiadomości', 'wiadomości')}. Wyjdą w ciągu kilku minut.</p></div>
<p><a href="${programmeUrl(entry.id)}">Wróć do programu</a></p>`, { staffEmail: session.staff.email }));
}

export async function handleMessage(request: Request, runtime: Runtime, session: StaffSession, context: FunctionContext): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return methodNotAllowed('GET, POST');
  const url = new URL(request.url);
  const entry = await programmeOf(runtime, url.searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  if (request.method !== 'POST') {
    const sent = url.searchParams.get('wyslano') ?? '';
    if (sent) return uuid.test(sent) ? sentPage(runtime, entry, session, sent) : refusePanel(404, 'Nie znaleziono wiadomości', ['Nie ma takiej wysłanej wiadomości.']);
    return panelHtml(200, await form(runtime, entry, session, { id: randomUUID(), subject: '', body: '', includeWaitlisted: false }));
  }
  const read = await readFields(request, 64 * 1024);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  const state: FormState = {
    id: uuid.test(firstField(read.fields, 'id')) ? firstField(read.fields, 'id') : randomUUID(),
    subject: firstField(read.fields, 'subject'),
    body: firstField(read.fields, 'body'),
    includeWaitlisted: firstField(read.fields, 'includeWaitlisted') === 'tak',
  };
  const parsed = staffMessage.safeParse(state);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ field: issue.path[0] === 'subject' ? fieldIds.subject : fieldIds.body, message: issue.message }));
    return panelHtml(422, await form(runtime, entry, session, state, errors));
  }
  const { queued } = await sendStaffMessage(runtime.db, parsed.data, { entry, staffId: session.staff.id, links: runtime.links, now: runtime.now(), messageId: state.id });
  if (queued > 0) runtime.mailQueued(context);
  return panelRedirect(`${panelPaths.message}?p=${encodeURIComponent(entry.id)}&wyslano=${state.id}`);
}
