/**
 * The rules of the support form: each field's Polish mistake (GOV.UK
 * wording, as the sign-up form words them), checked by the server. Characters
 * nobody types (NUL, other control characters) are refused: PostgreSQL
 * cannot store NUL at all. The address must name a street and a number; it is
 * not checked against any register (the office verifies supporters).
 */
import { z } from 'astro/zod';
import { plural } from '../lib/plural.ts';
import type { FieldError } from '../forms/field-error.ts';
import { firstField, type Fields } from '../http/request.ts';
import { addressMax, emailMax, nameMax, type SupportValues } from './support-form.ts';

const unstorable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const controlCharacters = 'Usuń z tego pola niedozwolone znaki (np. znaki sterujące skopiowane razem z tekstem)';
const tooLong = (what: string, max: number) => `${what} może mieć najwyżej ${plural(max, 'znak', 'znaki', 'znaków')}`;
const storable = (text: string) => !unstorable.test(text);

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

