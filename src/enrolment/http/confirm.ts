/**
 * /api/zapisy/potwierdz — the confirmation link in the email.
 *   GET  ?t=…  a page saying what will be confirmed, with one button (a POST
 *              form): mail scanners and link previews open links, so opening
 *              one changes nothing, whoever opens it; HEAD likewise
 *   POST t=…   confirms (first-come: gives the place or the waiting list)
 * Either answers with why the link no longer works (410) or was never ours (404).
 */
import { confirmApplication, viewConfirmation, type ConfirmResult, type ConfirmView } from '../confirm.ts';
import { errorPage } from '../../http/failure.ts';
import { messagePage } from '../../http/pages.ts';
import { confirmedPage, confirmQuestionPage, withdrawnPage } from './pages.ts';
import { firstField, isCrossSite, readFields, refusals } from '../../http/request.ts';
import { html, tokenPage } from '../../http/respond.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';

const resubmit = 'Wyślij formularz zgłoszenia jeszcze raz tym samym adresem e-mail: dostaniesz nowy link, a drugie zgłoszenie nie powstanie.';

/** The page for everything but a fresh confirmation. */
function outcomePage(result: Exclude<ConfirmView, { kind: 'ready' }> | Extract<ConfirmResult, { kind: 'confirmed' }>): Response {
  const page = (status: number, body: string) => html(status, body, tokenPage);
  switch (result.kind) {
    case 'confirmed':
      return page(200, confirmedPage(result.entry, result.code, result.outcome, false));
    case 'already':
      return page(410, confirmedPage(result.entry, result.code, result.outcome, true));
    case 'withdrawn':
      return page(410, withdrawnPage(result.entry, result.code, true));
    case 'expired':
      return page(410, messagePage('Link wygasł', ['Ten link potwierdzający już nie działa: minął czas na potwierdzenie zgłoszenia.', resubmit], 'problem'));
    case 'superseded':
      return page(410, messagePage('Link jest nieaktualny', ['Ten link zastąpił nowszy, wysłany w późniejszej wiadomości. Użyj linku z najnowszej wiadomości.', resubmit], 'problem'));
    case 'closed':
      return page(410, messagePage('Nabór jest zamknięty', ['Tego zgłoszenia nie można już potwierdzić: nabór został zamknięty albo program odwołany.'], 'problem'));
    case 'unknown':
      return page(404, messagePage('Nie rozpoznajemy tego linku', ['Link jest niepełny albo nie pochodzi z naszej wiadomości. Sprawdź, czy otwierasz cały link z wiadomości e-mail — czasem program pocztowy dzieli go na dwie linie.'], 'problem'));
  }
}

export async function handleConfirm(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  const options = async () => ({ links: runtime.links, catalogue: await runtime.catalogue(), now: runtime.now() });
  if (request.method === 'GET' || request.method === 'HEAD') {
    const token = new URL(request.url).searchParams.get('t') ?? '';
    const view = await viewConfirmation(runtime.db, token, await options());
    return view.kind === 'ready' ? html(200, confirmQuestionPage(view.entry, view.code, token), tokenPage) : outcomePage(view);
  }
  if (request.method !== 'POST') return errorPage(405, 'Ten adres otwiera się linkiem z wiadomości e-mail.', { Allow: 'GET, POST' });
  if (isCrossSite(request, runtime.siteOrigins)) return errorPage(403, refusals.crossSite.message);
  const read = await readFields(request, 4_096);
  if ('refusal' in read) return errorPage(read.refusal.status, read.refusal.message);
  const result = await confirmApplication(runtime.db, firstField(read.fields, 't'), await options());
  if (result.kind === 'confirmed') runtime.mailQueued(context);
  return outcomePage(result);
}
