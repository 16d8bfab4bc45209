/**
 * GOV.UK Frontend's error summary behaviour (its ErrorSummary module), for
 * the summaries src/forms/error-summary.ts renders, in the public form's
 * script (src/enrolment/browser/form.ts) and the panel's
 * (src/panel/browser/panel.ts):
 * - the summary takes the focus when the page loads with it, so it is read
 *   out first (the markup's `autofocus` does the same without a script);
 * - a link in it moves the focus to its control and scrolls the control's
 *   label (or the legend of its fieldset, or a box's whole group) into view,
 *   which following the bare #id would hide above the control.
 */

/** Focuses the first error summary in `scope`, if there is one. */
export function focusErrorSummary(scope: ParentNode): void {
  scope.querySelector<HTMLElement>('.error-summary')?.focus();
}

/** Makes the links of every error summary in `scope`, present or inserted later, move to their controls. */
export function followErrorSummaryLinks(scope: HTMLElement | Document): void {
  scope.addEventListener('click', (event) => followSummaryLink(event as MouseEvent));
}

/** A summary link focuses its control and shows the control's label or legend with it (GOV.UK's behaviour). */
function followSummaryLink(event: MouseEvent): void {
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('.error-summary a[href^="#"]') : null;
  const control = link ? document.getElementById(link.getAttribute('href')!.slice(1)) : null;
  if (!link || !control) return;
  event.preventDefault();
  const legend = control.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
  const checkbox = control instanceof HTMLInputElement && control.type === 'checkbox';
  (checkbox ? control.closest('.form-group') : legend ?? label ?? control)?.scrollIntoView();
  control.focus({ preventScroll: true });
}
