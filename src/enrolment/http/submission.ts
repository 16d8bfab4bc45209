/**
 * A submitted form → the application to store, or the Polish errors and
 * the values to show again. The rules are the form's own schema
 * (form-schema.ts), which the browser runs too, so a person reads the same
 * sentence whichever side caught the mistake. One check is the server's
 * alone: characters nobody types (NUL, other control characters) are
 * refused, because PostgreSQL cannot store NUL at all.
 */
import type { NewApplication } from '../applications.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { applicationSchema, parseSubmission, submittedValues, type Application, type FieldError, type FormBlock, type FormValues } from '../form-schema.ts';
import type { Fields } from '../../http/request.ts';

/**
 * Building a block's zod schema costs far more than using it (zod compiles
 * each object schema on first use), and the same few blocks serve every
 * request: keep one per block. Only a valid submission takes this path; a
 * refused one goes through parseSubmission itself, whose error list is the
 * form's own.
 */
const schemas = new WeakMap<FormBlock, ReturnType<typeof applicationSchema>>();
function parsed(block: FormBlock, fields: Fields): { ok: true; data: Application } | ReturnType<typeof parseSubmission> {
  let schema = schemas.get(block);
  if (!schema) schemas.set(block, (schema = applicationSchema(block)));
  const { website, ...values } = submittedValues(block, fields);
  const result = schema.safeParse({ ...values, website });
  return result.success ? { ok: true, data: result.data } : parseSubmission(block, fields);
}

export type Validated = { ok: true; application: NewApplication } | { ok: false; errors: FieldError[]; values: FormValues };

const unstorable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const textFields = ['email', 'name', 'phone', 'organisation', 'message'] as const;
const controlCharacterMessage = 'Usuń z tego pola niedozwolone znaki (np. znaki sterujące skopiowane razem z tekstem)';

export function validateSubmission(entry: CatalogueEntry, fields: Fields): Validated {
  const checked = parsed(entry.enrolment, fields);
  if (!checked.ok) return { ok: false, errors: checked.errors, values: checked.values };
  const data = checked.data;
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
