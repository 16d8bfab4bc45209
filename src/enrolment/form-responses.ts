/**
 * How the browser script reads the server's answers: the live status of a
 * window and the outcome of sending the form. Pure, so the Polish wording
 * of every failure is tested without a browser.
 *
 * The server's side of the contract:
 *   GET  /api/zapisy/status?programme=<id> → 200 { state, placesLeft? }
 *   POST /api/zapisy (Accept: application/json) → 202 on success;
 *        422 { errors: [{ field, message }] }; any refusal may add { state }
 *        when the window changed (e.g. closed, or now full).
 */
import { enrolmentStates, type EnrolmentState } from '../catalogue/window.ts';
import type { FieldError } from './form-schema.ts';

export interface LiveStatus {
  state: EnrolmentState;
  placesLeft?: number | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The live status from the status endpoint's JSON, or undefined if it is not one. */
export function parseStatus(body: unknown): LiveStatus | undefined {
  if (!isRecord(body) || !(enrolmentStates as readonly unknown[]).includes(body['state'])) return undefined;
  const places = body['placesLeft'];
  return { state: body['state'] as EnrolmentState, placesLeft: typeof places === 'number' && Number.isInteger(places) && places >= 0 ? places : undefined };
}

function parseErrors(body: unknown): FieldError[] | undefined {
  if (!isRecord(body) || !Array.isArray(body['errors'])) return undefined;
  const errors = body['errors'].filter((e): e is FieldError => isRecord(e) && typeof e['field'] === 'string' && typeof e['message'] === 'string' && e['message'].length > 0);
  return errors.length > 0 ? errors.map(({ field, message }) => ({ field, message })) : undefined;
}

export type SubmitOutcome =
  | { kind: 'sent' }
  /** The form stays, with these errors shown like the browser's own; `status` when the window changed too. */
  | { kind: 'errors'; errors: FieldError[]; status?: LiveStatus | undefined }
  /** The window changed (closed, full): show the new state. */
  | { kind: 'state'; status: LiveStatus }
  /** Nothing to show in the form: one Polish sentence, everything typed stays. */
  | { kind: 'failed'; message: string };

export const failureMessages = {
  network: 'Nie udało się połączyć z serwerem. Sprawdź połączenie z internetem i wyślij formularz ponownie — wszystko, co wpisano, zostało w formularzu.',
  tooMany: 'Z tego urządzenia wysłano w krótkim czasie zbyt wiele formularzy. Odczekaj kilka minut i wyślij go ponownie — wszystko, co wpisano, zostało w formularzu.',
  refused: 'Serwer odrzucił formularz. Wyślij go ponownie za chwilę; jeśli to się powtórzy, skontaktuj się z organizatorem (kontakt znajdziesz na tej stronie).',
  tooLarge: 'Formularz jest za duży, by go przyjąć. Skróć wiadomość i wyślij go ponownie.',
  server: 'Nie udało się wysłać formularza z powodu błędu po naszej stronie. Wszystko, co wpisano, zostało w formularzu: spróbuj ponownie za kilka minut.',
} as const;

/** What to do with the answer to a POST: its HTTP status and its JSON body (undefined if none). */
export function submitOutcome(status: number, body: unknown): SubmitOutcome {
  if (status === 202 || status === 200 || status === 201) return { kind: 'sent' };
  const errors = parseErrors(body);
  const live = isRecord(body) ? parseStatus(body) : undefined;
  if (errors) return { kind: 'errors', errors, status: live };
  if (live) return { kind: 'state', status: live };
  if (status === 429) return { kind: 'failed', message: failureMessages.tooMany };
  if (status === 413) return { kind: 'failed', message: failureMessages.tooLarge };
  if (status === 403) return { kind: 'failed', message: failureMessages.refused };
  if (status >= 500) return { kind: 'failed', message: failureMessages.server };
  return { kind: 'failed', message: `Nie udało się wysłać formularza (kod ${status}). Wyślij go ponownie za kilka minut — wszystko, co wpisano, zostało w formularzu.` };
}
