/**
 * The one HTML escaper of the project and the `html` tagged template built on
 * it: pages the functions render, the panel, the forms kit (src/forms/), the
 * sign-up form's markup and emails all escape through here, so the same text
 * always comes out as the same markup.
 *
 * The entities are the named ones GOV.UK Frontend's templates (Nunjucks) and
 * Astro's own escaping produce: & → &amp;, < → &lt;, > → &gt;, " → &quot;,
 * ' → &#39;. Safe in text and in a double- or single-quoted attribute value;
 * not in an unquoted attribute, a <script> or a <style>.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const characters: Record<string, string> = Object.fromEntries(Object.entries(entities).map(([character, entity]) => [entity, character]));

/**
 * Control characters HTML text may not carry (WHATWG HTML, 13.2.3.5: C0
 * controls other than tab, line feed, form feed and carriage return, and
 * DEL): a NUL typed into a URL (`?kod=%00`) went into the page raw.
 */
const forbiddenControls = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

/** Text or an attribute value made safe for HTML markup; forbidden control characters become U+FFFD. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch).replace(forbiddenControls, '\uFFFD');
}

/**
 * The inverse of `escapeHtml`: the five entities it writes back to their
 * characters (other entities stay as they are). For reading text back out of
 * markup this project rendered, e.g. a notice announced as a plain sentence.
 */
export function unescapeHtml(markup: string): string {
  return markup.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => characters[entity] ?? entity);
}

/** HTML that is already safe; only `html` (and `trustedHtml`) make one. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** What `html` accepts in a slot: text and numbers are escaped, SafeHtml kept, arrays joined, null and undefined dropped. */
export type HtmlValue = string | number | SafeHtml | readonly HtmlValue[] | null | undefined;

/** Tagged template: html`<p>${name}</p>` escapes `name`; nested html`` stays as it is. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Markup written by the program itself (never text a person or an editor
 * typed) passed on as it is, e.g. a string another renderer escaped already.
 */
export const trustedHtml = (markup: string) => new SafeHtml(markup);

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
