/**
 * The pages the sign-up functions answer with: the confirmation result, the
 * withdrawal question and result, and the form's mistakes for a browser
 * without JavaScript. Written with src/http/pages.ts's `document` and
 * `messagePage`; every value is escaped by `html`.
 */
import { html } from '../../lib/html.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import type { ConfirmedStatus } from '../emails.ts';
import { statusSentence } from '../emails.ts';
import { fieldId } from '../form-html.ts';
import type { FieldError } from '../form-schema.ts';
import { confirmPath, withdrawPath } from '../../http/links.ts';
import { document, messagePage } from '../../http/pages.ts';

const programmeLink = (entry: CatalogueEntry) => html`<a href="${entry.page}">${entry.title}</a>`;

/** " na „<programme>”", or nothing when the programme is no longer published (its title is gone with its content). */
const forProgramme = (entry: CatalogueEntry | undefined) => (entry ? html` na „${programmeLink(entry)}”` : '');

const codeBlock = (code: string) => html`<p>Kod zgłoszenia:</p><p class="code">${code}</p>
<p>Kod jest publiczny i nie zawiera Twoich danych: po nim rozpoznasz swoje zgłoszenie, np. w wynikach losowania. Znajdziesz go też w wiadomości e-mail.</p>`;


export function confirmedPage(entry: CatalogueEntry, code: string, outcome: ConfirmedStatus, again: boolean): string {
  const title = again ? 'Zgłoszenie było już potwierdzone' : 'Zgłoszenie potwierdzone';
  const lead = again
    ? html`Zgłoszenie na „${programmeLink(entry)}” zostało potwierdzone wcześniej; ten link nie zmienia już niczego.`
    : html`Dziękujemy! Zgłoszenie na „${programmeLink(entry)}” jest potwierdzone.`;
  return messagePage(title, [lead, statusSentence(entry, outcome)], 'ok', html`${codeBlock(code)}
<p>Wysłaliśmy też wiadomość z potwierdzeniem. Jest w niej link, którym możesz zrezygnować i usunąć swoje dane.</p>`);
}

/** Opening the confirmation link: what will be confirmed, and the one button that does it (a POST form). */
export function confirmQuestionPage(entry: CatalogueEntry, code: string, token: string): string {
  const title = 'Potwierdź zgłoszenie';
  return document(title, html`<h1>${title}</h1>
<p>Zgłoszenie <strong class="code">${code}</strong> na „${programmeLink(entry)}” czeka na potwierdzenie. Będzie ważne dopiero po naciśnięciu przycisku poniżej.</p>
<p>Jeśli to nie Ty wysłałeś(-aś) to zgłoszenie, nie potwierdzaj go: niepotwierdzone zgłoszenie nie jest brane pod uwagę, a dane z niego usuniemy.</p>
<form method="post" action="${confirmPath}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button">Potwierdzam zgłoszenie</button>
</form>`);
}

export function withdrawQuestionPage(entry: CatalogueEntry | undefined, code: string, token: string): string {
  const title = 'Rezygnacja ze zgłoszenia';
  return document(title, html`<h1>${title}</h1>
<p>Zgłoszenie <strong class="code">${code}</strong>${forProgramme(entry)}.${entry ? '' : ' Programu nie ma już na stronie.'}</p>
<p>Po rezygnacji usuniemy Twój adres e-mail i wszystkie inne dane ze zgłoszenia. Zostanie tylko kod, oznaczony jako wycofany, żeby opublikowane listy i wyniki losowania dało się sprawdzić. Jeśli miałeś(-aś) miejsce, dostanie je pierwsza osoba z listy rezerwowej.</p>
<p>Nie wyślemy potwierdzenia rezygnacji e-mailem: nie będziemy już mieć Twojego adresu.</p>
<form method="post" action="${withdrawPath}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button">Rezygnuję ze zgłoszenia</button>
</form>
<p><a href="${entry?.page ?? '/'}">Nie rezygnuję — wróć do strony</a></p>`);
}

export function withdrawnPage(entry: CatalogueEntry | undefined, code: string, again: boolean): string {
  return messagePage(
    again ? 'Zgłoszenie było już wycofane' : 'Zgłoszenie wycofane',
    [
      html`Zgłoszenie <strong>${code}</strong>${forProgramme(entry)} jest wycofane.`,
      'Twoje dane zostały usunięte; został tylko kod zgłoszenia z oznaczeniem „wycofane”. Nie wyślemy potwierdzenia e-mailem, bo nie mamy już Twojego adresu — ta strona jest potwierdzeniem.',
    ],
    'ok',
  );
}

/** The no-JS answer to a form with mistakes, until the form's own page can show them in place. */
export function formErrorsPage(entry: CatalogueEntry, errors: FieldError[]): string {
  const target = (field: string) => `${entry.page}#${fieldId(field) ?? 'enrol-region'}`;
  return document('Błąd: popraw zgłoszenie', html`<div class="error-summary" role="alert" tabindex="-1">
<h2>Popraw zgłoszenie</h2>
<ul>${errors.map((e) => html`<li><a href="${target(e.field)}">${e.message}</a></li>`)}</ul>
</div>
<h1>Zgłoszenie nie zostało wysłane</h1>
<p>Nic nie zapisaliśmy. Wróć do formularza na stronie „${programmeLink(entry)}” (przycisk „Wstecz” w przeglądarce zachowa to, co wpisano) i popraw wskazane pola.</p>`);
}
