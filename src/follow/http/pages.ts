/**
 * The pages the follow functions answer with: the confirmation question and
 * result, and the unsubscribe question and result. Every value is escaped
 * by `html`; the pages sit in the site's frame (src/http/adapter.ts).
 */
import { html } from '../../lib/html.ts';
import { plural } from '../../lib/plural.ts';
import { document, messagePage } from '../../http/pages.ts';
import { frequencyLabels, type Frequency } from '../emails.ts';
import { followConfirmPath, unsubscribePath } from '../links.ts';

export function confirmQuestionPage(followed: string, frequency: Frequency, token: string): string {
  const title = 'Potwierdź obserwowanie';
  return document(title, html`<h1>${title}</h1>
<p>Po potwierdzeniu będziemy wysyłać na Twój adres e-mail powiadomienia o zmianach: ${followed}.</p>
<p>Jak często: ${frequencyLabels[frequency]}.</p>
<p>Jeśli to nie Ty prosiłeś(-aś) o powiadomienia, nie potwierdzaj: bez potwierdzenia nic nie wyślemy, a adres usuniemy po wygaśnięciu linku.</p>
<form method="post" action="${followConfirmPath}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button">Potwierdzam</button>
</form>`);
}

export const confirmedPage = (followed: string, frequency: Frequency, again: boolean) =>
  messagePage(again ? 'Obserwowanie było już potwierdzone' : 'Obserwowanie potwierdzone', [
    again ? 'Ten link został już użyty; nic się nie zmieniło.' : `Dziękujemy! Będziemy pisać o zmianach: ${followed}.`,
    `Jak często: ${frequencyLabels[frequency]}. W każdej wiadomości jest link, którym wypiszesz się jednym kliknięciem.`,
  ], 'ok');

export function unsubscribeQuestionPage(count: number, token: string): string {
  const title = 'Wypisz się z powiadomień';
  return document(title, html`<h1>${title}</h1>
<p>Twój adres obserwuje na portalu Wspólnie: ${plural(count, 'sprawę', 'sprawy', 'spraw')}. Po wypisaniu przestaniemy wysyłać wszystkie powiadomienia o obserwowanych sprawach i od razu usuniemy Twój adres e-mail.</p>
<form method="post" action="${unsubscribePath}">
<input type="hidden" name="t" value="${token}">
<button type="submit" class="button">Wypisz mnie</button>
</form>
<p><a href="/">Nie wypisuj — wróć na stronę główną</a></p>`);
}

export const unsubscribedPage = (again: boolean) =>
  messagePage(again ? 'Adres był już wypisany' : 'Wypisano', [
    again ? 'Ten adres nie obserwuje już niczego: nie wyślemy na niego żadnych powiadomień.' : 'Nie wyślemy już żadnych powiadomień o obserwowanych sprawach. Twój adres e-mail został usunięty.',
    'Jeśli zechcesz znów obserwować sprawy, zapisz się jeszcze raz na stronie programu, konsultacji albo na stronie „Obserwuj”.',
  ], 'ok');

export const unknownLinkPage = () =>
  messagePage('Nie rozpoznajemy tego linku', ['Link jest niepełny albo nie pochodzi z naszej wiadomości. Sprawdź, czy otwierasz cały link z wiadomości e-mail — czasem program pocztowy dzieli go na dwie linie.'], 'problem');
