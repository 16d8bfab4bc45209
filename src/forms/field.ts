/**
 * GOV.UK Frontend's form fields ("Text input", "Textarea", "Select",
 * "Checkboxes" with one box), in Polish: a group with the label, the hint
 * (`<id>-hint`) and the inline error (`<id>-error`, "Błąd:" read out before
 * it) above the control, the control's aria-describedby naming both and
 * aria-invalid when it has an error. Everything typed comes back as the
 * value; every text is escaped (src/lib/html.ts). The error summary that
 * links to these ids is error-summary.ts.
 * Markup: https://design-system.service.gov.uk/components/error-message/
 */
import { html, type SafeHtml } from '../lib/html.ts';
import type { FormVariant } from './variants.ts';

interface FieldOptions {
  /** The control's id: the summary links to it, the hint and error ids derive from it. */
  id: string;
  name: string;
  /** Text, or markup made with `html` (e.g. a label with a link). */
  label: string | SafeHtml;
  hint?: string | undefined;
  /** The mistake's sentence, shown above the control; none when the field is fine. */
  error?: string | undefined;
  /** The browser refuses to send the form without it (the public form; the panel's forms are `novalidate`). */
  required?: boolean | undefined;
}

/** The inline error, placed right above its control. */
export const errorMessage = (id: string, message: string) =>
  html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Błąd:</span> ${message}</p>`;

/** The attributes every control gets: id, name, required, aria-describedby (hint, then error) and aria-invalid. */
function wiring(o: FieldOptions): SafeHtml {
  const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`id="${o.id}" name="${o.name}"${o.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? html` aria-invalid="true"` : ''}`;
}

/** The class attribute: the variant's class for the kind of control, and form-input-error while it has an error. */
function classOf(base: string | undefined, error: string | undefined): SafeHtml {
  const classes = [base, error ? 'form-input-error' : undefined].filter(Boolean).join(' ');
  return classes ? html`class="${classes}" ` : html``;
}

function group(o: FieldOptions, control: SafeHtml): SafeHtml {
  return html`<div class="form-group${o.error ? ' form-group-error' : ''}"><label class="form-label" for="${o.id}">${o.label}</label>${
    o.hint ? html`<p class="form-hint" id="${o.id}-hint">${o.hint}</p>` : ''}${
    o.error ? errorMessage(o.id, o.error) : ''}${control}</div>`;
}

export interface TextFieldOptions extends FieldOptions {
  value: string;
  /** Default "text". An e-mail address is never spell-checked. */
  type?: 'text' | 'email' | 'tel' | undefined;
  autocomplete?: string | undefined;
  /** false for what a spell-checker would only mark red (names, addresses). */
  spellcheck?: false | undefined;
  maxLength?: number | undefined;
}

export function textField(variant: FormVariant, o: TextFieldOptions): SafeHtml {
  const type = o.type ?? 'text';
  const spellcheck = o.spellcheck === false || type === 'email';
  return group(o, html`<input ${classOf(variant.classes.input, o.error)}${wiring(o)} type="${type}"${
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${spellcheck ? html` spellcheck="false"` : ''}${
    o.maxLength ? html` maxlength="${o.maxLength}"` : ''} value="${o.value}">`);
}

export interface TextareaFieldOptions extends FieldOptions {
  value: string;
  rows: number;
  maxLength?: number | undefined;
}

export function textareaField(variant: FormVariant, o: TextareaFieldOptions): SafeHtml {
  // The newline after the opening tag: the HTML parser drops one there, so a value's own first line break survives.
  return group(o, html`<textarea ${classOf(variant.classes.textarea, o.error)}${wiring(o)} rows="${o.rows}"${
    o.maxLength ? html` maxlength="${o.maxLength}"` : ''}>\n${o.value}</textarea>`);
}

export interface SelectFieldOptions extends FieldOptions {
  /** The chosen option's value. */
  value: string;
  /** Every option in order, a prompt with value "" first if the list has one. */
  options: readonly { value: string; label: string }[];
}

export function selectField(variant: FormVariant, o: SelectFieldOptions): SafeHtml {
  const options = o.options.map((option) => html`<option value="${option.value}"${option.value === o.value ? html` selected` : ''}>${option.label}</option>`);
  return group(o, html`<select ${classOf(variant.classes.select, o.error)}${wiring(o)}>${options}</select>`);
}

export interface CheckboxFieldOptions extends Omit<FieldOptions, 'hint'> {
  /** What the box sends when ticked. */
  value: string;
  checked: boolean;
}

/** One box with its label beside it, the error above both (GOV.UK's checkboxes with a single item). */
export function checkboxField(variant: FormVariant, o: CheckboxFieldOptions): SafeHtml {
  const box = variant.classes.checkbox ? html`class="${variant.classes.checkbox}" ` : html``;
  return html`<div class="form-group${o.error ? ' form-group-error' : ''}">${o.error ? errorMessage(o.id, o.error) : ''}<div class="checkbox"><input ${box}type="checkbox" ${wiring(o)} value="${o.value}"${
    o.checked ? html` checked` : ''}><label class="checkbox-label" for="${o.id}">${o.label}</label></div></div>`;
}
