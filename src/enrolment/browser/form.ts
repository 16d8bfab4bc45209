/**
 * Enhances the sign-up form (EnrolmentForm.astro). Without this script the
 * form is a plain POST the server answers with the same markup; with it:
 * the same zod schema checks the form before it leaves the browser (on
 * submit, then on leaving each field), errors appear exactly as the server
 * would render them, the form is sent with fetch and cannot be sent twice,
 * and the live state of the window (open, full, closed; places left) replaces
 * the one decided when the page was built. The error summary's links behave
 * as GOV.UK's do (src/forms/browser/error-summary.ts, shared with the panel).
 *
 * If the status endpoint cannot be reached, the form falls back to the plain
 * POST: the browser still checks it, the server does the rest.
 */
import { errorSummaryTitle, fieldId, renderErrorSummary, renderFieldError, renderSendError, submitLabel } from '../form-html.ts';
import type { EnrolmentState } from '../../catalogue/window.ts';
import { followErrorSummaryLinks } from '../../forms/browser/error-summary.ts';
import { charactersLeft, renderStateNotice, renderSubmitted, stateSentence, type FormSubject, type NoticeBlock } from '../form-notices.ts';
import { failureMessages, parseStatus, submitOutcome, type LiveStatus } from '../form-responses.ts';
import { normaliseLineBreaks, parseSubmission, type FieldError, type FormBlock } from '../form-schema.ts';

type Block = FormBlock & NoticeBlock & { subject: FormSubject };

const statusTimeoutMs = 5_000;
const submitTimeoutMs = 20_000;
const titlePrefix = 'Błąd: ';

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-enrolment-form]')) enhance(form);

function enhance(form: HTMLFormElement): void {
  if (typeof fetch !== 'function' || typeof AbortSignal === 'undefined' || typeof AbortSignal.timeout !== 'function') return;
  const region = form.closest<HTMLElement>('.enrolment-form');
  if (!region) return;
  const block = JSON.parse(form.dataset['enrolment'] ?? '{}') as Block;
  const programmeId = (form.elements.namedItem('programme') as HTMLInputElement | null)?.value ?? '';
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  // A polite live region outside the part that gets replaced, so it survives every change.
  const live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  region.after(live);

  form.noValidate = true;
  let state = (form.dataset['state'] ?? 'open') as EnrolmentState;
  let viaFetch = false;
  let pending = false;
  // Errors the server rendered (a plain POST answered) count as a first attempt.
  let attempted = region.querySelector('#enrol-error-summary') !== null;
  let shown: FieldError[] = attempted ? readRenderedErrors(region) : [];
  if (attempted) setTitle(shown.length > 0);

  enhanceCharacterCount(form, block.messageMaxLength);

  const currentErrors = () => {
    const result = parseSubmission(block, new FormData(form));
    return result.ok ? [] : result.errors;
  };

  function show(errors: FieldError[], focusSummary: boolean): void {
    shown = sortByForm(form, errors);
    region!.querySelector('#enrol-send-error')?.remove();
    for (const control of form.querySelectorAll<HTMLElement>('[id^="enrol-"]')) setFieldError(control, undefined);
    for (const e of shown) {
      const control = document.getElementById(fieldId(e.field) ?? '');
      if (control) setFieldError(control, e.message);
    }
    const old = region!.querySelector('#enrol-error-summary');
    if (shown.length === 0) old?.remove();
    else if (old && !focusSummary) {
      old.querySelector('ul')!.outerHTML = listOf(renderErrorSummary(shown, { autofocus: false }));
      old.querySelector('.error-summary-title')!.textContent = errorSummaryTitle(shown.length);
    }
    else {
      old?.remove();
      region!.insertAdjacentHTML('afterbegin', renderErrorSummary(shown, { autofocus: false }));
    }
    setTitle(shown.length > 0);
    if (focusSummary && shown.length > 0) region!.querySelector<HTMLElement>('#enrol-error-summary')!.focus();
  }

  /** After a first attempt, leaving a field (or changing a box or list) checks that field again. */
  function recheck(target: EventTarget | null): void {
    if (!attempted || pending || !(target instanceof HTMLElement) || !target.id.startsWith('enrol-')) return;
    const field = shownField(target.id, form);
    if (!field) return;
    const fresh = currentErrors().find((e) => e.field === field);
    const others = shown.filter((e) => e.field !== field);
    show(fresh ? [...others, fresh] : others, false);
  }
  form.addEventListener('focusout', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') return;
    recheck(event.target);
  });
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement || (event.target instanceof HTMLInputElement && event.target.type === 'checkbox')) recheck(event.target);
  });
  followErrorSummaryLinks(region);

  function setBusy(busy: boolean): void {
    pending = busy;
    button.disabled = busy;
    if (busy) button.setAttribute('aria-busy', 'true');
    else button.removeAttribute('aria-busy');
  }
  // Back to a page left by a plain POST: the browser may restore it with the button still disabled.
  window.addEventListener('pageshow', () => setBusy(false));

  function failed(message: string): void {
    region!.querySelector('#enrol-send-error')?.remove();
    region!.insertAdjacentHTML('afterbegin', renderSendError(message));
    region!.querySelector<HTMLElement>('#enrol-send-error')!.focus();
  }

  function applyState(status: LiveStatus, announce: boolean): void {
    const changed = status.state !== state;
    state = status.state;
    const notice = renderStateNotice({ state, block, subject: block.subject, placesLeft: status.placesLeft });
    if (state === 'open' || state === 'full-waitlist') {
      region!.querySelector('#enrol-state')!.outerHTML = notice;
      form.dataset['state'] = state;
      button.textContent = submitLabel(state, block.subject);
    } else {
      // The window is shut: the form goes, with what the server said.
      region!.innerHTML = notice;
      setTitle(false);
    }
    if (announce && (changed || status.placesLeft !== undefined)) live.textContent = stateSentence({ state, block, subject: block.subject, placesLeft: status.placesLeft });
  }

  form.addEventListener('submit', (event) => {
    if (pending) {
      event.preventDefault();
      return;
    }
    attempted = true;
    const errors = currentErrors();
    if (errors.length > 0) {
      event.preventDefault();
      show(errors, true);
      return;
    }
    show([], false);
    if (!viaFetch) {
      // The plain POST goes ahead; the disabled button stops a second one.
      setTimeout(() => setBusy(true));
      return;
    }
    event.preventDefault();
    void send();
  });

  async function send(): Promise<void> {
    setBusy(true);
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
    let outcome;
    try {
      const response = await fetch(form.action, { method: 'POST', headers: { Accept: 'application/json' }, body, signal: AbortSignal.timeout(submitTimeoutMs) });
      const json: unknown = await response.json().catch(() => undefined);
      outcome = submitOutcome(response.status, json);
    } catch {
      outcome = { kind: 'failed', message: failureMessages.network } as const;
    }
    setBusy(false);
    if (outcome.kind === 'sent') {
      region!.innerHTML = renderSubmitted(body.get('email') ?? '', block.subject);
      setTitle(false);
      region!.querySelector<HTMLElement>('#enrol-done')!.focus();
    } else if (outcome.kind === 'errors') {
      if (outcome.status) applyState(outcome.status, true);
      if (region!.contains(form)) show(outcome.errors, true);
    } else if (outcome.kind === 'state') {
      applyState(outcome.status, true);
      const notice = region!.querySelector<HTMLElement>('#enrol-state')!;
      notice.tabIndex = -1;
      notice.focus();
    } else failed(outcome.message);
  }

  void (async () => {
    try {
      const response = await fetch(`/api/zapisy/status?programme=${encodeURIComponent(programmeId)}`, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(statusTimeoutMs) });
      const status = response.ok ? parseStatus(await response.json()) : undefined;
      if (!status) return;
      viaFetch = true;
      if (!pending) applyState(status, true);
    } catch {
      // No live state: the built one stays, and the form posts the plain way.
    }
  })();
}

