import { z } from 'astro/zod';
import { answeredStatuses, requestAreas, requestStatuses, requestStatusesNext } from '../data/consultation-requests.ts';
import { applicantKinds, consultationProcedures, requestRuleSets, ruleSetOn, supportersNeeded } from '../data/consultation-rules.ts';
import { calendarDay, cmsWidget, labelled, withRules, type ReferenceFactory } from './common.ts';

/** The first day any adopted rule set applies; a request filed earlier cannot be judged. */
const firstRulesDay = requestRuleSets
  .map((set) => set.inForceFrom)
  .filter((day): day is string => day !== null)
  .sort()[0]!;

/** Applicants who file on their own authority and may be named (never a private person). */
const namedApplicants: readonly string[] = applicantKinds.values.filter((kind) => kind !== 'residents');

/** One step of a request's history: its status from a day, with the reason when the city gives one. */
const historyStep = withRules(
  z.object({
    /** The status reached. */
    status: labelled(z.enum(requestStatuses.values), 'Status'),
    /** The day it was reached. */
    date: labelled(calendarDay, 'Data'),
    /** Why (required for a refusal). */
    reason: labelled(cmsWidget(z.string().trim().min(1).optional(), 'text'), 'Uzasadnienie'),
  }),
  [
    {
      id: 'request.rejected-reason',
      path: ['reason'],
      message: 'Odrzucenie wniosku wymaga uzasadnienia: wpisz, dlaczego miasto nie przeprowadzi konsultacji.',
      hint: 'Przy odrzuceniu wniosku uzasadnienie jest obowiązkowe.',
      requiredNote: 'wymagane przy odrzuceniu',
      check: (step) => step.status !== 'rejected' || (step.reason ?? '').trim() !== '',
    },
  ],
);

/** The rule set a request is judged by, or undefined when it was filed before any (another rule reports that). */
function ruleSetOf(filedOn: string) {
  return filedOn >= firstRulesDay ? ruleSetOn(filedOn) : undefined;
}

/**
 * A request for a consultation (wniosek o konsultacje), one Markdown file in
 * src/content/wnioski/ whose body is the request's justification (issue 16;
 * docs/consultation-requests.md). The
 * supporters needed come from src/data/consultation-rules.ts, by the rule set
 * in force on `filedOn`.
 */
