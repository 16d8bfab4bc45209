/**
 * A built copy of the site with requests for a consultation and annual plans
 * (issue 16), for the page tests (tests/integration/requests-pages.test.ts)
 * and the accessibility spec (tests/browser/system/requests-pages.spec.ts).
 * No real request or plan exists in the seeds, so these are fixtures,
 * written into the copy only; src/content is never touched.
 *
 * Dates that decide "bez odpowiedzi od N dni" and "still to come" are
 * relative to the run's start (a request filed 45 days before it; a plan
 * for the next year), the rest fixed. The build's own clock
 * (`generatedAt` in /dane/wydarzenia.json) is what tests compare with.
 */
import { addDays } from '../../src/lib/calendar-days.ts';
import { warsawDay } from '../../src/lib/dates.ts';
import { builtFixtureSite, type FixtureFiles, type FixtureSite } from './fixture-site.ts';
import { runStartedAt } from './test-services.ts';

/** The seed's consultation of November 2025 (IV quarter). */
export const seedConsultation = 'jak-rozwijac-konsultacje-spoleczne-w-krakowie-2025';

/** The Warsaw day the run started, from which the relative dates count. */
const startDay = () => warsawDay(new Date(runStartedAt()));

/** Request ids and what each shows. */
export const fixtureRequests = {
  /** Residents, standard, 45 days without an answer (the rules give 30): overdue. */
  overdue: 'zielen-na-placu-wolnica',
  /** An NGO, Mała Konsultacja, refused with a reason. */
  rejected: 'parking-przy-ul-lea',
  /** A district council (no supporters needed), accepted and sent to the seed's consultation. */
  consultation: 'zasady-konsultacji-rada-dzielnicy',
  /** Residents, filed three days ago: within its deadline. */
  fresh: 'lawki-na-bulwarach',
} as const;

const markdown = (front: string, body: string) => `---\n${front.trim()}\n---\n\n${body}\n`;

/** The request files, with the dates relative to `today` (YYYY-MM-DD). */
export function requestFiles(today: string): FixtureFiles {
  const filed = addDays(today, -45);
  return {
    [`src/content/wnioski/${fixtureRequests.overdue}.md`]: markdown(
      `
title: Zieleń na placu Wolnica
applicant:
  kind: residents
district: XIII
procedure: standard
filedOn: ${filed}
onlineSupport:
  until: ${addDays(today, 10)}
supportersVerified: 120
history:
  - status: filed
    date: ${filed}
  - status: verification
    date: ${addDays(filed, 5)}
`,
      'Plac Wolnica nagrzewa się latem; prosimy o konsultacje projektu nasadzeń drzew i zieleni.',
    ),
    [`src/content/wnioski/${fixtureRequests.rejected}.md`]: markdown(
      `
title: Parking przy ul. Lea
applicant:
  kind: ngo
  name: Stowarzyszenie Przykładowe
district: city
procedure: small
filedOn: 2026-04-01
supportersVerified: 1
history:
  - status: filed
    date: 2026-04-01
  - status: verification
    date: 2026-04-03
  - status: rejected
    date: 2026-04-20
    reason: Sprawa nie należy do zadań gminy — parking jest na terenie prywatnym.
answer: Wniosek odrzucono, bo parking leży na terenie prywatnym i miasto nie decyduje o jego przebudowie.
`,
      'Prosimy o Małą Konsultację w sprawie przebudowy parkingu.',
    ),
    [`src/content/wnioski/${fixtureRequests.consultation}.md`]: markdown(
      `
title: Konsultacje zasad konsultacji
applicant:
  kind: district-council
  name: Rada Dzielnicy XIII Podgórze
district: city
procedure: standard
filedOn: 2025-09-01
supportersVerified: 0
history:
  - status: filed
    date: 2025-09-01
  - status: accepted
    date: 2025-09-20
  - status: consultation
    date: 2025-11-07
consultation: ${seedConsultation}
answer: Miasto przeprowadzi konsultacje nowej uchwały w listopadzie 2025 r.
`,
      'Rada dzielnicy wnosi o konsultacje projektu nowej uchwały o konsultacjach.',
    ),
    [`src/content/wnioski/${fixtureRequests.fresh}.md`]: markdown(
      `
title: Ławki na bulwarach
applicant:
  kind: residents
district: I
procedure: small
filedOn: ${addDays(today, -3)}
supportersVerified: 0
history:
  - status: filed
    date: ${addDays(today, -3)}
`,
      '',
    ),
  };
}

/** Fixture consultations of 2025 beside the seed's: one held a quarter later than planned, one no plan names. */
export const fixtureConsultations = { otherQuarter: 'zielen-osiedlowa-2025', unplanned: 'parki-kieszonkowe-2025' } as const;

const consultation = (title: string, start: string) =>
  markdown(
    `
title: ${title}
question: Co zmienić?
summary: Konsultacje testowe.
status: open
period:
  start: ${start}
methods:
  - form
contact:
  name: Referat ds. Partycypacji i Dialogu
`,
    'Opis konsultacji.',
  );

/** The plan of 2025 (every outcome but "pending") and of next year (all pending). */
export function planFiles(nextYear: number): FixtureFiles {
  return {
    [`src/content/konsultacje/${fixtureConsultations.otherQuarter}.md`]: consultation('Zieleń osiedlowa', '2025-05-12'),
    [`src/content/konsultacje/${fixtureConsultations.unplanned}.md`]: consultation('Parki kieszonkowe', '2025-08-20'),
    'src/content/plany-konsultacji/2025.md': markdown(
      `
year: 2025
items:
  - topic: Zasady konsultacji społecznych
    unit: Referat ds. Partycypacji i Dialogu
    quarter: 4
    method: duty-in-person
    consultation: ${seedConsultation}
  - topic: Zieleń osiedlowa
    unit: Zarząd Zieleni Miejskiej
    quarter: 1
    method: citizens-panel
    consultation: ${fixtureConsultations.otherQuarter}
  - topic: Nocna komunikacja
    unit: Zarząd Transportu Publicznego
    quarter: 2
    method: survey
`,
      'Plan przyjęty przez Prezydenta Miasta Krakowa.',
    ),
    [`src/content/plany-konsultacji/${nextYear}.md`]: markdown(
      `
year: ${nextYear}
items:
  - topic: Budżet obywatelski — nowe zasady
    unit: Referat ds. Partycypacji i Dialogu
    quarter: 1
    method: citizens-panel
  - topic: Rowery miejskie, stacje i ceny
    unit: Zarząd Transportu Publicznego
    quarter: 3
    method: meeting
`,
      '',
    ),
  };
}

/** The year after the run started. */
export const nextYearOf = () => Number(startDay().slice(0, 4)) + 1;

/** The built copy with every fixture above; the caller removes it. */
export function requestsSite(): Promise<FixtureSite> {
  return builtFixtureSite({ ...requestFiles(startDay()), ...planFiles(nextYearOf()) }, 'wspolnie-wnioski-');
}
