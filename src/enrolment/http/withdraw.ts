/**
 * /api/zapisy/rezygnacja — the withdrawal link in every email.
 *   GET  ?t=…  a page that says what will happen, with one button (a POST
 *              form: mail scanners open links, so opening one changes nothing)
 *   POST t=…   withdraws: the data is deleted, the code stays, marked withdrawn
 */
import { viewWithdrawal, withdrawApplication } from '../withdraw.ts';
import { errorPage } from '../../http/failure.ts';
import { messagePage } from '../../http/pages.ts';
import { withdrawQuestionPage, withdrawnPage } from './pages.ts';
import { firstField, isCrossSite, readFields, refusals, wantsJson } from '../../http/request.ts';
import { html, json, jsonRefusal, tokenPage } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';

const unknownLink = () =>
  html(404, messagePage('Nie rozpoznajemy tego linku', ['Link jest niepełny albo nie pochodzi z naszej wiadomości. Otwórz cały link rezygnacji z wiadomości e-mail.'], 'problem'), tokenPage);

export async function handleWithdraw(request: Request, runtime: Runtime): Promise<Response> {
  const catalogue = await runtime.catalogue();
  if (request.method === 'GET' || request.method === 'HEAD') {
    const token = new URL(request.url).searchParams.get('t') ?? '';
    const view = await viewWithdrawal(runtime.db, token, { links: runtime.links, catalogue });
    if (view.kind === 'unknown') return unknownLink();
    if (view.kind === 'withdrawn') return html(410, withdrawnPage(view.entry, view.code, true), tokenPage);
    return html(200, withdrawQuestionPage(view.entry, view.code, token), tokenPage);
  }
  if (request.method !== 'POST') return errorPage(405, 'Ten adres otwiera się linkiem z wiadomości e-mail.', { Allow: 'GET, POST' });

  const asJson = wantsJson(request);
  if (isCrossSite(request, runtime.siteOrigins)) return asJson ? jsonRefusal(refusals.crossSite) : errorPage(403, refusals.crossSite.message);
  const read = await readFields(request, 4_096);
  if ('refusal' in read) return asJson ? jsonRefusal(read.refusal) : errorPage(read.refusal.status, read.refusal.message);
  const result = await withdrawApplication(runtime.db, firstField(read.fields, 't'), { links: runtime.links, catalogue, now: runtime.now() });
  if (asJson) {
    if (result.kind === 'unknown') return json(404, { errors: [{ field: '', message: 'Nie rozpoznajemy tego linku rezygnacji.' }] });
    return json(result.kind === 'withdrawn' ? 200 : 410, { status: 'withdrawn', code: result.code });
  }
  if (result.kind === 'unknown') return unknownLink();
  return html(result.kind === 'withdrawn' ? 200 : 410, withdrawnPage(result.entry, result.code, result.kind === 'already'), tokenPage);
}