export const requestSchema = (reference: ReferenceFactory) =>
  withRules(
    z.object({
      /** The subject of the request. */
      title: labelled(z.string().min(1), 'Przedmiot wniosku'),
      /** Who filed it. */
      applicant: labelled(
        z.object({
          kind: labelled(z.enum(applicantKinds.values), 'Rodzaj wnioskodawcy'),
          name: labelled(z.string().trim().min(1).optional(), 'Nazwa wnioskodawcy'),
        }),
        'Wnioskodawca',
      ),
      /** The district it concerns, or the whole city. */
      district: labelled(z.enum(requestAreas.values), 'Dzielnica', 'Dzielnica, której dotyczy wniosek, albo „Całe miasto”.'),
      /** The procedure asked for. */
      procedure: labelled(z.enum(consultationProcedures.values), 'Tryb konsultacji'),
      /** The day it was filed; the rules of that day apply. */
      filedOn: labelled(calendarDay, 'Data złożenia', 'Wniosek ocenia się według zasad obowiązujących w dniu złożenia.'),
      /** While residents may support it on the site. */
      onlineSupport: labelled(
        z.object({ until: labelled(calendarDay, 'Do dnia (włącznie)') }).optional(),
        'Poparcie przez internet',
        'Wypełnij, jeśli mieszkańcy mogą poprzeć wniosek na stronie; zbieranie kończy się z końcem podanego dnia.',
      ),
      /** Supporters the office has verified (paper and online). */
      supportersVerified: labelled(z.number().int().min(0), 'Zweryfikowane poparcia', 'Liczba poparć (papierowych i internetowych) sprawdzonych przez urząd.'),
      /** The statuses it went through, oldest first; the last is the current one. */
      history: labelled(z.array(historyStep).min(1), 'Historia wniosku', 'Od najstarszego: pierwszy krok to „Złożony” z datą złożenia, ostatni to obecny status.'),
      /** The consultation held on it. */
      consultation: labelled(reference('consultations').optional(), 'Konsultacje'),
      /** The city's answer. */
      answer: labelled(cmsWidget(z.string().trim().min(1).optional(), 'text'), 'Odpowiedź miasta'),
    }),
    [
      {
        id: 'request.filed-under-rules',
        path: ['filedOn'],
        message: `Przed ${firstRulesDay} nie obowiązywały zasady konsultacji zapisane na portalu (src/data/consultation-rules.ts); sprawdź datę złożenia.`,
        hint: `Nie wcześniej niż ${firstRulesDay}.`,
        check: (r) => r.filedOn >= firstRulesDay,
      },
      {
        id: 'request.applicant-name',
        path: ['applicant', 'name'],
        message: 'Nie podawaj imienia i nazwiska mieszkańca: nazwę wpisuje się tylko dla organizacji, rady dzielnicy, radnych lub urzędu.',
        hint: 'Tylko nazwa organizacji, rady dzielnicy, klubu radnych lub urzędu — nigdy imię i nazwisko mieszkańca.',
        check: (r) => r.applicant.name === undefined || namedApplicants.includes(r.applicant.kind),
      },
      {
        id: 'request.online-support-after-filing',
        path: ['onlineSupport', 'until'],
        message: 'Zbieranie poparć przez internet nie może kończyć się przed dniem złożenia wniosku.',
        hint: 'Nie wcześniej niż data złożenia.',
        check: (r) => !r.onlineSupport || r.onlineSupport.until >= r.filedOn,
      },
      {
        id: 'request.history-starts-filed',
        path: ['history'],
        message: 'Historia wniosku zaczyna się od statusu „Złożony” z datą złożenia wniosku.',
        hint: 'Pierwszy krok: „Złożony”, z datą złożenia.',
        check: (r) => r.history[0]?.status === 'filed' && r.history[0].date === r.filedOn,
      },
      {
        id: 'request.history-dates',
        path: ['history'],
        message: 'Daty w historii wniosku muszą iść po kolei: żaden krok nie może być wcześniej niż poprzedni.',
        hint: 'Daty od najwcześniejszej do najpóźniejszej.',
        check: (r) => r.history.every((step, i) => i === 0 || step.date >= r.history[i - 1]!.date),
      },
      {
        id: 'request.history-order',
        path: ['history'],
        message: 'Statusy wniosku idą w kolejności: złożony → w weryfikacji → przyjęty albo odrzucony → konsultacje (tylko po przyjęciu); żadnego nie powtarza się.',
        hint: 'Kolejność: złożony → w weryfikacji → przyjęty / odrzucony → konsultacje.',
        check: (r) => r.history.every((step, i) => i === 0 || requestStatusesNext[r.history[i - 1]!.status].includes(step.status)),
      },
      {
        id: 'request.accepted-threshold',
        path: ['supportersVerified'],
        message: 'Wniosku nie można przyjąć: ma mniej zweryfikowanych poparć, niż wymagają zasady obowiązujące w dniu jego złożenia.',
        hint: 'Przyjąć można wniosek, który ma co najmniej tyle poparć, ile wymagają zasady z dnia złożenia (strona „Zasady wniosków”).',
        check: (r) => {
          const set = ruleSetOf(r.filedOn);
          if (!set || !r.history.some((step) => step.status === 'accepted')) return true;
          return r.supportersVerified >= supportersNeeded(set, r.applicant.kind, r.procedure);
        },
      },
      {
        id: 'request.answer-with-decision',
        path: ['answer'],
        message: 'Przyjęty lub odrzucony wniosek wymaga odpowiedzi miasta: wpisz ją w polu „Odpowiedź miasta”.',
        hint: 'Obowiązkowa, gdy wniosek jest przyjęty lub odrzucony.',
        requiredNote: 'wymagana po przyjęciu lub odrzuceniu',
        check: (r) => !r.history.some((step) => answeredStatuses.includes(step.status)) || (r.answer ?? '').trim() !== '',
      },
      {
        id: 'request.consultation-reference',
        path: ['consultation'],
        message: 'Status „Skierowany do konsultacji” wymaga wskazania konsultacji w rejestrze: wybierz je w polu „Konsultacje”.',
        hint: 'Wybierz konsultacje z rejestru, gdy wniosek ma status „Skierowany do konsultacji”.',
        requiredNote: 'wymagane przy statusie „Skierowany do konsultacji”',
        check: (r) => r.history.at(-1)?.status !== 'consultation' || r.consultation !== undefined,
      },
    ],
  );
