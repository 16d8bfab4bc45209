/**
 * The enumerations of requests for a consultation (wnioski o konsultacje) and
 * of the annual consultation plan (issue 16). The thresholds and deadlines
 * are not here: they are the city's rules, in consultation-rules.ts.
 */
import { consultationMethods } from './consultations.ts';
import { districts } from './districts.ts';
import { enumeration } from './enumeration.ts';

/**
 * Where a request stands, in the order it moves: filed → verification →
 * accepted | rejected → consultation. A request's current status is the last
 * of its history.
 */
export const requestStatuses = enumeration([
  { value: 'filed', label: 'Złożony' },
  { value: 'verification', label: 'W weryfikacji' },
  { value: 'accepted', label: 'Przyjęty' },
  { value: 'rejected', label: 'Odrzucony' },
  { value: 'consultation', label: 'Skierowany do konsultacji' },
]);
export type RequestStatus = (typeof requestStatuses.values)[number];

/** The statuses each status may be followed by in a request's history (none after a refusal or a consultation). */
export const requestStatusesNext: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  filed: ['verification', 'accepted', 'rejected'],
  verification: ['accepted', 'rejected'],
  accepted: ['consultation'],
  rejected: [],
  consultation: [],
};

/** Statuses that are the city's answer to a request: reaching one ends the wait for an answer. */
export const answeredStatuses: readonly RequestStatus[] = ['accepted', 'rejected', 'consultation'];

/** The area a request concerns: one of the eighteen districts, or the whole city. */
export const requestAreas = enumeration([{ value: 'city', label: 'Całe miasto' }, ...districts.options]);
export type RequestArea = (typeof requestAreas.values)[number];

/** How a planned consultation is to be run: every consultation method, and a citizens' panel. */
export const planMethods = enumeration([...consultationMethods.options, { value: 'citizens-panel', label: 'Panel obywatelski' }]);
export type PlanMethod = (typeof planMethods.values)[number];

/** Quarters of a year, 1–4, as the plan names them ("I kwartał"). */
export const quarterNames: Readonly<Record<1 | 2 | 3 | 4, string>> = { 1: 'I kwartał', 2: 'II kwartał', 3: 'III kwartał', 4: 'IV kwartał' };
