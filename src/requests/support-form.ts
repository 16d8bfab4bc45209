/**
 * The support form of a request: its fields, their Polish mistakes, and its
 * HTML — GOV.UK style through the forms kit (src/forms/): the error summary
 * first, inline errors above their controls, everything typed kept. One
 * function renders it for the build (src/components/RequestSupport.astro),
 * for the server's answer to a plain POST (the request's built page with
 * the form region replaced, between `supportFormStart` and `supportFormEnd`)
 * for the fallback page and for the browser script (support-schema.ts has
 * the rules), so all say the same. No inline script or style.
 */
import { html, trustedHtml as trusted, type SafeHtml } from '../lib/html.ts';
import { pageUrls } from '../lib/urls.ts';
import { errorSummary } from '../forms/error-summary.ts';
import type { FieldError } from '../forms/field-error.ts';
import { checkboxField, textField } from '../forms/field.ts';
import { publicForm } from '../forms/variants.ts';

export const supportPath = '/api/wnioski/poparcie';
export const supportFormStart = '<!--request-support-form-->';
export const supportFormEnd = '<!--/request-support-form-->';

export const nameMax = 200;
export const addressMax = 300;
export const emailMax = 254;

/** The declaration the box stands for (the office reads it beside every support). */
export const declarationText =
  'Oświadczam, że mieszkam w Krakowie i popieram ten wniosek o przeprowadzenie konsultacji. Wiem, że urząd może sprawdzić moje dane, a poparcie z nieprawdziwymi danymi nie zostanie policzone.';

/** What the form shows again after a mistake: everything as typed. */
export type SupportValues = Record<'name' | 'address' | 'email' | 'declaration', string>;

/** The id of the control a mistake names; undefined for one about the whole form. */
export const supportFieldId = (field: string) => (['name', 'address', 'email', 'declaration'].includes(field) ? `poparcie-${field}` : undefined);

export interface SupportFormOptions {
  requestId: string;
  values?: Partial<SupportValues> | undefined;
  errors?: readonly FieldError[] | undefined;
}

/** The form region: the summary (with mistakes), the fields, the privacy note and the button, between the markers. */
export function renderSupportForm({ requestId, values = {}, errors = [] }: SupportFormOptions): SafeHtml {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const summary = errorSummary(publicForm, { errors, controlId: supportFieldId, id: 'poparcie-bledy' });
  return html`${trusted(supportFormStart)}<div class="request-support-form" id="poparcie-formularz">${summary}
<form method="post" action="${supportPath}" novalidate data-request-support-form>
<input type="hidden" name="request" value="${requestId}">
${textField(publicForm, { id: 'poparcie-name', name: 'name', label: 'Imię i nazwisko', value: values.name ?? '', error: error('name'), autocomplete: 'name', spellcheck: false, maxLength: nameMax, required: true })}
${textField(publicForm, {
  id: 'poparcie-address',
  name: 'address',
  label: 'Adres zamieszkania w Krakowie (ulica i numer)',
  hint: 'Np. ul. Długa 5/3. Nie sprawdzamy adresu w żadnym rejestrze: poparcia weryfikuje urząd, zanim policzy je do progu.',
  value: values.address ?? '',
  error: error('address'),
  autocomplete: 'street-address',
  spellcheck: false,
  maxLength: addressMax,
  required: true,
})}
${textField(publicForm, { id: 'poparcie-email', name: 'email', type: 'email', label: 'Adres e-mail', hint: 'Wyślemy na niego link: poparcie liczy się dopiero po jego potwierdzeniu.', value: values.email ?? '', error: error('email'), autocomplete: 'email', maxLength: emailMax, required: true })}
${checkboxField(publicForm, { id: 'poparcie-declaration', name: 'declaration', value: 'tak', checked: values.declaration === 'tak', label: declarationText, error: error('declaration'), required: true })}
<div class="form-honeypot visually-hidden" aria-hidden="true"><label for="poparcie-website">Nie wypełniaj tego pola</label><input id="poparcie-website" name="website" type="text" tabindex="-1" autocomplete="off" value=""></div>
<p>Twoje imię, nazwisko, adres i e-mail zobaczą tylko pracownicy urzędu, którzy weryfikują poparcia; publicznie pokazujemy wyłącznie liczbę poparć. Usuniemy je po ostatecznej odpowiedzi na wniosek. Więcej: <a href="${pageUrls.privacy}">ochrona danych osobowych</a>.</p>
<button type="submit" class="button">Popieram wniosek</button>
</form></div>${trusted(supportFormEnd)}`;
}

/** The built page with its form region replaced by `region`; undefined when the page has no region. */
export function injectSupportForm(page: string, region: SafeHtml, hasErrors: boolean): string | undefined {
  const start = page.indexOf(supportFormStart);
  const end = page.indexOf(supportFormEnd, start);
  if (start < 0 || end < 0) return undefined;
  const replaced = page.slice(0, start) + region.value + page.slice(end + supportFormEnd.length);
  return hasErrors ? replaced.replace(/<title>(?!Błąd: )/, '<title>Błąd: ') : replaced;
}
