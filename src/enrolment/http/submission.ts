/**
 * A submitted form → the application to store, or the list of Polish
 * errors. STAND-IN: the form's own schema (src/enrolment/form-schema.ts,
 * shared with the browser) replaces this as soon as it is merged; until
 * then this applies the same rules — every field the block asks for is
 * required, every declaration must be ticked, consent is "tak".
 */
import { districts } from '../../data/districts.ts';
import { ageBands } from '../../data/programmes.ts';
import type { NewApplication } from '../applications.ts';
import type { CatalogueEntry } from '../catalogue.ts';
import { firstField, type Fields } from './request.ts';
import type { FieldError } from './respond.ts';

export type Validated = { ok: true; application: NewApplication } | { ok: false; errors: FieldError[] };

const email = /^[^\s@"<>(),;:\\[\]]{1,64}@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/u;
const phone = /^(?:\+|00)?\d{9,15}$/;
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function allOf(fields: Fields, name: string): string[] {
  if (fields instanceof URLSearchParams) return fields.getAll(name);
  if (fields instanceof FormData) return fields.getAll(name).filter((v): v is string => typeof v === 'string');
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export function validateSubmission(entry: CatalogueEntry, fields: Fields): Validated {
  const errors: FieldError[] = [];
  const block = entry.enrolment;
  const text = (name: string, required: string, max: number, tooLong: string, multiline = false): string | undefined => {
    let value = firstField(fields, name).trim();
    if (multiline) value = value.replace(/\r\n?/g, '\n');
    if (!value) errors.push({ field: name, message: required });
    else if ([...value].length > max) errors.push({ field: name, message: tooLong });
    else if (controls.test(value) || (!multiline && /[\n\r\t]/.test(value)) || !value.isWellFormed()) errors.push({ field: name, message: 'Usuń z pola niedozwolone znaki (np. znaki sterujące)' });
    else return value;
    return undefined;
  };
  const choice = (name: string, values: readonly string[], message: string) => {
    const value = firstField(fields, name);
    if (values.includes(value)) return value;
    errors.push({ field: name, message });
    return undefined;
  };

  const address = text('email', 'Wpisz adres e-mail', 254, 'Adres e-mail może mieć najwyżej 254 znaki');
  if (address !== undefined && !email.test(address)) errors.push({ field: 'email', message: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' });
  const application: NewApplication = { programmeId: entry.id, email: address ?? '', declarations: [] };
  for (const field of block.fields) {
    if (field === 'name') application.name = text('name', 'Wpisz imię i nazwisko', 200, 'Imię i nazwisko może mieć najwyżej 200 znaków');
    if (field === 'organisation') application.organisation = text('organisation', 'Wpisz nazwę organizacji', 200, 'Nazwa organizacji może mieć najwyżej 200 znaków');
    if (field === 'district') application.district = choice('district', districts.values, 'Wybierz dzielnicę, w której mieszkasz');
    if (field === 'age-band') application.ageBand = choice('ageBand', ageBands.values, 'Wybierz przedział wieku');
    if (field === 'message') application.message = text('message', 'Wpisz wiadomość', block.messageMaxLength, `Skróć wiadomość do najwyżej ${block.messageMaxLength} znaków`, true);
    if (field === 'phone') {
      const value = text('phone', 'Wpisz numer telefonu', 40, 'Wpisz numer telefonu w poprawnym formacie, np. 600 123 456 lub +48 600 123 456');
      if (value !== undefined && !phone.test(value.replace(/[\s().-]/g, ''))) errors.push({ field: 'phone', message: 'Wpisz numer telefonu w poprawnym formacie, np. 600 123 456 lub +48 600 123 456' });
      application.phone = value;
    }
  }
  const ticked = allOf(fields, 'declarations');
  for (const declaration of block.declarations) {
    if (!ticked.includes(declaration.id)) errors.push({ field: `declarations.${declaration.id}`, message: `Zaznacz oświadczenie: „${declaration.text.replace(/[.!]+$/, '')}”` });
  }
  application.declarations = block.declarations.map((d) => d.id).filter((id) => ticked.includes(id));
  if (firstField(fields, 'consent') !== 'tak') errors.push({ field: 'consent', message: 'Zaznacz zgodę na przetwarzanie danych osobowych, aby wysłać zgłoszenie' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, application };
}
