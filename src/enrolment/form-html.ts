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
import { escapeHtml, html } from '../lib/html.ts';
import { plural } from '../lib/plural.ts';
import { errorSummary, errorSummaryTitle } from '../forms/error-summary.ts';
import { checkboxField, errorMessage, selectField, textareaField, textField } from '../forms/field.ts';
import { publicForm } from '../forms/variants.ts';
import { fieldNames, type FieldError, type FormBlock, type FormValues, type OptionalFieldName } from './form-schema.ts';
import { formIsOpen, type EnrolmentState } from '../catalogue/window.ts';
import { renderStateNotice, type FormSubject, type NoticeBlock } from './form-notices.ts';

const formAction = '/api/zapisy';
export const formStart = '<!--enrolment-form-->';
export const formEnd = '<!--/enrolment-form-->';
export { errorSummaryTitle };

/** The id of the control an error is about, or undefined for an error about the whole form. */
export function fieldId(field: string): string | undefined {
  if (field.startsWith('declarations.')) return `enrol-declaration-${field.slice('declarations.'.length)}`;
  return (['email', 'consent', 'website', ...Object.values(fieldNames)] as string[]).includes(field) ? `enrol-${field}` : undefined;
}

const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);

/** The inline error, placed right above its control (the forms kit's, src/forms/field.ts). */
export const renderFieldError = (id: string, message: string): string => errorMessage(id, message).value;

/**
 * The summary at the top (the forms kit's, src/forms/error-summary.ts): the
 * same sentences as inline, each linking to its control. `autofocus` takes
 * the focus to it when a server-rendered page loads; the script, which
 * focuses it itself, leaves the attribute out.
 */
export function renderErrorSummary(errors: readonly FieldError[], { autofocus = true } = {}): string {
  return errorSummary(publicForm, { errors, controlId: fieldId, autofocus }).value;
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
  const common = { id: `enrol-${name}`, name, error: error(name), required: true, value: o.values?.[name] ?? '' };
  switch (name) {
    case 'name':
      return textField(publicForm, { ...common, label: 'Imię i nazwisko', autocomplete: 'name', spellcheck: false }).value;
    case 'phone':
      return textField(publicForm, { ...common, label: 'Numer telefonu', hint: 'Na przykład 600 123 456. Zadzwonimy tylko w sprawie zgłoszenia.', type: 'tel', autocomplete: 'tel' }).value;
    case 'district':
      return selectField(publicForm, { ...common, label: 'Dzielnica, w której mieszkasz', options: [{ value: '', label: 'Wybierz dzielnicę' }, ...districts.options] }).value;
    case 'ageBand':
      return selectField(publicForm, { ...common, label: 'Przedział wieku', options: [{ value: '', label: 'Wybierz przedział wieku' }, ...ageBands.options] }).value;
    case 'organisation':
      return textField(publicForm, { ...common, label: 'Nazwa organizacji', hint: 'Na przykład stowarzyszenie, fundacja albo rada osiedla, którą reprezentujesz.', autocomplete: 'organization' }).value;
    case 'message': {
      const max = o.enrolment.messageMaxLength;
      const label = o.subject === 'consultation' ? 'Twoje pytanie lub uwaga' : 'Wiadomość';
      return textareaField(publicForm, { ...common, label, hint: `Możesz wpisać najwyżej ${plural(max, 'znak', 'znaki', 'znaków')}.`, rows: 6, maxLength: max }).value;
    }
  }
}

const canonicalOrder: readonly OptionalFieldName[] = ['name', 'phone', 'district', 'ageBand', 'organisation', 'message'];

function consentLabel(subject: FormSubject) {
  const after = subject === 'programme' ? 'ostatnim wydarzeniu programu' : 'zakończeniu konsultacji';
  const purpose = subject === 'programme' ? 'zgłoszenia' : 'moich uwag';
  return html`Zgadzam się, aby Prezydent Miasta Krakowa przetwarzał dane z tego formularza w celu obsługi ${purpose}; dane zostaną usunięte 90 dni po ${after}, a zgodę mogę w każdej chwili cofnąć (<a href="${pageUrls.privacy}" target="_blank" rel="noopener">informacja o przetwarzaniu danych osobowych, otwiera się w nowej karcie</a>).`;
}

/** The submit button's words: a full programme signs people up for the waiting list. */
export const submitLabel = (state: EnrolmentState, subject: FormSubject) =>
  state === 'full-waitlist' ? 'Zapisz się na listę rezerwową' : subject === 'programme' ? 'Wyślij zgłoszenie' : 'Wyślij';

/** A failure to send that is nobody's typing mistake (network, rate limit, server error); focused like the summary. */
export function renderSendError(message: string): string {
  return errorSummary(publicForm, { id: 'enrol-send-error', title: 'Nie udało się wysłać formularza', description: message, errors: [], autofocus: false }).value;
}

function renderForm(o: FormOptions): string {
  const subject = o.subject ?? 'programme';
  const errors = o.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const values = o.values ?? {};
  const asked = new Set<string>(o.enrolment.fields.map((f) => fieldNames[f]));
  const fields = canonicalOrder.filter((f) => asked.has(f)).map((f) => optionalField(f, o, error));
  const email = textField(publicForm, { id: 'enrol-email', name: 'email', label: 'Adres e-mail', hint: 'Wyślemy na niego link potwierdzający.', error: error('email'), required: true, value: values.email ?? '', type: 'email', autocomplete: 'email' });
  fields.splice(asked.has('name') ? 1 : 0, 0, email.value);
  const ticked = new Set(values.declarations ?? []);
  const declarations = o.enrolment.declarations.length === 0 ? '' :
    `<fieldset class="form-fieldset" aria-describedby="enrol-declarations-hint"><legend class="form-legend">Oświadczenia</legend>` +
    `<p class="form-hint" id="enrol-declarations-hint">Zaznacz każde z oświadczeń.</p>` +
    o.enrolment.declarations.map((d) => checkboxField(publicForm, { id: `enrol-declaration-${d.id}`, name: 'declarations', label: d.text, error: error(`declarations.${d.id}`), required: true, value: d.id, checked: ticked.has(d.id) }).value).join('') +
    `</fieldset>`;
  const data = { fields: o.enrolment.fields, declarations: o.enrolment.declarations, messageMaxLength: o.enrolment.messageMaxLength, opens: o.enrolment.opens, closes: o.enrolment.closes, mode: o.enrolment.mode, capacity: o.enrolment.capacity, subject };
  return (
    `<form class="form" id="enrol-form" action="${formAction}" method="post" accept-charset="utf-8" aria-labelledby="enrol-form-title" data-enrolment-form${attr('data-state', o.state)}${attr('data-enrolment', JSON.stringify(data))}>` +
    `<h3 id="enrol-form-title">${subject === 'programme' ? 'Formularz zgłoszenia' : 'Formularz pytań i uwag'}</h3>` +
    `<p>Wszystkie pola są obowiązkowe.</p>` +
    `<input type="hidden" name="programme"${attr('value', o.programmeId)}>` +
    fields.join('') +
    declarations +
    checkboxField(publicForm, { id: 'enrol-consent', name: 'consent', label: consentLabel(subject), error: error('consent'), required: true, value: 'tak', checked: values.consent === 'tak' }).value +
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
