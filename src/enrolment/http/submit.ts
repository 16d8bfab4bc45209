/**
 * POST /api/zapisy — a sign-up or a consultation remark.
 *
 *   plain form (no JS)      → 303 to /zapisy/sprawdz-poczte/, or the programme
 *                             page with the errors in place (422), or a page
 *                             saying the window is not open (409)
 *   Accept: application/json → 202 { status: 'pending', message },
 *                             422/409/… { errors: [{ field, message }] }
 *   GET (the address bar after a no-JS answer) → 303 back to that form
 *
 * The answer is the same whether or not the address had signed up before
 * (sign-up.ts re-sends the email instead of storing a second row), and a
 * filled honeypot gets the success answer with nothing stored.
 */
import { cookieValue } from '../../lib/cookies.ts';
import { formatDayTime } from '../../lib/dates.ts';
import { decodedOrUndefined } from '../../lib/percent-decoding.ts';
import { windowState, type CatalogueEntry, type LiveState } from '../../catalogue/catalogue.ts';
import { formStart, injectEnrolmentForm, renderEnrolmentForm } from '../form-html.ts';
import type { FieldError, FormValues } from '../form-schema.ts';
import { signUp } from '../sign-up.ts';
import { errorPage } from '../../http/failure.ts';
import { messagePage } from '../../http/pages.ts';
import { formErrorsPage } from './pages.ts';
import { firstField, isCrossSite, readFields, refusals, wantsJson, type Refusal } from '../../http/request.ts';
import { html as htmlResponse, json, jsonErrors, jsonRefusal, seeOther } from '../../http/respond.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { validateSubmission } from './submission.ts';

const submitPath = '/api/zapisy';
const checkMailPath = '/zapisy/sprawdz-poczte/';


function pendingMessage(full: boolean): string {
  const base = 'Sprawdź skrzynkę e-mail: wysłaliśmy wiadomość z linkiem potwierdzającym. Zgłoszenie będzie ważne dopiero po kliknięciu tego linku.';
  return full ? `${base} Wszystkie miejsca są już zajęte, więc po potwierdzeniu trafisz na listę rezerwową.` : base;
}

/** Why the window refuses a submission now. */
function closedMessage(entry: CatalogueEntry, state: Exclude<LiveState, 'open' | 'full-waitlist'>): string {
  const consultation = entry.kind === 'consultation';
  if (state === 'before') return `${consultation ? 'Przyjmowanie uwag przez formularz jeszcze się nie rozpoczęło' : 'Nabór jeszcze się nie rozpoczął'}: zgłoszenia przyjmujemy od ${formatDayTime(entry.enrolment.opens)}. Wróć wtedy na tę stronę.`;
  if (state === 'cancelled') return 'Zapisy są zamknięte, ponieważ program został odwołany.';
  return consultation
    ? `Przyjmowanie uwag przez formularz zakończyło się ${formatDayTime(entry.enrolment.closes)}. Nie można już przesłać uwag tą drogą.`
    : `Nabór zakończył się ${formatDayTime(entry.enrolment.closes)}. Zgłoszeń nie można już wysyłać.`;
}

/**
 * After a no-JS answer the address bar shows /api/zapisy; opening that
 * address again (Enter, a bookmark, the history) is a GET. This cookie,
 * scoped to that one path, remembers which form it was — a programme id,
 * public, nothing personal — so the GET leads back to the form.
 */
const lastFormCookie = 'wspolnie-formularz';

/** The programme id the cookie names; undefined when absent or malformed (a hand-edited cookie is no server error). */
function lastFormOf(request: Request): string | undefined {
  const value = cookieValue(request, lastFormCookie);
  return value === undefined ? undefined : decodedOrUndefined(value);
}

function rememberingForm(response: Response, entry: CatalogueEntry): Response {
  const headers = new Headers(response.headers);
  headers.append('Set-Cookie', `${lastFormCookie}=${encodeURIComponent(entry.id)}; Path=${submitPath}; Max-Age=86400; HttpOnly; SameSite=Lax`);
  return new Response(response.body, { status: response.status, headers });
}

export async function handleSubmit(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  const asJson = wantsJson(request);
  const refuse = (refusal: Refusal) => (asJson ? jsonRefusal(refusal) : errorPage(refusal.status, refusal.message));
  if (request.method === 'GET' || request.method === 'HEAD') {
    // Back to the form the person was filling in, or to the list of programmes.
    const id = lastFormOf(request);
    const entry = id === undefined ? undefined : (await runtime.catalogue()).get(id);
    return seeOther(entry ? `${entry.page}#zapisy` : '/programy/');
  }
  if (request.method !== 'POST') return errorPage(405, 'Formularz wysyła się przyciskiem „Wyślij” na stronie programu.', { Allow: 'GET, POST' });
  if (isCrossSite(request, runtime.siteOrigins)) return refuse(refusals.crossSite);
  const read = await readFields(request);
  if ('refusal' in read) return refuse(read.refusal);
  const { fields } = read;

  const entry = (await runtime.catalogue()).get(firstField(fields, 'programme').trim());
  if (!entry) {
    const message = 'Nie znaleźliśmy naboru, do którego wysłano formularz. Otwórz stronę programu i wyślij formularz stamtąd.';
    return asJson ? jsonErrors(404, [{ field: 'programme', message }]) : errorPage(404, message);
  }
  const succeeded = (full: boolean) => (asJson ? json(202, { status: 'pending', message: pendingMessage(full) }) : seeOther(checkMailPath));
  // Bots fill every field; people never see this one. They get the same answer and nothing is kept.
  if (firstField(fields, 'website') !== '') return succeeded(false);

  const state = windowState(entry, runtime.now());
  if (state !== 'open') {
    const message = closedMessage(entry, state);
    if (asJson) return json(409, { state, errors: [{ field: '', message }] });
    return formPage(runtime, entry, 409, { state, values: {}, errors: [] }, () => messagePage(state === 'before' ? 'Nabór jeszcze się nie rozpoczął' : 'Nabór jest zamknięty', [message], 'problem'));
  }

  const validated = validateSubmission(entry, fields);
  if (!validated.ok) {
    if (asJson) return jsonErrors(422, validated.errors);
    return formPage(runtime, entry, 422, { state, values: validated.values, errors: validated.errors }, () => formErrorsPage(entry, validated.errors));
  }

  const outcome = await signUp(runtime.db, entry, validated.application, {
    links: runtime.links,
    now: runtime.now(),
    confirmationTtlMs: runtime.confirmationTtlMs,
    resendIntervalMs: runtime.resendIntervalMs,
  });
  if (outcome.kind !== 'resend-skipped') runtime.mailQueued(context);
  return succeeded(outcome.full);
}

/**
 * The no-JS answer: the programme's own built page with its form region
 * replaced — the state, or the errors with everything typed — so the person
 * is back where they were. When the page cannot be read, a plain page says
 * the same.
 */
async function formPage(
  runtime: Runtime,
  entry: CatalogueEntry,
  status: number,
  form: { state: LiveState; values: FormValues; errors: FieldError[] },
  fallback: () => string,
): Promise<Response> {
  const page = await runtime.builtPage(entry.page);
  if (!page?.includes(formStart)) return rememberingForm(htmlResponse(status, fallback()), entry);
  const region = renderEnrolmentForm({ programmeId: entry.id, enrolment: entry.enrolment, subject: entry.kind, ...form });
  return rememberingForm(htmlResponse(status, injectEnrolmentForm(page, region, { hasErrors: form.errors.length > 0 })), entry);
}
