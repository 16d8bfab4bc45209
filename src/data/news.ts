import { enumeration } from './enumeration.ts';

/** What a news item is. */
export const newsKinds = enumeration([
  { value: 'announcement', label: 'Komunikat' },
  { value: 'call', label: 'Nabór' },
  { value: 'invitation', label: 'Zaproszenie' },
  { value: 'cancellation', label: 'Odwołanie' },
  { value: 'change', label: 'Zmiana formuły' },
  { value: 'summary', label: 'Podsumowanie' },
]);
export type NewsKind = (typeof newsKinds.values)[number];
