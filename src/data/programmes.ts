import { enumeration } from './enumeration.ts';
import { districts } from './districts.ts';

/** Where a programme stands. */
export const programmeStatuses = enumeration([
  { value: 'announced', label: 'Zapowiedziany' },
  { value: 'enrolment', label: 'Trwa nabór' },
  { value: 'ongoing', label: 'W trakcie' },
  { value: 'changed', label: 'Zmieniona formuła' },
  { value: 'cancelled', label: 'Odwołany' },
  { value: 'completed', label: 'Zakończony' },
]);
export type ProgrammeStatus = (typeof programmeStatuses.values)[number];

/** How places are given out when a programme takes sign-ups. */
export const enrolmentModes = enumeration([
  { value: 'lottery', label: 'Losowanie, gdy chętnych jest więcej niż miejsc' },
  { value: 'first-come', label: 'Decyduje kolejność zgłoszeń' },
  { value: 'open', label: 'Bez limitu miejsc' },
]);
export type EnrolmentMode = (typeof enrolmentModes.values)[number];

/** What a lottery's public source of randomness yields: RFC 3797 section 4 treats numbers and texts differently. */
export const drawSourceKinds = enumeration([
  { value: 'numbers', label: 'Liczby (np. wyniki losowania Lotto lub runda drand jako liczba)' },
  { value: 'text', label: 'Tekst (np. skrót, słowo, kurs zapisany literami i cyframi)' },
]);
export type DrawSourceKind = (typeof drawSourceKinds.values)[number];

/** The fields a sign-up form may ask for, beyond the always-required email. */
export const enrolmentFields = enumeration([
  { value: 'name', label: 'Imię i nazwisko' },
  { value: 'district', label: 'Dzielnica' },
  { value: 'phone', label: 'Telefon' },
  { value: 'age-band', label: 'Przedział wieku' },
  { value: 'organisation', label: 'Organizacja' },
  { value: 'message', label: 'Wiadomość (tekst dowolny)' },
]);
export type EnrolmentField = (typeof enrolmentFields.values)[number];

/** Age bands offered when a form asks for age. */
export const ageBands = enumeration([
  { value: 'under-18', label: 'poniżej 18 lat' },
  { value: '18-29', label: '18–29 lat' },
  { value: '30-44', label: '30–44 lata' },
  { value: '45-59', label: '45–59 lat' },
  { value: '60-74', label: '60–74 lata' },
  { value: '75-plus', label: '75 lat i więcej' },
]);

/**
 * The form fields a lottery may set seat quotas on (issue 14): each is a
 * field the form asks (enrolmentFields) whose answers are a closed list.
 */
export const quotaCategories = enumeration([
  { value: 'district', label: 'Dzielnica' },
  { value: 'age-band', label: 'Przedział wieku' },
]);
export type QuotaCategory = (typeof quotaCategories.values)[number];

/** Every value a quota may name: the districts, then the age bands, labelled as in the form. */
export const quotaValues = enumeration([...districts.options, ...ageBands.options]);

/** The values the form offers for each quota category. */
export const quotaCategoryValues: Readonly<Record<QuotaCategory, readonly string[]>> = {
  district: districts.values,
  'age-band': ageBands.values,
};
