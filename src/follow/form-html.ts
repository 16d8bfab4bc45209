/**
 * The follow form (GOV.UK forms kit, src/forms/): on a programme's or a
 * consultation's page it follows that page (a hidden target); on /obserwuj/
 * it offers every district, topic, programme and consultation in one list.
 * The same markup is rendered by the build (FollowForm.astro) and by the
 * function after a plain POST with mistakes (errors in place, the typed
 * values kept). It works without JavaScript and ships none.
 */
import { html, type SafeHtml } from '../lib/html.ts';
import { errorSummary } from '../forms/error-summary.ts';
import { selectField, textField } from '../forms/field.ts';
import type { FieldError } from '../forms/field-error.ts';
import { publicForm, type FormVariant } from '../forms/variants.ts';
import { frequencyLabels, type Frequency } from './emails.ts';
import { followPath } from './links.ts';

export const followFieldIds: Record<string, string> = { target: 'follow-target', email: 'follow-email', frequency: 'follow-frequency' };

const variant: FormVariant = { ...publicForm, summaryId: 'follow-error-summary' };

export interface FollowFormOptions {
  /** A fixed target (the page's own), with its label; or a list to choose from. */
  target: { fixed: string; label: string } | { choices: readonly { value: string; label: string }[] };
  values?: { target?: string; email?: string; frequency?: string } | undefined;
  errors?: readonly FieldError[] | undefined;
  /** The page's heading level of the form's section: the summary's heading sits one below. */
  headingLevel?: 2 | 3 | undefined;
}

const frequencies: { value: Frequency; label: string }[] = [
  { value: 'immediate', label: `Od razu — ${frequencyLabels.immediate.split(' — ')[1]}` },
  { value: 'daily', label: `Raz dziennie — ${frequencyLabels.daily.split(' — ')[1]}` },
];

export function renderFollowForm(o: FollowFormOptions): SafeHtml {
  const values = o.values ?? {};
  const errors = o.errors ?? [];
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const targetControl =
    'fixed' in o.target
      ? html`<input type="hidden" name="target" value="${o.target.fixed}"><p>Dostaniesz e-mail, gdy pojawi się nowy raport, odpowiedź na wniosek albo odwołanie dotyczące: ${o.target.label}.</p>`
      : selectField(variant, {
          id: followFieldIds['target']!,
          name: 'target',
          label: 'Co chcesz obserwować',
          hint: 'Dzielnica: odpowiedzi na wnioski o konsultacje z tej dzielnicy. Temat, program, konsultacje: nowe programy, konsultacje i raporty, odpowiedzi na wnioski i odwołania.',
          value: values.target ?? '',
          options: [{ value: '', label: 'Wybierz' }, ...o.target.choices],
          error: errorOf('target'),
          required: true,
        });
  return html`<form class="follow-form" method="post" action="${followPath}" novalidate>
${errorSummary({ ...variant, headingLevel: o.headingLevel === 2 ? 3 : 2 }, { errors, controlId: (field) => followFieldIds[field] })}
${targetControl}
${textField(variant, {
  id: followFieldIds['email']!,
  name: 'email',
  label: 'Adres e-mail do powiadomień',
  hint: 'Wyślemy na niego link potwierdzający. Użyjemy go tylko do tych powiadomień; w każdej wiadomości jest link, którym wypiszesz się jednym kliknięciem.',
  value: values.email ?? '',
  type: 'email',
  autocomplete: 'email',
  maxLength: 254,
  error: errorOf('email'),
  required: true,
})}
${selectField(variant, {
  id: followFieldIds['frequency']!,
  name: 'frequency',
  label: 'Jak często pisać',
  value: values.frequency ?? 'immediate',
  options: frequencies,
  error: errorOf('frequency'),
})}
<div class="form-honeypot visually-hidden" aria-hidden="true"><label for="follow-website">Nie wypełniaj tego pola</label><input type="text" id="follow-website" name="website" tabindex="-1" autocomplete="off" value=""></div>
<button type="submit" class="button">Obserwuj</button>
</form>`;
}

/** The same markup as a string, for set:html in the build. */
export const followFormHtml = (o: FollowFormOptions): string => renderFollowForm(o).value;
