/**
 * The two links of a support's emails:
 *
 *   /api/wnioski/potwierdz  GET ?t=… a page with one button (opening changes
 *                           nothing: mail scanners open links); POST t=…
 *                           counts the support (200), again → 410
 *   /api/wnioski/wycofaj    GET ?t=… a page with one button; POST t=…
 *                           withdraws and deletes the data (200), again → 410
 *
 * Expired or superseded links → 410; links not ours → 404. Every result
 * page shows the request's current counts.
 */
import { errorPage } from '../../http/failure.ts';
import { messagePage } from '../../http/pages.ts';
import { firstField, isCrossSite, readFields, refusals } from '../../http/request.ts';
import { html, tokenPage } from '../../http/respond.ts';
import type { FunctionContext, Runtime } from '../../http/runtime.ts';
import { confirmSupport, viewSupportConfirmation, viewSupportWithdrawal, withdrawSupport, type SupportLinkState } from '../confirm.ts';
import { supportCounts } from '../counts.ts';
import type { RequestEntry } from '../requests-file.ts';
import { requestsFor } from '../source.ts';
import { confirmedPage, confirmQuestionPage, withdrawnPage, withdrawQuestionPage } from './pages.ts';

const page = (status: number, body: string) => html(status, body, tokenPage);
const again = 'Jeśli chcesz poprzeć wniosek, wyślij formularz na stronie wniosku jeszcze raz tym samym adresem e-mail: dostaniesz nowy link, a drugie poparcie nie powstanie.';
const unknown = () =>
  page(404, messagePage('Nie rozpoznajemy tego linku', ['Link jest niepełny albo nie pochodzi z naszej wiadomości. Sprawdź, czy otwierasz cały link z wiadomości e-mail — czasem program pocztowy dzieli go na dwie linie.'], 'problem'));
const countsOf = (runtime: Runtime, request: RequestEntry | undefined) => (request ? supportCounts(runtime.db, request) : Promise.resolve(undefined));

async function stateAnswer(runtime: Runtime, state: SupportLinkState, token: string): Promise<Response> {
  switch (state.kind) {
    case 'unknown':
      return unknown();
    case 'ready':
      return page(200, confirmQuestionPage(state.request!, token, await supportCounts(runtime.db, state.request!)));
    case 'confirmed':
    case 'already':
      return page(state.kind === 'confirmed' ? 200 : 410, confirmedPage(state.request, await countsOf(runtime, state.request), state.kind === 'already'));
    case 'withdrawn':
      return page(410, withdrawnPage(state.request, await countsOf(runtime, state.request), true));
    case 'expired':
      return page(410, messagePage('Link wygasł', ['Ten link potwierdzający już nie działa: minął czas na potwierdzenie poparcia.', again], 'problem'));
    case 'superseded':
      return page(410, messagePage('Link jest nieaktualny', ['Ten link zastąpił nowszy, wysłany w późniejszej wiadomości. Użyj linku z najnowszej wiadomości.'], 'problem'));
    default:
      return page(410, messagePage('Zbieranie poparć jest zamknięte', ['Tego poparcia nie można już potwierdzić: miasto odpowiedziało na wniosek albo wniosku nie ma już na stronie.'], 'problem'));
  }
}

const linkOnly = () => errorPage(405, 'Ten adres otwiera się linkiem z wiadomości e-mail.', { Allow: 'GET, POST' });

/** The token a POST carries, or the refusal to answer with. */
async function postedToken(request: Request, runtime: Runtime): Promise<string | Response> {
  if (isCrossSite(request, runtime.siteOrigins)) return errorPage(403, refusals.crossSite.message);
  const read = await readFields(request, 4_096);
  return 'refusal' in read ? errorPage(read.refusal.status, read.refusal.message) : firstField(read.fields, 't');
}

export async function handleSupportConfirm(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  const options = async () => ({ links: runtime.links, requests: await requestsFor(runtime), now: runtime.now() });
  if (request.method === 'GET' || request.method === 'HEAD') {
    const token = new URL(request.url).searchParams.get('t') ?? '';
    return stateAnswer(runtime, await viewSupportConfirmation(runtime.db, token, await options()), token);
  }
  if (request.method !== 'POST') return linkOnly();
  const token = await postedToken(request, runtime);
  if (token instanceof Response) return token;
  const state = await confirmSupport(runtime.db, token, await options());
  if (state.kind === 'confirmed') runtime.mailQueued(context);
  return stateAnswer(runtime, state, token);
}

export async function handleSupportWithdraw(request: Request, runtime: Runtime): Promise<Response> {
  const requests = await requestsFor(runtime);
  if (request.method === 'GET' || request.method === 'HEAD') {
    const token = new URL(request.url).searchParams.get('t') ?? '';
    const view = await viewSupportWithdrawal(runtime.db, token, { links: runtime.links, requests });
    if (view.kind === 'unknown') return unknown();
    if (view.kind === 'withdrawn') return stateAnswer(runtime, view, token);
    return page(200, withdrawQuestionPage('request' in view ? view.request : undefined, token));
  }
  if (request.method !== 'POST') return linkOnly();
  const token = await postedToken(request, runtime);
  if (token instanceof Response) return token;
  const result = await withdrawSupport(runtime.db, token, { links: runtime.links, requests, now: runtime.now() });
  if (result.kind === 'unknown') return unknown();
  return page(result.kind === 'withdrawn' ? 200 : 410, withdrawnPage(result.request, await countsOf(runtime, result.request), result.kind === 'already'));
}
