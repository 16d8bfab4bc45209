import { z } from 'astro/zod';
import { eventKinds, eventStatuses, inPersonKinds } from '../data/events.ts';
import { calendarDay, cmsWidget, instant, labelled, withRules, type ReferenceFactory } from './common.ts';

/** A street address and, inside it, a room. */
const place = z.object({
  /** Building or institution name. */
  name: labelled(z.string().optional(), 'Nazwa miejsca'),
  /** Street address with city. */
  address: labelled(z.string().min(1), 'Adres'),
  /** Room, floor or hall. */
  room: labelled(z.string().optional(), 'Sala / pokój'),
});

/** A dated gathering (wydarzenia): workshop, duty hour, training… */
export const eventSchema = (reference: ReferenceFactory) =>
  withRules(
    z.object({
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
      statusReason: labelled(cmsWidget(z.string(), 'text').optional(), 'Powód zmiany', 'Mieszkańcy zobaczą go przy wydarzeniu.'),
      /** The day the change was decided. */
      statusDecidedOn: labelled(calendarDay.optional(), 'Data decyzji'),
      /** Places available, if limited. */
      capacity: labelled(z.number().int().positive().optional(), 'Liczba miejsc'),
      /** Revision for subscribed calendars (iCalendar SEQUENCE); raised on every save (src/calendar/revision.ts). */
      sequence: labelled(
        z.number().int().min(0).optional(),
        'Wersja w kalendarzach',
        'Ustawiana automatycznie: CMS podnosi ją o 1 przy każdym zapisie, bo kalendarze subskrybentów przyjmują zmianę (odwołanie, przywrócenie, nowy termin, miejsce) tylko z wyższym numerem. Nie zmniejszaj jej. Edytując plik ręcznie, zwiększ ją o 1 i wpisz bieżący czas w „Ostatnia zmiana”.',
      ),
      /** When the entry was last saved (iCalendar DTSTAMP and LAST-MODIFIED). */
      updated: labelled(instant.optional(), 'Ostatnia zmiana', 'Ustawiana automatycznie przy każdym zapisie w CMS. Edytując plik ręcznie, wpisz bieżący czas.'),
    }),
    [
      {
        id: 'event.programme-or-consultation',
        path: ['programme'],
        message: 'Wybierz program albo konsultacje, do których należy wydarzenie — bez tego nie pojawi się ono w żadnym programie ani kalendarzu.',
        hint: 'Wybierz program albo konsultacje (jedno z dwóch jest wymagane): wydarzenie pokazuje się w ich kalendarzu.',
        requiredNote: 'wymagane, jeśli nie wybrano konsultacji',
        alsoAt: [{ path: ['consultation'], hint: 'Wybierz konsultacje albo program (jedno z dwóch jest wymagane).', requiredNote: 'wymagane, jeśli nie wybrano programu' }],
        check: (e) => e.programme !== undefined || e.consultation !== undefined,
      },
      {
        id: 'event.end-after-start',
        path: ['end'],
        message: 'Koniec wydarzenia musi być później niż jego początek.',
        hint: 'Później niż początek.',
        check: (e) => !(e.start instanceof Date && e.end instanceof Date) || e.end > e.start,
      },
      {
        // A cancelled event may never have had its place announced; anything still happening must say where.
        id: 'event.place-in-person',
        path: ['place'],
        message: 'Podaj miejsce (adres) wydarzenia stacjonarnego.',
        hint: `Wymagane przy wydarzeniu stacjonarnym (${inPersonKinds.map((k) => eventKinds.label(k).toLowerCase()).join(', ')}), chyba że je odwołano albo przeniesiono do internetu.`,
        requiredNote: 'wymagane przy wydarzeniu stacjonarnym',
        check: (e) => !inPersonKinds.includes(e.kind) || e.place !== undefined || e.status === 'online' || e.status === 'cancelled',
      },
      {
        id: 'event.phone-for-phone-duty',
        path: ['phone'],
        message: 'Podaj numer telefonu dyżuru telefonicznego.',
        hint: 'Wymagany przy dyżurze telefonicznym.',
        requiredNote: 'wymagane przy dyżurze telefonicznym',
        check: (e) => e.kind !== 'duty-phone' || e.phone !== undefined,
      },
      {
        id: 'event.online-url',
        path: ['onlineUrl'],
        message: 'Podaj link do spotkania online.',
        hint: 'Wymagany przy spotkaniu online i przy wydarzeniu przeniesionym do internetu, chyba że je odwołano.',
        requiredNote: 'wymagane przy spotkaniu online i po przeniesieniu do internetu',
        check: (e) => (e.kind !== 'online-meeting' && e.status !== 'online') || e.onlineUrl !== undefined || e.status === 'cancelled',
      },
      {
        id: 'event.status-reason',
        path: ['statusReason'],
        message: 'Podaj powód odwołania lub zmiany — mieszkańcy muszą wiedzieć, dlaczego.',
        hint: 'Wymagany, gdy status jest inny niż „Zaplanowane”.',
        requiredNote: 'wymagane, gdy status jest inny niż „Zaplanowane”',
        check: (e) => e.status === 'planned' || (e.statusReason ?? '').trim().length > 0,
      },
      {
        id: 'event.status-decided-on',
        path: ['statusDecidedOn'],
        message: 'Podaj datę decyzji o odwołaniu lub zmianie.',
        hint: 'Wymagana, gdy status jest inny niż „Zaplanowane”.',
        requiredNote: 'wymagane, gdy status jest inny niż „Zaplanowane”',
        check: (e) => e.status === 'planned' || e.statusDecidedOn !== undefined,
      },
    ],
  );
