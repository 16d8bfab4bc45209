/**
 * A submitted form → the application to store, or the Polish errors and
 * the values to show again. The rules are the form's own schema
 * (form-schema.ts), which the browser runs too, so a person reads the same
 * sentence whichever side caught the mistake. One check is the server's
 * alone: characters nobody types (NUL, other control characters) are
 * refused, because PostgreSQL cannot store NUL at all.
 */
import type { NewApplication } from '../applications.ts';
import type { CatalogueEntry } from '../catalogue.ts';
import { parseSubmission, submittedValues, type FieldError, type FormValues } from '../form-schema.ts';
import type { Fields } from './request.ts';

export type Validated = { ok: true; application: NewApplication } | { ok: false; errors: FieldError[]; values: FormValues };

const unstorable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const textFields = ['email', 'name', 'phone', 'organisation', 'message'] as const;
export const controlCharacterMessage = 'Usuń z tego pola niedozwolone znaki (np. znaki sterujące skopiowane razem z tekstem)';

export function validateSubmission(entry: CatalogueEntry, fields: Fields): Validated {
  const parsed = parseSubmission(entry.enrolment, fields);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, values: parsed.values };
  const data = parsed.data;
  const bad = textFields.filter((field) => unstorable.test(data[field] ?? ''));
  if (bad.length > 0) {
    const { website: _ignored, ...values } = submittedValues(entry.enrolment, fields);
    return { ok: false, errors: bad.map((field) => ({ field, message: controlCharacterMessage })), values };
  }
  return {
    ok: true,
    application: {
      programmeId: entry.id,
      email: data.email,
      name: data.name,
      district: data.district,
      phone: data.phone,
      ageBand: data.ageBand,
      organisation: data.organisation,
      message: data.message,
      declarations: data.declarations,
    },
  };
}
