/**
 * The sign-up form as HTML, GOV.UK style: error summary first, inline errors
 * above their control, hint and error ids in aria-describedby, everything
 * typed kept. One function renders it for the build (EnrolmentForm.astro),
 * for the server's answer to a plain POST and, piece by piece, for the
 * browser script, so all three produce the same markup and wording.
 * No inline script or style: the CSP forbids them.
 */
import { ageBands } from '../data/programmes.ts';
import { districts } from '../data/districts.ts';
import { pageUrls } from '../lib/urls.ts';
import { escapeHtml } from '../lib/html.ts';
import { mistakes, plural } from '../lib/plural.ts';
import { fieldNames, type FieldError, type FormBlock, type FormValues, type OptionalFieldName } from './form-schema.ts';
import { formIsOpen, type EnrolmentState } from '../catalogue/window.ts';
import { renderStateNotice, type FormSubject, type NoticeBlock } from './form-notices.ts';

export const formAction = '/api/zapisy';
export const formStart = '<!--enrolment-form-->';
export const formEnd = '<!--/enrolment-form-->';
/** The summary's heading, with the count: "Popraw 1 błąd w formularzu", "Popraw 3 błędy …", "Popraw 5 błędów …". */
export const errorSummaryTitle = (count: number) => `Popraw ${mistakes(count)} w formularzu`;

/** The id of the control an error is about, or undefined for an error about the whole form. */
export function fieldId(field: string): string | undefined {
  if (field.startsWith('declarations.')) return `enrol-declaration-${field.slice('declarations.'.length)}`;
  return (['email', 'consent', 'website', ...Object.values(fieldNames)] as string[]).includes(field) ? `enrol-${field}` : undefined;
}

const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);
const flag = (name: string, on: boolean) => (on ? ` ${name}` : '');

/** The inline error, placed right above its control. */
export function renderFieldError(id: string, message: string): string {
  return `<p class="field-error" id="${escapeHtml(id)}-error"><span class="visually-hidden">Błąd:</span> ${escapeHtml(message)}</p>`;
}

/**
 * The summary at the top: the same sentences as inline, each linking to its
 * control. `autofocus` takes the focus to it when a server-rendered page
 * loads; the script, which focuses it itself, leaves the attribute out.
 */
export function renderErrorSummary(errors: readonly FieldError[], { autofocus = true } = {}): string {
  const items = errors.map((e) => {
    const id = fieldId(e.field);
    return `<li>${id ? `<a href="#${escapeHtml(id)}">${escapeHtml(e.message)}</a>` : escapeHtml(e.message)}</li>`;
  });
  return (
    `<div class="error-summary" id="enrol-error-summary" role="alert" tabindex="-1"${flag('autofocus', autofocus)} aria-labelledby="enrol-error-summary-title">` +
    `<h3 class="error-summary-title" id="enrol-error-summary-title">${errorSummaryTitle(errors.length)}</h3>` +
    `<ul class="error-summary-list">${items.join('')}</ul></div>`
  );
}

interface Control {
  id: string;
  error: string | undefined;
  hint?: string | undefined;
}

/** The attributes that wire a control to its hint and error. */
function describedBy({ id, error, hint }: Control): string {
  const ids = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return attr('aria-describedby', ids || undefined) + (error ? ' aria-invalid="true"' : '');
}

function group(control: Control, label: string, input: string): string {
  return (
    `<div class="form-group${control.error ? ' form-group-error' : ''}">` +
    `<label class="form-label" for="${control.id}">${label}</label>` +
    (control.hint ? `<p class="form-hint" id="${control.id}-hint">${control.hint}</p>` : '') +
    (control.error ? renderFieldError(control.id, control.error) : '') +
    input +
    `</div>`
  );
}

function textInput(control: Control, name: string, value: string, extra: string): string {
  return `<input class="form-input${control.error ? ' form-input-error' : ''}" id="${control.id}" name="${name}"${extra} required${describedBy(control)}${attr('value', value)}>`;
}

function select(control: Control, name: string, value: string, prompt: string, options: readonly { value: string; label: string }[]): string {
  const choices = [{ value: '', label: prompt }, ...options].map((o) => `<option${attr('value', o.value)}${flag('selected', o.value === value)}>${escapeHtml(o.label)}</option>`);
  return `<select class="form-select${control.error ? ' form-input-error' : ''}" id="${control.id}" name="${name}" required${describedBy(control)}>${choices.join('')}</select>`;
}

