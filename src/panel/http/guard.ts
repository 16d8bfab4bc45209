/**
 * `requireStaff`: the check every staff endpoint starts with (the draw of
 * issue 6 included). It refuses
 *
 * - a cross-site request that could change something (any method but GET
 *   and HEAD), even with a valid session: 403 — the SameSite=Strict cookie
 *   already stays home, this is the second lock;
 * - a request without a live session (no cookie, a forged or expired token,
 *   a person since removed from the allow-list): a page is redirected to
 *   the sign-in page (303), anything else gets 401 — and an invalid cookie
 *   is cleared.
 */
import { isCrossSite } from '../../http/request.ts';
import type { Runtime } from '../../http/runtime.ts';
import { html } from '../../lib/html.ts';
import { stillAllowed, type StaffMember } from '../allow-list.ts';
import { touchSession } from '../sessions.ts';
import { clearedSessionCookie, sessionTokenOf } from './cookie.ts';
import { panelDocument, panelPaths } from './layout.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';

export interface StaffSession {
  staff: StaffMember;
  /** For signing out. */
  sessionHash: string;
}

const isSafeMethod = (request: Request) => request.method === 'GET' || request.method === 'HEAD';

export function refusePanel(status: 401 | 403 | 404 | 405 | 410 | 422 | 400 | 413 | 415, title: string, paragraphs: string[], extra: Record<string, string | string[]> = {}): Response {
  return panelHtml(
    status,
    panelDocument(title, html`<h1>${title}</h1><div class="panel panel-problem" role="alert">${paragraphs.map((p) => html`<p>${p}</p>`)}</div>
<p><a href="${panelPaths.home}">Przejdź do panelu</a></p>`),
    extra,
  );
}

export const crossSiteRefusal = () =>
  refusePanel(403, 'Żądanie odrzucone', ['To polecenie można wysłać tylko ze stron panelu pracowników. Otwórz panel i spróbuj ponownie stamtąd.']);

export async function requireStaff(request: Request, runtime: Runtime): Promise<StaffSession | Response> {
  if (!isSafeMethod(request) && isCrossSite(request, runtime.siteOrigins)) return crossSiteRefusal();
  const token = sessionTokenOf(request);
  const session = token ? await touchSession(runtime.db, token, runtime.now()) : undefined;
  const staff = session ? await stillAllowed(runtime.db, session.staffId, runtime.staffEmails ?? []) : undefined;
  if (session && staff) return { staff, sessionHash: session.tokenHash };
  const clear = token === undefined ? {} : { 'Set-Cookie': clearedSessionCookie() };
  if (isSafeMethod(request)) return panelRedirect(panelPaths.signIn, clear);
  return refusePanel(401, 'Zaloguj się', ['Sesja wygasła albo nie jesteś zalogowany(-a), więc nic nie zostało zmienione. Zaloguj się ponownie; to, co wpisano w formularzu, zachowa przycisk „Wstecz” w przeglądarce.'], clear);
}
