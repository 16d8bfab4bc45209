/**
 * /panel/logowanie/       GET the address form; POST asks for a link
 * /panel/logowanie/link/  GET ?t=… a page with one button (mail scanners
 *                         open links and must not use them up); POST uses
 *                         the link and starts the session.
 *
 * The answer to a request for a link is the same sentence whether or not
 * the address is on the list, and a listed address gets at most a few
 * links per quarter of an hour (sign-in.ts); the function's per-IP rate
 * limit (functions/panel-logowanie.ts) bounds guessing.
 */
import { firstField, isCrossSite, readFields } from '../../http/request.ts';
import type { Runtime, FunctionContext } from '../../http/runtime.ts';
import { html } from '../../lib/html.ts';
import { textField } from '../../forms/field.ts';
import { panelForm } from '../../forms/variants.ts';
import { staffEmail } from '../allow-list.ts';
import { requestSignInLink, signInLinkState, signInWithLink } from '../sign-in.ts';
import { sessionCookie } from './cookie.ts';
import { crossSiteRefusal, refusePanel } from './guard.ts';
import { errorSummary, panelDocument, panelPaths } from './layout.ts';
import { panelHtml, panelRedirect } from '../../http/respond.ts';

const noReferrer = { 'Referrer-Policy': 'no-referrer' };

const linkSentMessage = 'Jeśli adres jest na liście pracowników, wysłaliśmy na niego link logowania. Link działa 15 minut i tylko raz. Sprawdź skrzynkę (także folder spam).';

function signInForm(value: string, error?: string, signedOut = false): string {
  const errors = error ? [{ field: 'adres', message: error }] : [];
  return panelDocument(
    'Logowanie',
    html`${errorSummary(errors)}
${signedOut ? html`<div class="panel panel-ok" role="status"><p>Wylogowano. Sesja została zakończona.</p></div>` : ''}
<h1>Logowanie do panelu pracowników</h1>
<p>Panel nie ma haseł. Wpisz służbowy adres e-mail: jeśli jest na liście pracowników, wyślemy na niego link, którym się zalogujesz.</p>
<form method="post" action="${panelPaths.signIn}" novalidate>
${textField(panelForm, { id: 'adres', name: 'email', label: 'Adres e-mail', hint: 'Na przykład jan.kowalski@um.krakow.pl', value, error, type: 'email', autocomplete: 'email', maxLength: 254 })}
<button type="submit" class="button-primary">Wyślij link logowania</button>
</form>`,
    { hasErrors: errors.length > 0 },
  );
}

async function requestLink(request: Request, runtime: Runtime, context: FunctionContext): Promise<Response> {
  if (isCrossSite(request, runtime.siteOrigins)) return crossSiteRefusal();
  const read = await readFields(request, 4_096);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  const typed = firstField(read.fields, 'email').slice(0, 300);
  const parsed = staffEmail.safeParse(typed);
  if (!parsed.success) {
    const error = typed.trim() === '' ? 'Wpisz adres e-mail' : 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@um.krakow.pl';
    return panelHtml(422, signInForm(typed, error));
  }
  const siteOrigin = runtime.siteOrigins[0] ?? new URL(request.url).origin;
  const outcome = await requestSignInLink(runtime.db, parsed.data, { envEmails: runtime.staffEmails ?? [], now: runtime.now(), siteOrigin });
  if (outcome === 'sent') runtime.mailQueued(context);
  return panelHtml(200, panelDocument('Sprawdź skrzynkę', html`<h1>Sprawdź skrzynkę e-mail</h1>
<div class="panel panel-ok"><p>${linkSentMessage}</p></div>
<p>Nie przyszedł? Odczekaj kilka minut i <a href="${panelPaths.signIn}">poproś o nowy link</a>. Jeśli nadal nic nie dostajesz, poproś administratora portalu o dopisanie adresu do listy.</p>`));
}

const linkProblems = {
  used: [410, 'Ten link został już użyty', 'Link logowania działa tylko raz. Poproś o nowy link.'],
  expired: [410, 'Link wygasł', 'Link logowania działa 15 minut. Poproś o nowy link.'],
  unknown: [404, 'Nie rozpoznajemy tego linku', 'Link jest niepełny albo nie pochodzi z naszej wiadomości. Otwórz cały link z wiadomości e-mail albo poproś o nowy.'],
  'not-allowed': [403, 'Brak dostępu', 'Tego adresu nie ma już na liście pracowników. Jeśli to pomyłka, zwróć się do administratora portalu.'],
} as const;

function linkProblem(kind: keyof typeof linkProblems): Response {
  const [status, title, text] = linkProblems[kind];
  return panelHtml(status, panelDocument(title, html`<h1>${title}</h1><div class="panel panel-problem" role="alert"><p>${text}</p></div>
<p><a href="${panelPaths.signIn}">Poproś o nowy link logowania</a></p>`), noReferrer);
}

async function linkPage(request: Request, runtime: Runtime): Promise<Response> {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const token = new URL(request.url).searchParams.get('t') ?? '';
    const state = await signInLinkState(runtime.db, token, runtime.now());
    if (state !== 'valid') return linkProblem(state);
    return panelHtml(200, panelDocument('Zaloguj się', html`<h1>Zaloguj się do panelu pracowników</h1>
<p>Naciśnij przycisk, żeby się zalogować. Link działa tylko raz.</p>
<form method="post" action="${panelPaths.signInLink}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button-primary">Zaloguj się</button>
</form>`), noReferrer);
  }
  if (isCrossSite(request, runtime.siteOrigins)) return crossSiteRefusal();
  const read = await readFields(request, 4_096);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  const outcome = await signInWithLink(runtime.db, firstField(read.fields, 't'), { envEmails: runtime.staffEmails ?? [], now: runtime.now() });
  if (outcome.kind !== 'signed-in') return linkProblem(outcome.kind);
  runtime.log('Panel: logowanie pracownika');
  return panelRedirect(panelPaths.home, { 'Set-Cookie': sessionCookie(outcome.sessionToken), ...noReferrer });
}

export async function handleSignIn(request: Request, runtime: Runtime, context: FunctionContext): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/\/$/, '');
  const isLink = path === panelPaths.signInLink.replace(/\/$/, '');
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
    return refusePanel(405, 'Nie udało się', ['Ta metoda nie jest obsługiwana pod tym adresem.'], { Allow: 'GET, POST' });
  }
  if (isLink) return linkPage(request, runtime);
  if (request.method === 'POST') return requestLink(request, runtime, context);
  return panelHtml(200, signInForm('', undefined, new URL(request.url).searchParams.has('wylogowano')));
}