function checkbox(control: Control, name: string, value: string, checked: boolean, label: string): string {
  return (
    `<div class="form-group${control.error ? ' form-group-error' : ''}">` +
    (control.error ? renderFieldError(control.id, control.error) : '') +
    `<div class="checkbox"><input class="checkbox-input" type="checkbox" id="${control.id}" name="${name}"${attr('value', value)}${flag('checked', checked)} required${describedBy(control)}>` +
    `<label class="checkbox-label" for="${control.id}">${label}</label></div></div>`
  );
}

export interface FormOptions {
  programmeId: string;
  /** The CMS block, parsed (dates) or from JSON (ISO strings). */
  enrolment: FormBlock & NoticeBlock;
  state: EnrolmentState;
  values?: FormValues | undefined;
  errors?: readonly FieldError[] | undefined;
  subject?: FormSubject | undefined;
  placesLeft?: number | undefined;
  /** The build's time, so the page can say its state may be stale. */
  asOf?: Date | undefined;
}

function optionalField(name: OptionalFieldName, o: FormOptions, error: (f: string) => string | undefined): string {
  const value = o.values?.[name] ?? '';
  const control = (hint?: string): Control => ({ id: `enrol-${name}`, error: error(name), hint });
  switch (name) {
    case 'name':
      return group(control(), 'Imię i nazwisko', textInput(control(), name, value, ' type="text" autocomplete="name" spellcheck="false"'));
    case 'phone': {
      const c = control('Na przykład 600 123 456. Zadzwonimy tylko w sprawie zgłoszenia.');
      return group(c, 'Numer telefonu', textInput(c, name, value, ' type="tel" autocomplete="tel"'));
    }
    case 'district':
      return group(control(), 'Dzielnica, w której mieszkasz', select(control(), name, value, 'Wybierz dzielnicę', districts.options));
    case 'ageBand':
      return group(control(), 'Przedział wieku', select(control(), name, value, 'Wybierz przedział wieku', ageBands.options));
    case 'organisation': {
      const c = control('Na przykład stowarzyszenie, fundacja albo rada osiedla, którą reprezentujesz.');
      return group(c, 'Nazwa organizacji', textInput(c, name, value, ' type="text" autocomplete="organization"'));
    }
    case 'message': {
      const max = o.enrolment.messageMaxLength;
      const c = control(`Możesz wpisać najwyżej ${plural(max, 'znak', 'znaki', 'znaków')}.`);
      const label = o.subject === 'consultation' ? 'Twoje pytanie lub uwaga' : 'Wiadomość';
      // The newline after the opening tag: the HTML parser drops one there, so a value's own first line break survives.
      const textarea = `<textarea class="form-textarea${c.error ? ' form-input-error' : ''}" id="${c.id}" name="message" rows="6" maxlength="${max}" required${describedBy(c)}>\n${escapeHtml(value)}</textarea>`;
      return group(c, label, textarea);
    }
  }
}

const canonicalOrder: readonly OptionalFieldName[] = ['name', 'phone', 'district', 'ageBand', 'organisation', 'message'];

function consentLabel(subject: FormSubject): string {
  const after = subject === 'programme' ? 'ostatnim wydarzeniu programu' : 'zakończeniu konsultacji';
  return (
    `Zgadzam się, aby Prezydent Miasta Krakowa przetwarzał dane z tego formularza w celu obsługi ${subject === 'programme' ? 'zgłoszenia' : 'moich uwag'}; ` +
    `dane zostaną usunięte 90 dni po ${after}, a zgodę mogę w każdej chwili cofnąć ` +
    `(<a href="${pageUrls.privacy}" target="_blank" rel="noopener">informacja o przetwarzaniu danych osobowych, otwiera się w nowej karcie</a>).`
  );
}

/** The submit button's words: a full programme signs people up for the waiting list. */
export const submitLabel = (state: EnrolmentState, subject: FormSubject) =>
  state === 'full-waitlist' ? 'Zapisz się na listę rezerwową' : subject === 'programme' ? 'Wyślij zgłoszenie' : 'Wyślij';

/** A failure to send that is nobody's typing mistake (network, rate limit, server error); focused like the summary. */
export function renderSendError(message: string): string {
  return (
    `<div class="error-summary" id="enrol-send-error" role="alert" tabindex="-1" aria-labelledby="enrol-send-error-title">` +
    `<h3 class="error-summary-title" id="enrol-send-error-title">Nie udało się wysłać formularza</h3>` +
    `<p>${escapeHtml(message)}</p></div>`
  );
}

