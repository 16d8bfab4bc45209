/**
 * GET /api/zapisy/potwierdz?t=… — the confirmation link from the email.
 * Answers a page: the code and the status (200), or why the link no longer
 * works (410) or was never ours (404).
 */
import { confirmApplication } from '../confirm.ts';
import { errorPage } from './failure.ts';
import { confirmedPage, messagePage, withdrawnPage } from './pages.ts';
import { html, tokenPage } from './respond.ts';
import type { EnrolmentRuntime, FunctionContext } from './runtime.ts';

const resubmit = 'Wyślij formularz zgłoszenia jeszcze raz tym samym adresem e-mail: dostaniesz nowy link, a drugie zgłoszenie nie powstanie.';

export async function handleConfirm(request: Request, runtime: EnrolmentRuntime, context: FunctionContext = {}): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return errorPage(405, 'Ten adres otwiera się linkiem z wiadomości e-mail.', { Allow: 'GET' });
  // Link checkers send HEAD; only opening the link (GET) confirms.
  if (request.method === 'HEAD') return html(200, '', tokenPage);
  const token = new URL(request.url).searchParams.get('t') ?? '';
  const result = await confirmApplication(runtime.db, token, { links: runtime.links, catalogue: await runtime.catalogue(), now: runtime.now() });
  const page = (status: number, body: string) => html(status, body, tokenPage);
  switch (result.kind) {
    case 'confirmed':
      runtime.mailQueued(context);
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
