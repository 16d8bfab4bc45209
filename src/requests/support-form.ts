/**
 * The support form of a request: its fields, their Polish mistakes, and its
 * HTML — GOV.UK style through the forms kit (src/forms/): the error summary
 * first, inline errors above their controls, everything typed kept. One
 * function renders it for the build (src/components/RequestSupport.astro),
 * for the server's answer to a plain POST (the request's built page with
 * the form region replaced, between `supportFormStart` and `supportFormEnd`)
 * and for the fallback page, so all say the same. No inline script or style.
 */
import { z } from 'astro/zod';
import { html, trustedHtml as trusted, type SafeHtml } from '../lib/html.ts';
import { plural } from '../lib/plural.ts';
import { pageUrls } from '../lib/urls.ts';
import { errorSummary } from '../forms/error-summary.ts';
import type { FieldError } from '../forms/field-error.ts';
import { checkboxField, textField } from '../forms/field.ts';
import { publicForm } from '../forms/variants.ts';
import { firstField, type Fields } from '../http/request.ts';

export const supportPath = '/api/wnioski/poparcie';
export const supportFormStart = '<!--request-support-form-->';
export const supportFormEnd = '<!--/request-support-form-->';

const nameMax = 200;
const addressMax = 300;
const emailMax = 254;
const unstorable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const controlCharacters = 'Usuń z tego pola niedozwolone znaki (np. znaki sterujące skopiowane razem z tekstem)';
const tooLong = (what: string, max: number) => `${what} może mieć najwyżej ${plural(max, 'znak', 'znaki', 'znaków')}`;
const storable = (text: string) => !unstorable.test(text);

/** The declaration the box stands for (the office reads it beside every support). */
export const declarationText =
  'Oświadczam, że mieszkam w Krakowie i popieram ten wniosek o przeprowadzenie konsultacji. Wiem, że urząd może sprawdzić moje dane, a poparcie z nieprawdziwymi danymi nie zostanie policzone.';

const abort = { abort: true } as const;
const supportSchema = z.object({
  request: z.string().trim().min(1, { error: 'Brakuje oznaczenia wniosku. Odśwież stronę i wyślij formularz ponownie.' }),
  name: z.string().trim().min(1, { error: 'Wpisz imię i nazwisko', ...abort }).max(nameMax, { error: tooLong('Imię i nazwisko', nameMax), ...abort }).refine(storable, { error: controlCharacters }),
  address: z
    .string()
    .trim()
    .min(1, { error: 'Wpisz adres zamieszkania w Krakowie: ulicę i numer domu', ...abort })
    .max(addressMax, { error: tooLong('Adres', addressMax), ...abort })
    .refine(storable, { error: controlCharacters, ...abort })
    .refine((text) => /\p{L}/u.test(text) && /\d/.test(text), { error: 'Wpisz ulicę i numer domu, np. ul. Długa 5/3' }),
  email: z
    .string()
    .trim()
    .min(1, { error: 'Wpisz adres e-mail', ...abort })
    .max(emailMax, { error: tooLong('Adres e-mail', emailMax), ...abort })
    .regex(z.regexes.email, { error: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' }),
  declaration: z.literal('tak', { error: 'Zaznacz oświadczenie, żeby poprzeć wniosek' }),
});

export type Support = z.output<typeof supportSchema>;
/** What the form shows again after a mistake: everything as typed. */
export type SupportValues = Record<'name' | 'address' | 'email' | 'declaration', string>;

const fieldOrder = ['request', 'name', 'address', 'email', 'declaration'] as const;

/** The submitted fields → the support, or the Polish mistakes (in the form's order) with the values to show again. */
export function parseSupport(fields: Fields): { ok: true; support: Support; website: string } | { ok: false; errors: FieldError[]; values: SupportValues } {
  const raw = Object.fromEntries(fieldOrder.map((name) => [name, firstField(fields, name)]));
  const values: SupportValues = { name: raw['name']!, address: raw['address']!, email: raw['email']!, declaration: raw['declaration']! };
  const result = supportSchema.safeParse(raw);
  if (result.success) return { ok: true, support: result.data, website: firstField(fields, 'website') };
  const errors: FieldError[] = [];
  for (const name of fieldOrder) {
    const issue = result.error.issues.find((i) => i.path[0] === name);
    if (issue) errors.push({ field: name === 'request' ? '' : name, message: issue.message });
  }
  return { ok: false, errors, values };
}

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
<form method="post" action="${supportPath}" novalidate data-request-support>
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
