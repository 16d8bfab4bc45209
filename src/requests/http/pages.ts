/**
 * The pages the support functions answer with: check your mail, the counts,
 * the confirmation and withdrawal questions and results, the form with its
 * mistakes when the request's page cannot be read. Each shows the current
 * counts, so a person without JavaScript sees them change. Written with
 * src/http/pages.ts's `document` and `messagePage`; every value escaped.
 */
import { html, type SafeHtml } from '../../lib/html.ts';
import { document, messagePage } from '../../http/pages.ts';
import { countsSentence, thresholdSentence, type SupportCounts } from '../counts.ts';
import type { RequestEntry } from '../requests-file.ts';
import { renderSupportForm, type SupportValues } from '../support-form.ts';
import type { FieldError } from '../../forms/field-error.ts';
import { confirmSupportPath, withdrawSupportPath } from '../supports.ts';

const requestLink = (request: RequestEntry) => html`<a href="${request.url}">${request.title}</a>`;

/** The counts block every page shows (the same sentences as the request's page). */
export function countsBlock(counts: SupportCounts): SafeHtml {
  return html`<div class="request-support-counts" data-support-counts><p><strong>${thresholdSentence(counts)}</strong></p><p>${countsSentence(counts)}</p></div>`;
}

export function checkMailPage(request: RequestEntry, counts: SupportCounts): string {
  return messagePage(
    'Sprawdź skrzynkę e-mail',
    [
      html`Wysłaliśmy wiadomość z linkiem potwierdzającym poparcie wniosku „${requestLink(request)}”. Poparcie będzie policzone dopiero po kliknięciu tego linku i naciśnięciu przycisku na otwartej stronie.`,
      'Jeśli ten adres e-mail już popierał ten wniosek, drugie poparcie nie powstanie: w wiadomości napiszemy, czy poprzednie jest potwierdzone, i w razie potrzeby wyślemy link jeszcze raz.',
    ],
    'ok',
    countsBlock(counts),
  );
}

export function countsPage(request: RequestEntry, counts: SupportCounts, open: boolean): string {
  const title = `Poparcie wniosku: ${request.title}`;
  return document(title, html`<h1>${title}</h1>${countsBlock(counts)}
<p>${open ? html`Wniosek można poprzeć na <a href="${request.url}#poparcie">jego stronie</a>.` : html`Zbieranie poparć przez internet jest zakończone. <a href="${request.url}">Strona wniosku</a>.`}</p>`);
}

export function confirmQuestionPage(request: RequestEntry, token: string, counts: SupportCounts): string {
  const title = 'Potwierdź poparcie';
  return document(title, html`<h1>${title}</h1>
<p>Poparcie wniosku „${requestLink(request)}” czeka na potwierdzenie. Będzie policzone dopiero po naciśnięciu przycisku poniżej.</p>
<p>Jeśli to nie Ty poparłeś(-aś) ten wniosek, nie potwierdzaj: niepotwierdzone poparcie nie jest liczone, a dane z niego usuniemy.</p>
<form method="post" action="${confirmSupportPath}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button">Potwierdzam poparcie</button>
</form>
${countsBlock(counts)}`);
}

export function confirmedPage(request: RequestEntry | undefined, counts: SupportCounts | undefined, again: boolean): string {
  return messagePage(
    again ? 'Poparcie było już potwierdzone' : 'Poparcie potwierdzone',
    [
      request
        ? again
          ? html`Poparcie wniosku „${requestLink(request)}” zostało potwierdzone wcześniej; ten link nie zmienia już niczego.`
          : html`Dziękujemy! Poparcie wniosku „${requestLink(request)}” jest potwierdzone i liczy się do wymaganej liczby.`
        : 'Poparcie jest potwierdzone. Wniosku nie ma już na stronie.',
      'Wysłaliśmy też wiadomość z potwierdzeniem. Jest w niej link, którym możesz wycofać poparcie i usunąć swoje dane.',
    ],
    'ok',
    counts ? countsBlock(counts) : html``,
  );
}

export function withdrawQuestionPage(request: RequestEntry | undefined, token: string): string {
  const title = 'Wycofanie poparcia';
  return document(title, html`<h1>${title}</h1>
<p>Poparcie wniosku${request ? html` „${requestLink(request)}”` : ' (wniosku nie ma już na stronie)'}.</p>
<p>Po wycofaniu poparcie przestanie się liczyć, a Twoje imię, nazwisko, adres i adres e-mail usuniemy. Nie wyślemy potwierdzenia e-mailem: nie będziemy już mieć Twojego adresu.</p>
<form method="post" action="${withdrawSupportPath}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button">Wycofuję poparcie</button>
</form>
<p><a href="${request?.url ?? '/'}">Nie wycofuję — wróć do strony</a></p>`);
}

export function withdrawnPage(request: RequestEntry | undefined, counts: SupportCounts | undefined, again: boolean): string {
  return messagePage(
    again ? 'Poparcie było już wycofane' : 'Poparcie wycofane',
    [
      request ? html`Poparcie wniosku „${requestLink(request)}” jest wycofane i nie jest liczone.` : 'Poparcie jest wycofane i nie jest liczone.',
      'Twoje dane zostały usunięte. Nie wyślemy potwierdzenia e-mailem, bo nie mamy już Twojego adresu — ta strona jest potwierdzeniem.',
    ],
    'ok',
    counts ? countsBlock(counts) : html``,
  );
}

/** The no-JS answer to a form with mistakes when the request's page cannot be read: the form itself, with them. */
export function formErrorsPage(request: RequestEntry, values: SupportValues, errors: readonly FieldError[]): string {
  return document('Błąd: popraw poparcie', html`<h1>Poparcie wniosku „${requestLink(request)}”</h1>
<h2>Formularz poparcia</h2>${renderSupportForm({ requestId: request.id, values, errors })}`);
}
