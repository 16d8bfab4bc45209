import { z } from 'astro/zod';
import { eventKinds, eventStatuses, inPersonKinds } from '../data/events.ts';
import { calendarDay, cmsWidget, instant, labelled, type ReferenceFactory } from './common.ts';

/** A street address and, inside it, a room. */
export const place = z.object({
  /** Building or institution name. */
  name: labelled(z.string().optional(), 'Nazwa miejsca'),
  /** Street address with city. */
  address: labelled(z.string().min(1), 'Adres'),
  /** Room, floor or hall. */
  room: labelled(z.string().optional(), 'Sala / pokój'),
});

/** A dated gathering (wydarzenia): workshop, duty hour, training… */
export const eventSchema = (reference: ReferenceFactory) =>
  z
    .object({
      /** Name shown in lists and calendars. */
      title: labelled(z.string().min(1), 'Tytuł'),
      /** The programme it belongs to. */
      programme: labelled(reference('programmes').optional(), 'Program'),
      /** The consultation it belongs to. */
      consultation: labelled(reference('consultations').optional(), 'Konsultacje'),
      /** Kind of gathering. */
      kind: labelled(z.enum(eventKinds.values), 'Rodzaj'),
      /** Beginning, with the Warsaw offset. */
      start: labelled(instant, 'Początek'),
      /** End, with the Warsaw offset. */
      end: labelled(instant, 'Koniec'),
      /** Where, for events held in a building. */
      place: labelled(place.optional(), 'Miejsce'),
      /** Number to call, for phone duty hours. */
      phone: labelled(z.string().regex(/^[+0-9 ()-]{9,}$/, { message: 'Podaj numer telefonu, np. 12 323 31 44.' }).optional(), 'Telefon'),
      /** Link to join, for online meetings. */
      onlineUrl: labelled(z.url({ error: 'Podaj pełny adres spotkania zaczynający się od https://' }).optional(), 'Link do spotkania'),
      /** Current state. */
      status: labelled(
        z.enum(eventStatuses.values).default('planned'),
        'Status',
        'Aby odwołać wydarzenie, wybierz „Odwołane” i podaj powód oraz datę decyzji — bez nich zapis się nie uda. To samo przy przeniesieniu.',
      ),
      /** Why it was cancelled, moved or taken online. */
      statusReason: labelled(cmsWidget(z.string(), 'text').optional(), 'Powód zmiany', 'Wymagany, gdy status jest inny niż „Zaplanowane”. Mieszkańcy zobaczą go przy wydarzeniu.'),
      /** The day the change was decided. */
      statusDecidedOn: labelled(calendarDay.optional(), 'Data decyzji', 'Wymagana, gdy status jest inny niż „Zaplanowane”.'),
      /** Places available, if limited. */
      capacity: labelled(z.number().int().positive().optional(), 'Liczba miejsc'),
      /** Revision for subscribed calendars (iCalendar SEQUENCE); raised on every save (src/lib/calendar-revision.ts). */
      sequence: labelled(
        z.number().int().min(0).optional(),
        'Wersja w kalendarzach',
        'Ustawiana automatycznie: CMS podnosi ją o 1 przy każdym zapisie, bo kalendarze subskrybentów przyjmują zmianę (odwołanie, przywrócenie, nowy termin, miejsce) tylko z wyższym numerem. Nie zmniejszaj jej. Edytując plik ręcznie, zwiększ ją o 1 i wpisz bieżący czas w „Ostatnia zmiana”.',
      ),
      /** When the entry was last saved (iCalendar DTSTAMP and LAST-MODIFIED). */
      updated: labelled(instant.optional(), 'Ostatnia zmiana', 'Ustawiana automatycznie przy każdym zapisie w CMS. Edytując plik ręcznie, wpisz bieżący czas.'),
    })
    .refine((e) => !(e.start instanceof Date && e.end instanceof Date) || e.end > e.start, { message: 'Koniec wydarzenia musi być później niż jego początek.', path: ['end'] })
        // A cancelled event may never have had its place announced; anything still happening must say where.
    .refine((e) => !inPersonKinds.includes(e.kind) || e.place !== undefined || e.status === 'online' || e.status === 'cancelled', {
      message: 'Podaj miejsce (adres) wydarzenia stacjonarnego.',
      path: ['place'],
    })
    .refine((e) => e.kind !== 'duty-phone' || e.phone !== undefined, { message: 'Podaj numer telefonu dyżuru telefonicznego.', path: ['phone'] })
    .refine((e) => (e.kind !== 'online-meeting' && e.status !== 'online') || e.onlineUrl !== undefined || e.status === 'cancelled', {
      message: 'Podaj link do spotkania online.',
      path: ['onlineUrl'],
    })
    .refine((e) => e.status === 'planned' || (e.statusReason ?? '').trim().length > 0, {
      message: 'Podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego.',
      path: ['statusReason'],
    })
    .refine((e) => e.status === 'planned' || e.statusDecidedOn !== undefined, {
      message: 'Podaj datę decyzji o odwołaniu lub zmianie.',
      path: ['statusDecidedOn'],
    });
