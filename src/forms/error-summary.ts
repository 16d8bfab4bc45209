/**
 * GOV.UK Frontend's error summary ("Error summary" component), in Polish:
 * a box first in the form's region or page, with role="alert" so it is
 * announced, tabindex="-1" so a script (or `autofocus` without one) can take
 * the focus to it, a heading that counts the mistakes, and one link per
 * mistake to the control it is about (href="#<control id>"). The inline
 * message beside each control is field.ts's `errorMessage`; the page's title
 * starts with "Błąd: " (each page frame does that).
 * Markup: https://design-system.service.gov.uk/components/error-summary/
 */
import { html, type SafeHtml } from '../lib/html.ts';
import { mistakes } from '../lib/plural.ts';
import type { FieldError } from './field-error.ts';
import type { FormVariant } from './variants.ts';

/** The summary's heading, with the count: "Popraw 1 błąd w formularzu", "Popraw 3 błędy …", "Popraw 5 błędów …". */
export const errorSummaryTitle = (count: number) => `Popraw ${mistakes(count)} w formularzu`;

export interface ErrorSummaryOptions {
  errors: readonly FieldError[];
  /** The id of the control a mistake names, or undefined for a mistake about the whole form (listed without a link). Default: the name is the id. */
  controlId?: ((field: string) => string | undefined) | undefined;
  /** `autofocus` on the box, so a page rendered by the server focuses it without a script. Default true; a script that inserts the box focuses it itself. */
  autofocus?: boolean | undefined;
  /** Another id than the variant's, for a second summary on the same page (e.g. a failure to send). */
  id?: string | undefined;
  /** Another heading than the count of mistakes (GOV.UK's titleText). */
  title?: string | undefined;
  /** A sentence under the heading (GOV.UK's descriptionText), e.g. what went wrong when nothing was typed wrong. */
  description?: string | undefined;
}

/** The summary, or nothing when there is neither a mistake nor a description. */
export function errorSummary(variant: FormVariant, options: ErrorSummaryOptions): SafeHtml {
  const { errors, controlId = (field: string) => field, autofocus = true, description } = options;
  if (errors.length === 0 && description === undefined) return html``;
  const id = options.id ?? variant.summaryId;
  const title = options.title ?? errorSummaryTitle(errors.length);
  const heading = variant.headingLevel === 2
    ? html`<h2 class="error-summary-title" id="${id}-title">${title}</h2>`
    : html`<h3 class="error-summary-title" id="${id}-title">${title}</h3>`;
  const items = errors.map((e) => {
    const target = controlId(e.field);
    return html`<li>${target ? html`<a href="#${target}">${e.message}</a>` : e.message}</li>`;
  });
  return html`<div class="error-summary" id="${id}" role="alert" tabindex="-1"${autofocus ? html` autofocus` : ''} aria-labelledby="${id}-title">${heading}${
    description !== undefined ? html`<p>${description}</p>` : ''}${
    errors.length > 0 ? html`<ul class="error-summary-list">${items}</ul>` : ''}</div>`;
}
