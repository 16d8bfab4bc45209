import { enumeration } from './enumeration.ts';

/** Where a public consultation stands. */
export const consultationStatuses = enumeration([
  { value: 'planned', label: 'Zaplanowane' },
  { value: 'open', label: 'Trwają' },
  { value: 'closed', label: 'Zakończone — trwa opracowanie wyników' },
  { value: 'completed', label: 'Zakończone — wyniki opublikowane' },
]);
export type ConsultationStatus = (typeof consultationStatuses.values)[number];

/** Ways residents can take part in a consultation. */
export const consultationMethods = enumeration([
  { value: 'duty-in-person', label: 'Dyżur stacjonarny' },
  { value: 'duty-phone', label: 'Dyżur telefoniczny' },
  { value: 'meeting', label: 'Spotkanie otwarte' },
  { value: 'online-meeting', label: 'Spotkanie online' },
  { value: 'form', label: 'Formularz uwag' },
  { value: 'email', label: 'Uwagi pocztą elektroniczną' },
  { value: 'survey', label: 'Ankieta' },
  { value: 'workshop', label: 'Warsztat' },
]);
export type ConsultationMethod = (typeof consultationMethods.values)[number];
