/**
 * Where the kit's markup goes and how it is styled: the same summary and
 * fields (error-summary.ts, field.ts), placed and classed for each of the two
 * kinds of form the project has. The unit and browser tests render every
 * example (examples.ts) in both.
 */
export interface FormVariant {
  /** The error summary's id (its heading's is `<id>-title`): the browser scripts and tests find it by it. */
  summaryId: string;
  /**
   * The summary's heading level: 2 as in GOV.UK Frontend, for a summary first
   * in <main>; 3 for one inside a section headed by an h2.
   */
  headingLevel: 2 | 3;
  /** Classes of each kind of control, from the stylesheet the pages load; none when it styles elements. */
  classes: { input?: string; select?: string; textarea?: string; checkbox?: string };
}

/**
 * The public sign-up form (src/enrolment/form-html.ts): inside the page's
 * "Zapisy" section (h2), so its summary's heading is an h3; the controls
 * carry src/styles/global.css's classes.
 */
export const publicForm: FormVariant = {
  summaryId: 'enrol-error-summary',
  headingLevel: 3,
  classes: { input: 'form-input', select: 'form-select', textarea: 'form-textarea', checkbox: 'checkbox-input' },
};

/**
 * The staff panel's pages (src/panel/http/layout.ts): the summary first in
 * <main>, as GOV.UK places it; public/panel/panel.css styles the text
 * controls by element, and the select by zapisy.css's .form-input.
 */
export const panelForm: FormVariant = {
  summaryId: 'podsumowanie-bledow',
  headingLevel: 2,
  classes: { select: 'form-input' },
};
