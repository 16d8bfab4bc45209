/**
 * /api/obserwuj/wypisz?t=… — the unsubscribe link of every follow email,
 * also its List-Unsubscribe address (RFC 8058).
 *   GET   a page with one button (opening a link changes nothing)
 *   POST  unsubscribes at once, with no confirmation page in between: the
 *         mail program's one-click POST (body "List-Unsubscribe=One-Click",
 *         the token in the address) and the page's button (the token in the
 *         body) alike. Every follow of the address is deleted with it.
 * A second POST answers 200 too (the address is gone: nothing left to do).
 */
import { errorPage } from '../../http/failure.ts';
import { firstField, readFields } from '../../http/request.ts';
import { html, tokenPage } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';
import { followsOfToken, unsubscribe } from '../subscribe.ts';
import { unknownLinkPage, unsubscribedPage, unsubscribeQuestionPage } from './pages.ts';

export async function handleUnsubscribe(request: Request, runtime: Runtime): Promise<Response> {
  const fromAddress = new URL(request.url).searchParams.get('t') ?? '';
  if (request.method === 'GET' || request.method === 'HEAD') {
    const count = await followsOfToken(runtime.db, fromAddress, runtime.links);
    if (count === undefined) return html(404, unknownLinkPage(), tokenPage);
    return count === 0 ? html(200, unsubscribedPage(true), tokenPage) : html(200, unsubscribeQuestionPage(count, fromAddress), tokenPage);
  }
  if (request.method !== 'POST') return errorPage(405, 'Ten adres otwiera się linkiem z wiadomości e-mail.', { Allow: 'GET, POST' });
  // No same-site check: mail providers post from their own servers and may send any Origin, and a forged
  // cross-site post achieves nothing without the token, which only the email holds (the token is the authority).
  const read = await readFields(request, 4_096);
  if ('refusal' in read) return errorPage(read.refusal.status, read.refusal.message);
  const token = firstField(read.fields, 't') || fromAddress;
  const removed = await unsubscribe(runtime.db, token, runtime.links);
  if (removed === undefined) return html(404, unknownLinkPage(), tokenPage);
  return html(200, unsubscribedPage(removed === 0), tokenPage);
}
