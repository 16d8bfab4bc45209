/**
 * The rules for requests for a consultation (wnioski o konsultacje) and for
 * consultation reports: who may file a request, how many supporters it needs,
 * how long the city has to answer, how long a report may take, and how long
 * supporters' personal data is kept (issue 16).
 *
 * This is the one file the city changes when its rules change. Each rule set
 * names its source and the day it came into force; a request is judged by the
 * rule set in force on the day it was filed (`ruleSetOn`), so a change never
 * rewrites how earlier requests were judged. A proposed rule set (not yet
 * adopted) has `inForceFrom: null`: the register shows it for comparison and
 * never applies it.
 *
 * FIGURES TO CONFIRM. The source of Kraków's rules in force is Uchwała nr
 * CXI/2904/18 Rady Miasta Krakowa z dnia 26 września 2018 r. w sprawie zasad i
 * trybu przeprowadzania konsultacji z mieszkańcami Gminy Miejskiej Kraków. Its
 * text could not be read from the machine this file was written on; the
 * thresholds and deadlines below are placeholders in the shape the resolution
 * uses, marked `figuresConfirmed: false`, and the register says so to readers.
 * The proposed rule set follows the 2025 consultation "Jak rozwijać
 * konsultacje społeczne w Krakowie" (seed 002: Małe Konsultacje, simpler
 * requests); its figures are placeholders too. Replace both with the adopted
 * and proposed texts' figures and set `figuresConfirmed: true`.
 */
import { enumeration } from './enumeration.ts';

/** Who files a request (the applicant), as the register shows it. */
export const applicantKinds = enumeration([
  { value: 'residents', label: 'Mieszkańcy' },
  { value: 'ngo', label: 'Organizacje pozarządowe' },
  { value: 'district-council', label: 'Rada dzielnicy' },
  { value: 'councillors', label: 'Radni Miasta Krakowa' },
  { value: 'mayor', label: 'Prezydent Miasta Krakowa' },
]);
export type ApplicantKind = (typeof applicantKinds.values)[number];

/** The procedure a request asks for. */
export const consultationProcedures = enumeration([
  { value: 'standard', label: 'Konsultacje społeczne' },
  { value: 'small', label: 'Mała Konsultacja' },
]);
export type ConsultationProcedure = (typeof consultationProcedures.values)[number];

/** One set of rules, in force from a day (or proposed). All durations are whole calendar days. */
export interface RequestRuleSet {
  /** Stable id, e.g. `krakow-2018`; requests and tests refer to rule sets by it. */
  id: string;
  /** Polish name shown to readers. */
  name: string;
  /** The act the rules come from (Polish, as cited). */
  source: string;
  /** First day the rules apply (ISO date, Warsaw), or null for a proposal not adopted. */
  inForceFrom: string | null;
  /** Whether the figures below were checked against the source's text (false: placeholders). */
  figuresConfirmed: boolean;
  /**
   * Supporters a request needs, per applicant kind and procedure. An applicant
   * kind not listed needs none (a district council, councillors or the mayor
   * file on their own authority).
   */
  supportersNeeded: Partial<Record<ApplicantKind, Record<ConsultationProcedure, number>>>;
  /** Days from filing within which the city must answer a request. */
  answerDays: number;
  /** Days after a consultation ends within which its report must be published. */
  reportDays: number;
  /** Days after a request's final answer after which its supporters' personal data is erased (RODO art. 5(1)(e)). */
  supportRetentionDays: number;
}

/** Every rule set, oldest first. Exactly one adopted set applies on any day from the first `inForceFrom`. */
export const requestRuleSets: readonly RequestRuleSet[] = [
  {
    id: 'krakow-2018',
    name: 'Zasady konsultacji z 2018 r.',
    source: 'Uchwała nr CXI/2904/18 Rady Miasta Krakowa z dnia 26 września 2018 r. w sprawie zasad i trybu przeprowadzania konsultacji z mieszkańcami Gminy Miejskiej Kraków',
    inForceFrom: '2018-10-01',
    figuresConfirmed: false,
    supportersNeeded: {
      residents: { standard: 200, small: 50 },
      ngo: { standard: 5, small: 3 },
    },
    answerDays: 30,
    reportDays: 30,
    supportRetentionDays: 90,
  },
  {
    id: 'krakow-projekt-2025',
    name: 'Projekt nowych zasad (konsultacje 2025)',
    source: 'Propozycje z konsultacji „Jak rozwijać konsultacje społeczne w Krakowie” (2025) — projekt, nieprzyjęty',
    inForceFrom: null,
    figuresConfirmed: false,
    supportersNeeded: {
      residents: { standard: 100, small: 25 },
      ngo: { standard: 3, small: 1 },
    },
    answerDays: 21,
    reportDays: 21,
    supportRetentionDays: 90,
  },
];

/**
 * The adopted rule set in force on `day` (ISO date `YYYY-MM-DD`, Warsaw): the
 * one with the latest `inForceFrom` not after `day`. Proposals never apply.
 * Throws a RangeError when `day` precedes every adopted set.
 */
export function ruleSetOn(day: string, sets: readonly RequestRuleSet[] = requestRuleSets): RequestRuleSet {
  let found: RequestRuleSet | undefined;
  for (const set of sets) {
    if (set.inForceFrom !== null && set.inForceFrom <= day && (!found || set.inForceFrom > found.inForceFrom!)) found = set;
  }
  if (!found) throw new RangeError(`No consultation rule set was in force on ${day}.`);
  return found;
}

/** Supporters a request needs under `set` (0 when its applicant kind files on its own authority). */
export function supportersNeeded(set: RequestRuleSet, applicant: ApplicantKind, procedure: ConsultationProcedure): number {
  return set.supportersNeeded[applicant]?.[procedure] ?? 0;
}
