/**
 * The two notices, in Polish: "an event you are registered for changed"
 * (cancelled, moved, taken online, restored) and "reminder: in two days".
 * Each carries the registration code, the event page and the withdrawal
 * link; subjects name the event and nothing about the person.
 */
import { statusNoticeHeadings, type EventKind } from '../data/events.ts';
import { signature } from '../enrolment/emails.ts';
import { formatDay, formatSpan } from '../lib/dates.ts';
import { composeEmail, type EmailBlock, type EmailContent } from '../mail/template.ts';
import type { PublicEvent } from './events-file.ts';
import type { ChangedField, EventState } from './fingerprint.ts';

interface Addressee {
  code: string;
  /** Waitlisted people are told about changes too: they may yet get a place at the new date. */
  waitlisted: boolean;
  withdrawUrl: string;
}

export interface NoticeInput extends Addressee {
  event: PublicEvent;
  programmeTitle: string;
  /** Absolute address of the event's page. */
  pageUrl: string;
  /** What the job saw before; undefined on first sight (the event was already changed then). */
  before: EventState | undefined;
  fields: readonly ChangedField[];
}

const isOnline = (kind: EventKind, state: Pick<EventState, 'status'>) => state.status === 'online' || kind === 'online-meeting';
const spanOf = (state: Pick<EventState, 'start' | 'end'>) => formatSpan(new Date(state.start), new Date(state.end));

/** Where, in words; the online link itself goes in a link block of its own. */
function whereOf(kind: EventKind, state: Pick<EventState, 'status' | 'place' | 'phone' | 'onlineUrl'>): string {
  if (isOnline(kind, state)) return 'w internecie (link do spotkania poniżej)';
  if (kind === 'duty-phone' && state.phone) return `telefonicznie, pod numerem ${state.phone}`;
  if (state.place) return [state.place.name, state.place.address, state.place.room].filter(Boolean).join(', ');
  return 'nie podano';
}

function subjectOf({ event, before, fields }: Pick<NoticeInput, 'event' | 'before' | 'fields'>): string {
  if (event.status === 'cancelled') return `Odwołane: ${event.title}`;
  if (before?.status === 'cancelled') return `Wydarzenie jednak się odbędzie: ${event.title}`;
  if (event.status === 'online' && before?.status !== 'online') return `Wydarzenie w internecie: ${event.title}`;
  if (fields.includes('time') || fields.includes('place') || event.status === 'moved') return `Zmiana terminu lub miejsca: ${event.title}`;
  return `Zmiana: ${event.title}`;
}

function leadOf({ event, before, programmeTitle }: Pick<NoticeInput, 'event' | 'before' | 'programmeTitle'>): string {
  const what = `wydarzenie „${event.title}” w programie „${programmeTitle}”, na który masz zgłoszenie,`;
  if (event.status === 'cancelled') return `${what} zostało odwołane. Miało się odbyć: ${spanOf(before ?? stateOfEvent(event))}.`;
  if (before?.status === 'cancelled') return `${what} zostało przywrócone i jednak się odbędzie.`;
  if (event.status === 'online' && before?.status !== 'online') return `${what} odbędzie się w internecie.`;
  return `zmieniły się szczegóły wydarzenia „${event.title}” w programie „${programmeTitle}”, na który masz zgłoszenie.`;
}

const stateOfEvent = (event: PublicEvent): Pick<EventState, 'start' | 'end'> => ({ start: event.start.toISOString(), end: event.end.toISOString() });

/** "Termin: new (poprzednio: old)." and the same for the place and the phone, for an event still happening. */
function detailsOf({ event, before, fields }: Pick<NoticeInput, 'event' | 'before' | 'fields'>): EmailBlock[] {
  const now: EventState = { status: event.status, start: event.start.toISOString(), end: event.end.toISOString(), place: event.place, onlineUrl: event.onlineUrl, phone: event.phone };
  const was = (field: ChangedField, text: string) => (before && fields.includes(field) ? ` (poprzednio: ${text})` : '');
  const blocks: EmailBlock[] = [
    { paragraph: `Termin: ${spanOf(now)}${was('time', before ? spanOf(before) : '')}.` },
  ];
  const whereNow = whereOf(event.kind, now);
  const whereBefore = before ? whereOf(event.kind, before) : '';
  const placeChanged = before !== undefined && whereNow !== whereBefore && (fields.includes('place') || fields.includes('status') || fields.includes('phone'));
  blocks.push({ paragraph: `Miejsce: ${whereNow}${placeChanged ? ` (poprzednio: ${whereBefore})` : ''}.` });
  if (isOnline(event.kind, now) && event.onlineUrl) {
    blocks.push({ link: event.onlineUrl, label: before && fields.includes('onlineUrl') && before.onlineUrl ? 'Nowy link do spotkania' : 'Link do spotkania' });
  }
  return blocks;
}

