import { enumeration } from './enumeration.ts';

/** What kind of gathering an event is; decides which place fields it needs. */
export const eventKinds = enumeration([
  { value: 'workshop', label: 'Warsztat' },
  { value: 'duty-in-person', label: 'Dyżur stacjonarny' },
  { value: 'duty-phone', label: 'Dyżur telefoniczny' },
  { value: 'training', label: 'Szkolenie' },
  { value: 'conference', label: 'Konferencja' },
  { value: 'online-meeting', label: 'Spotkanie online' },
  { value: 'panel', label: 'Panel' },
]);
export type EventKind = (typeof eventKinds.values)[number];

/** Kinds held at a physical address (the others are by phone or online). */
export const inPersonKinds: readonly EventKind[] = ['workshop', 'duty-in-person', 'training', 'conference', 'panel'];

/** The state of an event; anything but `planned` must carry a reason and a decision date. */
export const eventStatuses = enumeration([
  { value: 'planned', label: 'Zaplanowane' },
  { value: 'cancelled', label: 'Odwołane' },
  { value: 'moved', label: 'Przeniesione' },
  { value: 'online', label: 'Przeniesione do internetu' },
]);
export type EventStatus = (typeof eventStatuses.values)[number];

/** The heading of the notice on a changed event's page (and in the CMS preview). */
export const statusNoticeHeadings: Record<Exclude<EventStatus, 'planned'>, string> = {
  cancelled: 'To wydarzenie zostało odwołane',
  moved: 'Termin lub miejsce tego wydarzenia zostały zmienione',
  online: 'To wydarzenie odbędzie się w internecie',
};
