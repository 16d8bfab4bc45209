/**
 * POST /api/obserwuj — the follow form.
 *
 *   plain form (no JS)       → 303 to /obserwuj/sprawdz-poczte/, or 422 with a
 *                              page holding the form again, the mistakes in
 *                              place and everything typed kept
 *   Accept: application/json → 202 { status: 'pending', message }, or
 *                              422 { errors: [{ field, message }] }
 *   GET (the address bar after a no-JS answer) → 303 to /obserwuj/
 *
 * The answer is the same whether or not the address already follows the
 * target (subscribe.ts re-sends or does nothing); a filled honeypot gets the
 * success answer and nothing is stored. The log never gets the address.
 */
import { z } from 'astro/zod';
import { html as markup } from '../../lib/html.ts';
import { errorPage } from '../../http/failure.ts';
import { document } from '../../http/pages.ts';
import { firstField, isCrossSite, readFields, refusals, wantsJson, type Refusal } from '../../http/request.ts';
import { html, json, jsonErrors, jsonRefusal, seeOther } from '../../http/respond.ts';
import type { FunctionContext, Runtime } from '../../http/runtime.ts';
import type { FieldError } from '../../forms/field-error.ts';
import type { Frequency } from '../emails.ts';
import { renderFollowForm } from '../form-html.ts';
import { targetLabels } from '../labels.ts';
import { checkMailPath, followPagePath } from '../links.ts';
import { follow } from '../subscribe.ts';
import { followChoices } from '../choices.ts';
import { parseTarget } from '../targets.ts';
import { followFeedOf } from './feed-source.ts';

export const pendingMessage = 'Sprawdź skrzynkę e-mail: wysłaliśmy link potwierdzający. Powiadomienia zaczniemy wysyłać dopiero po kliknięciu tego linku.';

const email = z.email();

export async function handleFollow(request: Request, runtime: Runtime, context: FunctionContext = {}): Promise<Response> {
  const asJson = wantsJson(request);
  const refuse = (refusal: Refusal) => (asJson ? jsonRefusal(refusal) : errorPage(refusal.status, refusal.message));
  if (request.method === 'GET' || request.method === 'HEAD') return seeOther(followPagePath);
  if (request.method !== 'POST') return errorPage(405, 'Formularz wysyła się przyciskiem „Obserwuj”.', { Allow: 'GET, POST' });
  if (isCrossSite(request, runtime.siteOrigins)) return refuse(refusals.crossSite);
  const read = await readFields(request, 8_192);
  if ('refusal' in read) return refuse(read.refusal);
  const values = { target: firstField(read.fields, 'target').trim(), email: firstField(read.fields, 'email').trim(), frequency: firstField(read.fields, 'frequency').trim() || 'immediate' };
  const succeeded = () => (asJson ? json(202, { status: 'pending', message: pendingMessage }) : seeOther(checkMailPath));
  // Bots fill every field; people never see this one.
  if (firstField(read.fields, 'website') !== '') return succeeded();

  const feed = await followFeedOf(runtime);
  const labels = feed ? targetLabels(feed) : () => undefined;
  const followed = labels(values.target);
  const errors: FieldError[] = [];
  if (followed === undefined) {
    errors.push({ field: 'target', message: values.target === '' ? 'Wybierz, co chcesz obserwować.' : 'Nie znaleźliśmy tego, co chcesz obserwować. Wybierz pozycję z listy.' });
  }
  if (values.email === '') errors.push({ field: 'email', message: 'Podaj adres e-mail.' });
  else if (values.email.length > 254 || !email.safeParse(values.email).success) errors.push({ field: 'email', message: 'Podaj adres e-mail w poprawnej postaci, np. nazwa@example.pl.' });
  if (values.frequency !== 'immediate' && values.frequency !== 'daily') errors.push({ field: 'frequency', message: 'Wybierz, jak często pisać: od razu albo raz dziennie.' });
  if (errors.length > 0 || followed === undefined) {
    if (asJson) return jsonErrors(422, errors);
    // A programme's or consultation's own form comes back as it was (fixed target); any other as the full choice.
    const kind = parseTarget(values.target)?.kind;
    const fixed = followed !== undefined && (kind === 'programme' || kind === 'consultation');
    const form = renderFollowForm({
      target: fixed ? { fixed: values.target, label: followed } : { choices: feed ? followChoices(feed) : [] },
      values,
      errors,
    });
    return html(422, document('Błąd: popraw formularz obserwowania', markup`<h1>Obserwuj zmiany e-mailem</h1>\n${form}`));
  }
  const queued = await follow(runtime.db, { target: values.target, followed, frequency: values.frequency as Frequency, email: values.email }, runtime.links, runtime.now(), runtime.resendIntervalMs);
  if (queued) runtime.mailQueued(context);
  return succeeded();
}
