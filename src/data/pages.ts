import { enumeration } from './enumeration.ts';

/** The static pages every deployment has; each is rendered at its own fixed address. */
export const pageKinds = enumeration([
  { value: 'about', label: 'O portalu' },
  { value: 'accessibility', label: 'Deklaracja dostępności' },
  { value: 'privacy', label: 'Informacja o przetwarzaniu danych (RODO)' },
  { value: 'other', label: 'Inna strona' },
]);
export type PageKind = (typeof pageKinds.values)[number];

/** Compliance levels the accessibility statement may declare (Ministry template v2.0). */
export const complianceStatuses = enumeration([
  { value: 'full', label: 'zgodna' },
  { value: 'partial', label: 'częściowo zgodna' },
  { value: 'none', label: 'niezgodna' },
]);
