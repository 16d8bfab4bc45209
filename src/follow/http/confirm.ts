/**
 * /api/obserwuj/potwierdz — the confirmation link in the email.
 *   GET  ?t=…  a page saying what will be confirmed, with one button (mail
 *              scanners open links, so opening one changes nothing)
 *   POST t=…   confirms: from now on changes are sent
 * A used link answers 410, an expired or superseded one 410, a foreign one 404.
 */
import { errorPage } from '../../http/failure.ts';
import { messagePage } from '../../http/pages.ts';
import { firstField, isCrossSite, readFields, refusals } from '../../http/request.ts';
import { html, tokenPage } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';
import { emailLabel, targetLabels } from '../labels.ts';
import { confirmFollow, type FollowView } from '../subscribe.ts';
import { followFeedOf } from './feed-source.ts';
import { confirmedPage, confirmQuestionPage, unknownLinkPage } from './pages.ts';

const again = 'Wyślij formularz obserwowania jeszcze raz tym samym adresem: dostaniesz nowy link.';

export async function handleFollowConfirm(request: Request, runtime: Runtime): Promise<Response> {
  const page = (status: number, body: string) => html(status, body, tokenPage);
  const label = async (view: FollowView) => {
    const feed = await followFeedOf(runtime);
    return emailLabel(feed ? targetLabels(feed) : () => undefined, view.target ?? '');
  };
  let token: string;
  let apply: boolean;
  if (request.method === 'GET' || request.method === 'HEAD') {
    token = new URL(request.url).searchParams.get('t') ?? '';
    apply = false;
  } else if (request.method === 'POST') {
    if (isCrossSite(request, runtime.siteOrigins)) return errorPage(403, refusals.crossSite.message);
    const read = await readFields(request, 4_096);
    if ('refusal' in read) return errorPage(read.refusal.status, read.refusal.message);
    token = firstField(read.fields, 't');
    apply = true;
  } else return errorPage(405, 'Ten adres otwiera się linkiem z wiadomości e-mail.', { Allow: 'GET, POST' });

  const view = await confirmFollow(runtime.db, token, runtime.links, runtime.now(), apply);
  switch (view.outcome) {
    case 'ready':
      return page(200, confirmQuestionPage(await label(view), view.frequency!, token));
    case 'confirmed':
    case 'already':
      return page(view.outcome === 'confirmed' ? 200 : 410, confirmedPage(await label(view), view.frequency!, view.outcome === 'already'));
    case 'expired':
      return page(410, messagePage('Link wygasł', ['Ten link potwierdzający już nie działa: minął czas na potwierdzenie.', again], 'problem'));
    case 'superseded':
      return page(410, messagePage('Link jest nieaktualny', ['Ten link zastąpił nowszy, wysłany w późniejszej wiadomości. Użyj linku z najnowszej wiadomości.', again], 'problem'));
    case 'unknown':
      return page(404, unknownLinkPage());
  }
}