function renderForm(o: FormOptions): string {
  const subject = o.subject ?? 'programme';
  const errors = o.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const values = o.values ?? {};
  const asked = new Set<string>(o.enrolment.fields.map((f) => fieldNames[f]));
  const fields = canonicalOrder.filter((f) => asked.has(f)).map((f) => optionalField(f, o, error));
  const email: Control = { id: 'enrol-email', error: error('email'), hint: 'Wyślemy na niego link potwierdzający.' };
  fields.splice(asked.has('name') ? 1 : 0, 0, group(email, 'Adres e-mail', textInput(email, 'email', values.email ?? '', ' type="email" autocomplete="email" spellcheck="false"')));
  const ticked = new Set(values.declarations ?? []);
  const declarations = o.enrolment.declarations.length === 0 ? '' :
    `<fieldset class="form-fieldset" aria-describedby="enrol-declarations-hint"><legend class="form-legend">Oświadczenia</legend>` +
    `<p class="form-hint" id="enrol-declarations-hint">Zaznacz każde z oświadczeń.</p>` +
    o.enrolment.declarations.map((d) => checkbox({ id: `enrol-declaration-${d.id}`, error: error(`declarations.${d.id}`) }, 'declarations', d.id, ticked.has(d.id), escapeHtml(d.text))).join('') +
    `</fieldset>`;
  const data = { fields: o.enrolment.fields, declarations: o.enrolment.declarations, messageMaxLength: o.enrolment.messageMaxLength, opens: o.enrolment.opens, closes: o.enrolment.closes, mode: o.enrolment.mode, capacity: o.enrolment.capacity, subject };
  return (
    `<form class="form" id="enrol-form" action="${formAction}" method="post" accept-charset="utf-8" aria-labelledby="enrol-form-title" data-enrolment-form${attr('data-state', o.state)}${attr('data-enrolment', JSON.stringify(data))}>` +
    `<h3 id="enrol-form-title">${subject === 'programme' ? 'Formularz zgłoszenia' : 'Formularz pytań i uwag'}</h3>` +
    `<p>Wszystkie pola są obowiązkowe.</p>` +
    `<input type="hidden" name="programme"${attr('value', o.programmeId)}>` +
    fields.join('') +
    declarations +
    checkbox({ id: 'enrol-consent', error: error('consent') }, 'consent', 'tak', values.consent === 'tak', consentLabel(subject)) +
    `<div class="form-honeypot visually-hidden" aria-hidden="true"><label for="enrol-website">Nie wypełniaj tego pola</label><input type="text" id="enrol-website" name="website" tabindex="-1" autocomplete="off" value=""></div>` +
    `<p>Po wysłaniu formularza dostaniesz e-mail z linkiem. ${subject === 'programme' ? 'Zgłoszenie przyjmiemy' : 'Uwagi przyjmiemy'} dopiero wtedy, gdy go klikniesz.</p>` +
    `<button type="submit" class="button">${submitLabel(o.state, subject)}</button>` +
    `</form>`
  );
}

/**
 * The whole form region: errors (if any), the window's state, and the form
 * while the window is open. `values` and `errors` come from parseSubmission.
 */
export function renderEnrolmentForm(o: FormOptions): string {
  const errors = o.errors ?? [];
  const notice = renderStateNotice({ state: o.state, block: o.enrolment, subject: o.subject, placesLeft: o.placesLeft, asOf: o.asOf });
  return (
    `<div class="enrolment-form" id="enrol-region" data-pagefind-ignore>` +
    (errors.length > 0 && formIsOpen(o.state) ? renderErrorSummary(errors) : '') +
    notice +
    (formIsOpen(o.state) ? renderForm(o) : '') +
    `</div>`
  );
}

/** The region with its markers, as the build writes it into the page. */
export const markedEnrolmentForm = (formHtml: string) => `${formStart}${formHtml}${formEnd}`;

const titlePrefix = 'Błąd: ';

/**
 * A built page with its form region replaced (the server's answer to a plain
 * POST) and, when the form has errors, "Błąd: " before the title.
 */
export function injectEnrolmentForm(pageHtml: string, formHtml: string, { hasErrors }: { hasErrors: boolean }): string {
  const start = pageHtml.indexOf(formStart);
  const end = pageHtml.indexOf(formEnd, start);
  if (start < 0 || end < 0) throw new Error('The page has no enrolment form region (<!--enrolment-form--> … <!--/enrolment-form-->)');
  const page = pageHtml.slice(0, start + formStart.length) + formHtml + pageHtml.slice(end);
  return page.replace(/<title>(?:Błąd: )?/, `<title>${hasErrors ? titlePrefix : ''}`);
}
