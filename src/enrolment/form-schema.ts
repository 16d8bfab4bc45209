/**
 * What a sign-up form accepts, built from the programme's enrolment block.
 * The browser (src/enrolment/browser/form.ts) and the server run this very
 * module, so a person sees the same Polish sentence whichever caught the
 * mistake. Framework-free: no astro: imports, only zod and the enumerations.
 */
import type { FieldError } from '../forms/field-error.ts';
import { z } from 'astro/zod';
import { districts } from '../data/districts.ts';
import { ageBands, type EnrolmentField } from '../data/programmes.ts';
import { plural } from '../lib/plural.ts';
import type { enrolment as enrolmentSchema } from '../schemas/enrolment.ts';

/** The parts of an enrolment block (after parsing) that shape the form. */
export type FormBlock = Pick<z.output<typeof enrolmentSchema>, 'fields' | 'declarations' | 'messageMaxLength'>;

/** Form control name of each optional field of the CMS block. */
export const fieldNames = {
  name: 'name',
  district: 'district',
  phone: 'phone',
  'age-band': 'ageBand',
  organisation: 'organisation',
  message: 'message',
} as const satisfies Record<EnrolmentField, string>;
export type OptionalFieldName = (typeof fieldNames)[EnrolmentField];

/** Longest name or organisation we store; longer input is almost certainly not a name. */
const shortTextMaxLength = 200;
const emailMaxLength = 254;

// Phone numbers are written with spaces, dashes, dots and brackets; only digits and a leading + count.
const phoneSeparators = /[\s().-]/g;
const phoneDigits = /^(?:\+|00)?\d{9,15}$/;
/** True for a Polish or international number, however it is spaced. */
export function isPhoneNumber(value: string): boolean {
  return phoneDigits.test(value.replace(phoneSeparators, ''));
}

/** Browsers send a textarea's line breaks as CRLF; a limit counts each break once, as the textarea did. */
export const normaliseLineBreaks = (value: string) => value.replace(/\r\n?/g, '\n');

const abort = { abort: true } as const;

/**
 * "Deklaruję udział we wszystkich trzech warsztatach." → "Zaznacz, że
 * deklarujesz udział we wszystkich trzech warsztatach". The editor writes the
 * declaration in the first person; the error addresses the reader. Sentences
 * we cannot turn safely (past tense, irregular verbs, "mój", "mnie"…) are
 * quoted instead: "Zaznacz oświadczenie: „…”".
 */
export function declarationMessage(text: string): string {
  const sentence = text.trim().replace(/[.!]+$/, '');
  const turned = secondPerson(sentence.replace(/^(oświadczam|potwierdzam),?\s+że\s+/i, ''));
  return turned ? `Zaznacz, że ${turned}` : `Zaznacz oświadczenie: „${sentence}”`;
}

const firstPersonWords = /^(mój|moja|moje|moi|mojego|mojej|moich|moim|moimi|mnie|mi|mną|mam|jestem|.*uję|.*łem|.*łam)$/;

function secondPerson(sentence: string): string | undefined {
  const [verb = '', ...rest] = sentence.split(/(?<=\S)(?=\s)/);
  if (rest.join('').toLowerCase().split(/[^\p{L}]+/u).some((w) => firstPersonWords.test(w))) return undefined;
  const turned = secondPersonOf(verb.toLowerCase());
  return turned === undefined ? undefined : turned + rest.join('');
}

function secondPersonOf(verb: string): string | undefined {
  if (verb === 'jestem') return 'jesteś';
  if (/(ł|li)(em|am)$/.test(verb)) return undefined;
  if (/uję$/.test(verb)) return verb.replace(/uję$/, 'ujesz');
  if (/[^aeiouyąęó]am$/.test(verb) || verb === 'mam') return verb.replace(/am$/, 'asz');
  if (/iem$/.test(verb)) return verb.replace(/iem$/, 'iesz');
  return undefined;
}

