/**
 * /api/wnioski/poparcie — the support form of a request's page.
 *
 *   POST, plain form (no JS) → 303 to GET ?wniosek=<id>&wyslano=1 (check your
 *                              mail, with the counts); mistakes: 422 with the
 *                              request's own built page, errors in place and
 *                              everything typed kept; support closed: 409
 *   POST, Accept: application/json → 202 { status: 'pending', message, counts },
 *                              or { errors: [{ field, message }] } with 422,
 *                              409, 404, 400/403/413/415
 *   GET ?wniosek=<id>        → the counts page (a link for browsers without
 *                              JavaScript); without an id → 303 to the register
 *
 * The answer is the same whether or not the address had supported the
 * request (supports.ts re-sends the email instead), and a filled honeypot
 * gets the success answer with nothing stored.
 */
import { errorPage } from '../../http/failure.ts';
import { messagePage } from '../../http/pages.ts';
import { firstField, isCrossSite, readFields, refusals, wantsJson, type Refusal } from '../../http/request.ts';
import { html as htmlResponse, json, jsonErrors, jsonRefusal, seeOther } from '../../http/respond.ts';
import type { FunctionContext, Runtime } from '../../http/runtime.ts';
import { formatDay } from '../../lib/dates.ts';
import { supportCounts } from '../counts.ts';
import { takesSupports, type RequestEntry } from '../requests-file.ts';
import { requestsFor } from '../source.ts';
import { injectSupportForm, renderSupportForm, supportPath } from '../support-form.ts';
import { parseSupport } from '../support-schema.ts';
import { submitSupport } from '../supports.ts';
import { checkMailPage, countsPage, formErrorsPage } from './pages.ts';

export const registerPath = '/konsultacje/wnioski/';

const pendingMessage =
  'Sprawdź skrzynkę e-mail: wysłaliśmy wiadomość z linkiem potwierdzającym. Poparcie będzie policzone dopiero po kliknięciu tego linku. Jeśli ten adres już popierał ten wniosek, drugie poparcie nie powstanie — wiadomość powie, jak jest.';

const closedMessage = (request: RequestEntry) =>
  request.finalAnswerOn !== null
    ? 'Miasto odpowiedziało już na ten wniosek, więc nie zbieramy poparć.'
    : request.supportUntil
      ? `Zbieranie poparć przez internet zakończyło się ${formatDay(request.supportUntil)}. Nie można już poprzeć wniosku tą drogą.`
      : 'Tego wniosku nie można poprzeć przez internet. Zapytaj wnioskodawcę o listę poparcia na papierze.';

async function getPage(request: Request, runtime: Runtime): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const entry = (await requestsFor(runtime)).get(params.get('wniosek') ?? '');
  if (!entry) return seeOther(registerPath);
  const counts = await supportCounts(runtime.db, entry);
  return htmlResponse(200, params.get('wyslano') === '1' ? checkMailPage(entry, counts) : countsPage(entry, counts, takesSupports(entry, runtime.now())));
}

export async function handleSupport(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD') return getPage(request, runtime);
  if (request.method !== 'POST') return errorPage(405, 'Formularz wysyła się przyciskiem „Popieram wniosek” na stronie wniosku.', { Allow: 'GET, POST' });
  const asJson = wantsJson(request);
  const refuse = (refusal: Refusal) => (asJson ? jsonRefusal(refusal) : errorPage(refusal.status, refusal.message));
  if (isCrossSite(request, runtime.siteOrigins)) return refuse(refusals.crossSite);
  const read = await readFields(request, 16 * 1024);
  if ('refusal' in read) return refuse(read.refusal);
  const { fields } = read;

  const entry = (await requestsFor(runtime)).get(firstField(fields, 'request').trim());
  if (!entry) {
    const message = 'Nie znaleźliśmy wniosku, do którego wysłano formularz. Otwórz stronę wniosku w rejestrze i wyślij formularz stamtąd.';
    return asJson ? jsonErrors(404, [{ field: '', message }]) : errorPage(404, message);
  }
  const done = async () => {
    if (!asJson) return seeOther(`${supportPath}?wniosek=${encodeURIComponent(entry.id)}&wyslano=1`);
    return json(202, { status: 'pending', message: pendingMessage, counts: await supportCounts(runtime.db, entry) });
  };
  // Bots fill every field; people never see this one. They get the same answer and nothing is kept.
  if (firstField(fields, 'website') !== '') return done();
  if (!takesSupports(entry, runtime.now())) {
    const message = closedMessage(entry);
    return asJson ? jsonErrors(409, [{ field: '', message }]) : htmlResponse(409, messagePage('Zbieranie poparć jest zamknięte', [message], 'problem'));
  }
  const parsed = parseSupport(fields);
  if (!parsed.ok) {
    if (asJson) return jsonErrors(422, parsed.errors);
    const page = await runtime.builtPage(entry.url);
    const region = renderSupportForm({ requestId: entry.id, values: parsed.values, errors: parsed.errors });
    const injected = page === undefined ? undefined : injectSupportForm(page, region, true);
    return htmlResponse(422, injected ?? formErrorsPage(entry, parsed.values, parsed.errors));
  }
  const outcome = await submitSupport(runtime.db, entry, parsed.support, {
    links: runtime.links,
    now: runtime.now(),
    confirmationTtlMs: runtime.confirmationTtlMs,
    resendIntervalMs: runtime.resendIntervalMs,
  });
  if (outcome.kind !== 'resend-skipped') runtime.mailQueued(context);
  return done();
}