/** The `<ul>` of a rendered summary. */
function listOf(summaryHtml: string): string {
  return summaryHtml.slice(summaryHtml.indexOf('<ul'), summaryHtml.lastIndexOf('</ul>') + 5);
}

/** The errors a server-rendered page shows, read back from its inline errors and summary. */
function readRenderedErrors(region: HTMLElement): FieldError[] {
  return [...region.querySelectorAll<HTMLElement>('#enrol-error-summary li')].map((li) => {
    const href = li.querySelector('a')?.getAttribute('href') ?? '';
    const control = href ? document.getElementById(href.slice(1)) : null;
    return { field: control ? shownField(control.id, region) ?? '' : '', message: li.textContent ?? '' };
  });
}

/** The error field of a control: its name, or declarations.<id> for a declaration. */
function shownField(id: string, scope: HTMLElement): string | undefined {
  const control = scope.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
  if (!control?.name) return undefined;
  return control.name === 'declarations' ? `declarations.${control.value}` : control.name;
}

/** Form-wide errors first, then in the order of the controls. */
function sortByForm(form: HTMLFormElement, errors: FieldError[]): FieldError[] {
  const controls = [...form.elements];
  const position = (e: FieldError) => controls.findIndex((c) => c.id === fieldId(e.field));
  return [...errors].sort((a, b) => position(a) - position(b));
}

/** Adds or removes a control's inline error exactly where and how form-html.ts renders it. */
function setFieldError(control: HTMLElement, message: string | undefined): void {
  if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)) return;
  if (control.type === 'hidden' || control.name === 'website') return;
  document.getElementById(`${control.id}-error`)?.remove();
  const group = control.closest('.form-group');
  const checkbox = control.type === 'checkbox';
  if (message) (control.closest('.checkbox') ?? control).insertAdjacentHTML('beforebegin', renderFieldError(control.id, message));
  group?.classList.toggle('form-group-error', message !== undefined);
  if (!checkbox) control.classList.toggle('form-input-error', message !== undefined);
  const described = [`${control.id}-hint`, `${control.id}-error`].filter((id) => document.getElementById(id)).join(' ');
  if (described) control.setAttribute('aria-describedby', described);
  else control.removeAttribute('aria-describedby');
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

function setTitle(hasErrors: boolean): void {
  const title = document.title.startsWith(titlePrefix) ? document.title.slice(titlePrefix.length) : document.title;
  document.title = hasErrors ? titlePrefix + title : title;
}

/** GOV.UK's character count: what is left, visible at once and announced once typing pauses. */
function enhanceCharacterCount(form: HTMLFormElement, limit: number): void {
  const textarea = form.querySelector<HTMLTextAreaElement>('textarea[maxlength]');
  if (!textarea) return;
  const visible = document.createElement('p');
  visible.className = 'character-count';
  visible.setAttribute('aria-hidden', 'true');
  const spoken = document.createElement('p');
  spoken.className = 'visually-hidden';
  spoken.setAttribute('aria-live', 'polite');
  textarea.after(visible, spoken);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (announce: boolean) => {
    const left = limit - normaliseLineBreaks(textarea.value).length;
    visible.textContent = charactersLeft(left, limit);
    visible.classList.toggle('character-count-limit', left <= 0);
    clearTimeout(timer);
    if (announce) timer = setTimeout(() => (spoken.textContent = visible.textContent), 1000);
  };
  textarea.addEventListener('input', () => update(true));
  update(false);
}
