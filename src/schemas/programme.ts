import { z } from 'astro/zod';
import { programmeStatuses } from '../data/programmes.ts';
import { cmsWidget, contact, labelled, organisation, period, tags, withRules, type ReferenceFactory } from './common.ts';
import { enrolment } from './enrolment.ts';
import { categoriesNameSomething, distinctCategories, groupsHaveDistricts, groupsNamed, groupsOnlyForDistricts, maximaReach, minimaFit, minimaNotOverMaxima, unaskedCategories, valuesMatchCategories } from './quotas.ts';

/** One step of a programme, e.g. a workshop series or an evaluation study. */
const stage = z.object({
  /** Name of the stage. */
  title: labelled(z.string().min(1), 'Nazwa etapu'),
  /** What happens in it. */
  description: labelled(cmsWidget(z.string(), 'text').optional(), 'Opis'),
  /** When. */
  period: labelled(period.optional(), 'Okres'),
});

/** A participation programme (programy): the main thing residents read about. */
export const programmeSchema = (reference: ReferenceFactory) =>
  withRules(
    z.object({
      /** Full name. */
      title: labelled(z.string().min(1), 'Tytuł'),
      /** One or two sentences for lists and search results. */
      summary: labelled(z.string().min(1).max(400), 'Streszczenie', 'Jedno–dwa zdania widoczne na listach.'),
      /** Year of the edition. */
      year: labelled(z.number().int().min(2000).max(2100), 'Rok'),
      /** Edition name when a programme repeats, e.g. "pilotaż". */
      edition: labelled(z.string().optional(), 'Edycja'),
      /** Where it stands. */
      status: labelled(z.enum(programmeStatuses.values), 'Status'),
      /** Why the status changed, shown next to it. */
      statusNote: labelled(cmsWidget(z.string(), 'text').optional(), 'Wyjaśnienie statusu'),
      /** A wider programme this one belongs to. */
      parent: labelled(reference('programmes').optional(), 'Część programu'),
      /** Who runs it. */
      organisers: labelled(z.array(organisation).min(1), 'Organizatorzy'),
      /** Who helps. */
      partners: labelled(z.array(organisation).default([]), 'Partnerzy'),
      /** Who answers questions. */
      contact: labelled(contact.optional(), 'Kontakt'),
      /** When it runs. */
      period: labelled(period, 'Okres realizacji'),
      /** Its steps in order. */
      stages: labelled(z.array(stage).default([]), 'Etapy'),
      /** Documents in the archive that report on it. */
      relatedReports: labelled(z.array(reference('reports')).default([]), 'Powiązane dokumenty'),
      /** Funding note, e.g. EU co-financing, shown at the bottom. */
      funding: labelled(cmsWidget(z.string(), 'text').optional(), 'Finansowanie'),
      /** The page where the programme was first published. */
      sourceUrl: labelled(z.url().optional(), 'Źródło'),
      /** Sign-ups, when the programme takes them. */
      enrolment: labelled(enrolment.optional(), 'Zapisy'),
      /** Free tags. */
      tags,
    }),
    // RFC 3797 section 3: the sources are announced before the pool closes, or nobody can tell they were not picked to fit it.
    // A cancelled programme never draws, so an old one that announced nothing stays valid.
    [
      {
        id: 'programme.lottery-announces-sources',
        path: ['enrolment', 'drawSources'],
        message: 'Przy losowaniu podaj przed końcem naboru źródła losowości — bez nich nikt nie sprawdzi, że wyniku nie dobrano.',
        hint: 'Przy losowaniu wymagane co najmniej jedno źródło (chyba że program odwołano), podane przed końcem naboru.',
        requiredNote: 'wymagane przy losowaniu',
        check: (p) => p.status === 'cancelled' || p.enrolment?.mode !== 'lottery' || p.enrolment.drawSources.length > 0,
      },
      {
        id: 'programme.lottery-announces-draw-date',
        path: ['enrolment', 'drawDate'],
        message: 'Przy losowaniu podaj przed końcem naboru datę losowania — bez niej nikt nie sprawdzi, że wyniku nie dobrano.',
        hint: 'Wymagana przy losowaniu (chyba że program odwołano), podana przed końcem naboru.',
        requiredNote: 'wymagane przy losowaniu',
        check: (p) => p.status === 'cancelled' || p.enrolment?.mode !== 'lottery' || p.enrolment.drawDate !== undefined,
      },
      // Quotas no panel could meet are refused before anyone signs up (issue 14); src/schemas/quotas.ts says why these suffice.
      {
        id: 'programme.quotas-distinct',
        path: ['enrolment', 'quotas'],
        message: 'Każda kategoria kwot może wystąpić tylko raz.',
        hint: 'Każda kategoria raz.',
        check: (p) => distinctCategories(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-field-asked',
        path: ['enrolment', 'quotas'],
        message: 'Formularz musi pytać o każdą kategorię kwot: dodaj ją w „Pola formularza”, inaczej nikt nie mógłby dostać miejsca z tej puli.',
        hint: 'Kategoria musi być też w „Pola formularza”.',
        alsoAt: [{ path: ['enrolment', 'fields'], hint: 'Musi zawierać każdą kategorię kwot miejsc.' }],
        check: (p) => !p.enrolment || unaskedCategories(p.enrolment.quotas, p.enrolment.fields).length === 0,
      },
      {
        id: 'programme.quotas-category-names-something',
        path: ['enrolment', 'quotas'],
        message: 'Kategoria kwot musi wymieniać co najmniej jedną wartość albo grupę dzielnic z jej miejscami.',
        hint: 'Przynajmniej jedna wartość albo grupa.',
        check: (p) => categoriesNameSomething(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-groups-district-only',
        path: ['enrolment', 'quotas'],
        message: 'Grupy można tworzyć tylko z dzielnic, w kategorii „Dzielnica”. Usuń grupy z kategorii „Przedział wieku”.',
        hint: 'Grupy tylko w kategorii „Dzielnica”.',
        check: (p) => groupsOnlyForDistricts(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-group-names',
        path: ['enrolment', 'quotas'],
        message: 'Każda grupa dzielnic potrzebuje własnej nazwy: niepustej, bez spacji na początku i końcu, innej niż nazwy pozostałych grup i niż numer czy nazwa którejkolwiek dzielnicy lub przedziału wieku (np. nie „XV” ani „Dzielnica I Stare Miasto”) — inaczej w wynikach nie dałoby się jej odróżnić.',
        hint: 'Nazwa grupy: własna, inna niż dzielnice i pozostałe grupy.',
        check: (p) => groupsNamed(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-group-districts',
        path: ['enrolment', 'quotas'],
        message: 'Każda grupa dzielnic musi obejmować co najmniej jedną dzielnicę.',
        hint: 'Grupa: co najmniej jedna dzielnica.',
        check: (p) => groupsHaveDistricts(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-values-match',
        path: ['enrolment', 'quotas'],
        message: 'Każda wartość kwoty musi należeć do swojej kategorii (dzielnica przy dzielnicy, przedział wieku przy wieku) i liczyć się w niej tylko raz: nie wymieniaj jej dwa razy, nie umieszczaj dzielnicy w dwóch grupach ani nie dawaj osobnej kwoty dzielnicy z grupy.',
        hint: 'Wartości z tej samej kategorii, każda raz (także w grupach).',
        check: (p) => valuesMatchCategories(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-min-not-over-max',
        path: ['enrolment', 'quotas'],
        message: 'Najmniej miejsc nie może być więcej niż najwięcej miejsc tej samej wartości.',
        hint: 'Minimum nie większe niż maksimum.',
        check: (p) => minimaNotOverMaxima(p.enrolment?.quotas ?? []),
      },
      {
        id: 'programme.quotas-minima-fit',
        path: ['enrolment', 'quotas'],
        message: 'Minima jednej kategorii sumują się do więcej niż liczba miejsc: żaden skład nie spełniłby ich wszystkich. Zmniejsz minima albo zwiększ liczbę miejsc.',
        hint: 'Suma minimów w kategorii nie większa niż liczba miejsc.',
        check: (p) => p.enrolment?.capacity === undefined || minimaFit(p.enrolment.quotas, p.enrolment.capacity),
      },
      {
        id: 'programme.quotas-maxima-reach',
        path: ['enrolment', 'quotas'],
        message: 'Maksima kategorii, która wymienia wszystkie swoje wartości, sumują się do mniej niż liczba miejsc: miejsc nie dałoby się obsadzić. Zwiększ maksima albo zmniejsz liczbę miejsc.',
        hint: 'Gdy wymienisz wszystkie wartości kategorii, suma maksimów co najmniej równa liczbie miejsc.',
        check: (p) => p.enrolment?.capacity === undefined || maximaReach(p.enrolment.quotas, p.enrolment.capacity),
      },
    ],
  );