function reasonOf(event: PublicEvent): EmailBlock[] {
  const blocks: EmailBlock[] = [];
  if (event.statusReason?.trim()) blocks.push({ paragraph: `Powód: ${event.statusReason.trim()}` });
  if (event.statusDecidedOn) blocks.push({ paragraph: `Data decyzji: ${formatDay(event.statusDecidedOn)}.` });
  return blocks;
}

function closing({ code, waitlisted, withdrawUrl }: Addressee, cancelled: boolean): EmailBlock[] {
  const blocks: EmailBlock[] = [{ paragraph: `Kod zgłoszenia: ${code}.${waitlisted ? ' Jesteś na liście rezerwowej tego programu.' : ''}` }];
  if (cancelled) blocks.push({ paragraph: 'Odwołanie tego wydarzenia nie anuluje Twojego zgłoszenia na program: o pozostałych wydarzeniach dowiesz się na stronie programu i z kolejnych wiadomości.' });
  blocks.push(
    { paragraph: 'Jeśli nie chcesz już brać udziału w programie, zrezygnuj, żeby zwolnić miejsce. Rezygnacja dotyczy całego zgłoszenia na program, a Twoje dane zostaną usunięte:' },
    { link: withdrawUrl, label: 'Rezygnuję i usuwam moje dane' },
    ...signature,
  );
  return blocks;
}

export function changeNoticeEmail(input: NoticeInput): EmailContent {
  const { event } = input;
  const cancelled = event.status === 'cancelled';
  const heading = event.status === 'planned' ? [] : [{ paragraph: `${statusNoticeHeadings[event.status]}.` }];
  return composeEmail(subjectOf(input), [
    { paragraph: 'Dzień dobry,' },
    { paragraph: leadOf(input) },
    ...(cancelled ? heading : detailsOf(input)),
    ...reasonOf(event),
    { link: input.pageUrl, label: 'Strona wydarzenia' },
    ...closing(input, cancelled),
  ]);
}

export interface ReminderInput extends Addressee {
  event: PublicEvent;
  programmeTitle: string;
  pageUrl: string;
}

export function reminderEmail(input: ReminderInput): EmailContent {
  const { event } = input;
  const now: EventState = { status: event.status, start: event.start.toISOString(), end: event.end.toISOString(), place: event.place, onlineUrl: event.onlineUrl, phone: event.phone };
  const blocks: EmailBlock[] = [
    { paragraph: 'Dzień dobry,' },
    { paragraph: `przypominamy o wydarzeniu „${event.title}” w programie „${input.programmeTitle}”, na który masz zgłoszenie.` },
    { paragraph: `Termin: ${spanOf(now)}.` },
    { paragraph: `Miejsce: ${whereOf(event.kind, now)}.` },
  ];
  if (isOnline(event.kind, now) && event.onlineUrl) blocks.push({ link: event.onlineUrl, label: 'Link do spotkania' });
  if (event.status !== 'planned') blocks.push({ paragraph: `${statusNoticeHeadings[event.status]}.` }, ...reasonOf(event));
  blocks.push(
    { link: input.pageUrl, label: 'Strona wydarzenia' },
    { paragraph: `Kod zgłoszenia: ${input.code}.` },
    { paragraph: 'Jeśli nie możesz przyjść, zrezygnuj, żeby zwolnić miejsce. Rezygnacja dotyczy całego zgłoszenia na program, a Twoje dane zostaną usunięte:' },
    { link: input.withdrawUrl, label: 'Rezygnuję i usuwam moje dane' },
    ...signature,
  );
  return composeEmail(`Przypomnienie: ${event.title}, ${formatDay(event.start)}`, blocks);
}
