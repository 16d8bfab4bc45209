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

/**
 * How a remark reached the city (issue 16, "Co usłyszeliśmy"). The values
 * shared with `consultationMethods` mean the same thing; `letter` is a
 * channel residents use without the consultation offering it as a method.
 */
export const remarkChannels = enumeration([
  { value: 'form', label: 'Formularz uwag' },
  { value: 'meeting', label: 'Spotkanie' },
  { value: 'duty-in-person', label: 'Dyżur stacjonarny' },
  { value: 'duty-phone', label: 'Dyżur telefoniczny' },
  { value: 'email', label: 'Poczta elektroniczna' },
  { value: 'letter', label: 'List' },
]);
export type RemarkChannel = (typeof remarkChannels.values)[number];

/** What the city decided about a remark; the labels are the words of Polish consultation reports. */
export const remarkDecisions = enumeration([
  { value: 'accepted', label: 'Uwzględniona' },
  { value: 'partly-accepted', label: 'Częściowo uwzględniona' },
  { value: 'rejected', label: 'Nieuwzględniona' },
  { value: 'out-of-scope', label: 'Poza zakresem' },
]);
export type RemarkDecision = (typeof remarkDecisions.values)[number];

/** Where an action the city took after a remark stands ("Co zrobiliśmy"). */
export const remarkActionStatuses = enumeration([
  { value: 'planned', label: 'Zaplanowane' },
  { value: 'in-progress', label: 'W realizacji' },
  { value: 'done', label: 'Zrealizowane' },
  { value: 'abandoned', label: 'Zaniechane' },
]);
export type RemarkActionStatus = (typeof remarkActionStatuses.values)[number];
