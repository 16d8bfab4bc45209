/**
 * The forms kit's examples, as GOV.UK Frontend keeps a component's examples
 * beside it: each one a form with its controls and its mistakes, rendered by
 * `renderExample` in either variant (variants.ts: the public sign-up form,
 * the staff panel). src/forms/examples.test.ts checks the markup of every
 * example in both; tests/browser/system/forms-kit.spec.ts renders them
 * in Chromium with axe and the shared browser behaviour.
 *
 * In the examples a mistake names its control by id (`field` = the id), as
 * the panel does; the public form maps names to ids, which
 * src/enrolment/form-html.test.ts checks on the real form.
 */
import { errorSummary, type ErrorSummaryOptions } from './error-summary.ts';
import type { FieldError } from './field-error.ts';
import { checkboxField, selectField, textareaField, textField, type CheckboxFieldOptions, type SelectFieldOptions, type TextareaFieldOptions, type TextFieldOptions } from './field.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import type { FormVariant } from './variants.ts';

type WithoutError<T> = Omit<T, 'error'>;

/** A control of an example; its error, if any, comes from the example's `errors`. */
export type ExampleControl =
  | { kind: 'text'; options: WithoutError<TextFieldOptions> }
  | { kind: 'textarea'; options: WithoutError<TextareaFieldOptions> }
  | { kind: 'select'; options: WithoutError<SelectFieldOptions> }
  | { kind: 'checkbox'; options: WithoutError<CheckboxFieldOptions> };

export interface FormExample {
  /** What the example shows, in a few words (the tests' names). */
  name: string;
  controls: readonly ExampleControl[];
  /** In the order the summary lists them; `field` is a control's id, or "" for the whole form. */
  errors: readonly FieldError[];
  /** The summary's other parameters (a heading or description of its own). */
  summary?: Omit<ErrorSummaryOptions, 'errors'>;
}

const email: ExampleControl = { kind: 'text', options: { id: 'adres', name: 'email', label: 'Adres e-mail', hint: 'Na przykład jan.kowalski@example.pl', value: '', type: 'email', autocomplete: 'email' } };
const name: ExampleControl = { kind: 'text', options: { id: 'imie', name: 'name', label: 'Imię i nazwisko', value: '', autocomplete: 'name', spellcheck: false } };
const district: ExampleControl = {
  kind: 'select',
  options: { id: 'dzielnica', name: 'district', label: 'Dzielnica', value: '', options: [{ value: '', label: 'Wybierz dzielnicę' }, { value: 'I', label: 'Dzielnica I Stare Miasto' }, { value: 'IX', label: 'Dzielnica IX Łagiewniki-Borek Fałęcki' }] },
};
const message: ExampleControl = { kind: 'textarea', options: { id: 'wiadomosc', name: 'message', label: 'Wiadomość', hint: 'Najwyżej 300 znaków.', value: '', rows: 4, maxLength: 300 } };
const consent: ExampleControl = { kind: 'checkbox', options: { id: 'zgoda', name: 'consent', label: 'Zgadzam się na przetwarzanie danych z formularza', value: 'tak', checked: false } };

export const examples: readonly FormExample[] = [
  { name: 'no errors', controls: [name, email, district, message, consent], errors: [] },
  { name: 'one error', controls: [email], errors: [{ field: 'adres', message: 'Wpisz adres e-mail' }] },
  {
    name: 'several errors',
    controls: [name, email, district, message, consent],
    errors: [
      { field: 'imie', message: 'Wpisz imię i nazwisko' },
      { field: 'adres', message: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' },
      { field: 'dzielnica', message: 'Wybierz dzielnicę' },
      { field: 'wiadomosc', message: 'Wpisz wiadomość' },
      { field: 'zgoda', message: 'Zaznacz, że zgadzasz się na przetwarzanie danych' },
    ],
  },
  {
    name: 'an error on a textarea, its typed lines kept',
    controls: [{ kind: 'textarea', options: { ...message.options, value: '\nPierwsza linia zaczyna się od pustej.\nDruga linia.' } }],
    errors: [{ field: 'wiadomosc', message: 'Wiadomość może mieć najwyżej 300 znaków' }],
  },
  { name: 'an error on a checkbox', controls: [email, consent], errors: [{ field: 'zgoda', message: 'Zaznacz, że zgadzasz się na przetwarzanie danych' }] },
  {
    name: 'an error about the whole form',
    controls: [email],
    errors: [{ field: '', message: 'Na ten adres jest już zgłoszenie.' }, { field: 'adres', message: 'Wpisz adres e-mail' }],
  },
  {
    name: 'a failure to send, with a heading and description of its own',
    controls: [email],
    errors: [],
    summary: { id: 'blad-wysylki', title: 'Nie udało się wysłać formularza', description: 'Brak połączenia z serwerem. Sprawdź połączenie z internetem i spróbuj jeszcze raz.', autofocus: false },
  },
  {
    name: 'Polish letters and characters that need escaping',
    controls: [
      { kind: 'text', options: { ...name.options, label: 'Imię i nazwisko (np. „Łucja Żółć”)', value: `Zażółć gęślą jaźń "<script>alert('x')</script>" & <b>` } },
      { kind: 'textarea', options: { ...message.options, hint: 'Znaki <, >, & i " są dozwolone.', value: '</textarea><b>pogrubione</b> & „cudzysłów”' } },
      { kind: 'select', options: { ...district.options, value: 'x"y', options: [{ value: '', label: 'Wybierz' }, { value: 'x"y', label: 'Opcja <z> & „cudzysłowem”' }] } },
      { kind: 'checkbox', options: { ...consent.options, label: 'Oświadczam, że <nie> jestem „robotem” & mam 18 lat', value: `a'b"c`, checked: true } },
    ],
    errors: [
      { field: 'imie', message: 'Imię nie może zawierać znaków <, > ani "' },
      { field: 'wiadomosc', message: 'Usuń znaczniki: </textarea> & <b>' },
      { field: 'dzielnica', message: "Wybierz dzielnicę z listy ('x\"y' nie jest dzielnicą)" },
      { field: 'zgoda', message: 'Źle zaznaczone pole „zgoda” & <oświadczenie>' },
    ],
  },
];

function control(variant: FormVariant, c: ExampleControl, error: string | undefined): SafeHtml {
  switch (c.kind) {
    case 'text':
      return textField(variant, { ...c.options, error });
    case 'textarea':
      return textareaField(variant, { ...c.options, error });
    case 'select':
      return selectField(variant, { ...c.options, error });
    case 'checkbox':
      return checkboxField(variant, { ...c.options, error });
  }
}

/** The example's summary and form, as a page of that variant would place them (the page's headings around them are the caller's). */
export function renderExample(example: FormExample, variant: FormVariant): { summary: SafeHtml; form: SafeHtml } {
  const errorOf = (id: string) => example.errors.find((e) => e.field === id)?.message;
  return {
    summary: errorSummary(variant, { ...example.summary, errors: example.errors }),
    form: html`<form method="post" action="/przyklad/" novalidate>${example.controls.map((c) => control(variant, c, errorOf(c.options.id)))}<button type="submit">Wyślij</button></form>`,
  };
}