/** Every field either form may have, required ones as such; a block picks the ones it asks. */
const allFields = (messageMaxLength: number) =>
  z.object({
    programme: z.string().trim().min(1, { error: 'Brakuje oznaczenia programu. Odśwież stronę i wyślij formularz ponownie.' }),
    name: z
      .string()
      .trim()
      .min(1, { error: 'Wpisz imię i nazwisko', ...abort })
      .max(shortTextMaxLength, { error: `Imię i nazwisko może mieć najwyżej ${plural(shortTextMaxLength, 'znak', 'znaki', 'znaków')}` })
      .optional(),
    email: z
      .string()
      .trim()
      .min(1, { error: 'Wpisz adres e-mail', ...abort })
      .max(emailMaxLength, { error: `Adres e-mail może mieć najwyżej ${plural(emailMaxLength, 'znak', 'znaki', 'znaków')}`, ...abort })
      .regex(z.regexes.email, { error: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' }),
    phone: z
      .string()
      .trim()
      .min(1, { error: 'Wpisz numer telefonu', ...abort })
      .refine(isPhoneNumber, { error: 'Wpisz numer telefonu w poprawnym formacie, np. 600 123 456 lub +48 600 123 456' })
      .optional(),
    district: z.enum(districts.values, { error: 'Wybierz dzielnicę, w której mieszkasz' }).optional(),
    ageBand: z.enum(ageBands.values, { error: 'Wybierz przedział wieku' }).optional(),
    organisation: z
      .string()
      .trim()
      .min(1, { error: 'Wpisz nazwę organizacji', ...abort })
      .max(shortTextMaxLength, { error: `Nazwa organizacji może mieć najwyżej ${plural(shortTextMaxLength, 'znak', 'znaki', 'znaków')}` })
      .optional(),
    message: z
      .string()
      .transform(normaliseLineBreaks)
      .pipe(
        z
          .string()
          .trim()
          .min(1, { error: 'Wpisz wiadomość', ...abort })
          .max(messageMaxLength, { error: `Skróć wiadomość do najwyżej ${plural(messageMaxLength, 'znaku', 'znaków', 'znaków')}` }),
      )
      .optional(),
    declarations: z.array(z.string()),
    consent: z.literal('tak', { error: 'Zaznacz zgodę na przetwarzanie danych osobowych, aby wysłać zgłoszenie' }).transform(() => true as const),
    // The honeypot: people never see it, bots fill every input they find.
    website: z.string().max(0, { error: 'Zostaw puste pole „Nie wypełniaj tego pola”' }),
  });

/** A valid submission, as the server stores it. Fields the block does not ask are absent. */
export type Application = z.output<ReturnType<typeof allFields>>;
/** The submitted strings, before validation. */
export type ApplicationInput = z.input<ReturnType<typeof allFields>>;

/** The zod schema of a submission to the form this block defines. */
export function applicationSchema(block: FormBlock): z.ZodType<Application, ApplicationInput> {
  const optional = new Set<string>(Object.values(fieldNames));
  const asked = new Set<string>(block.fields.map((f) => fieldNames[f]));
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(allFields(block.messageMaxLength).shape)) {
    // An asked field is required; one not asked is not part of the form at all.
    if (!optional.has(key)) shape[key] = schema;
    else if (asked.has(key)) shape[key] = (schema as z.ZodOptional<z.ZodType>).unwrap();
  }
  const ids = block.declarations.map((d) => d.id);
  shape['declarations'] = z
    .array(z.string())
    .superRefine((ticked, ctx) => {
      for (const d of block.declarations) {
        if (!ticked.includes(d.id)) ctx.addIssue({ code: 'custom', message: declarationMessage(d.text), path: [d.id] });
      }
    })
    // Only what the block declares is stored, once each and in the block's order.
    .transform((ticked) => ids.filter((id) => ticked.includes(id)));
  return z.object(shape) as unknown as z.ZodType<Application, ApplicationInput>;
}

/** What the person typed or chose, kept to fill the form again. Strings only, never validated. */
export interface FormValues {
  programme?: string;
  name?: string;
  email?: string;
  phone?: string;
  district?: string;
  ageBand?: string;
  organisation?: string;
  message?: string;
  declarations?: string[];
  consent?: string;
}

export type { FieldError } from '../forms/field-error.ts';

export type ParseResult = { ok: true; data: Application } | { ok: false; values: FormValues; errors: FieldError[] };

type Submitted = FormData | URLSearchParams | Record<string, unknown>;

/** Every string submitted under `name` (files and other values are ignored). */
function allOf(input: Submitted, name: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(name);
  if (typeof FormData !== 'undefined' && input instanceof FormData) return input.getAll(name).filter((v): v is string => typeof v === 'string');
  const value = Object.hasOwn(input, name) ? (input as Record<string, unknown>)[name] : undefined;
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/** The submitted strings of the fields this block asks, as typed; a repeated single field counts once. */
export function submittedValues(block: FormBlock, input: Submitted): FormValues & { website: string } {
  const first = (name: string) => allOf(input, name)[0] ?? '';
  const values: FormValues & { website: string } = { programme: first('programme'), email: first('email'), declarations: allOf(input, 'declarations'), consent: first('consent'), website: first('website') };
  for (const field of block.fields) values[fieldNames[field]] = first(fieldNames[field]);
  return values;
}

/**
 * Validates a submission (a form post, URL-encoded body or parsed JSON).
 * Never throws: anything malformed is a list of Polish errors, one per field
 * and in the form's order, plus the values to fill the form with again.
 */
export function parseSubmission(block: FormBlock, input: Submitted): ParseResult {
  const { website, ...values } = submittedValues(block, input);
  const result = applicationSchema(block).safeParse({ ...values, website });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
  }
  // The honeypot is never filled again: a person whose browser filled it can simply send once more.
  return { ok: false, values, errors };
}
