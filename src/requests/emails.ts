/**
 * The emails of a support, in Polish: "confirm your support" (sent again,
 * with the same link, when the same address supports the request again),
 * "support confirmed", and "you have already supported it" for a second
 * attempt after confirming. Each carries the withdrawal link. Subjects name
 * the request and nothing about the person.
 */
import { formatDayTime } from '../lib/dates.ts';
import { composeEmail, type EmailBlock, type EmailContent } from '../mail/template.ts';
import type { RequestEntry } from './requests-file.ts';

const signature: EmailBlock[] = [
  { paragraph: 'Zespół portalu Wspólnie — Kraków' },
  { paragraph: 'Ta wiadomość została wysłana automatycznie; nie odpowiadaj na nią.' },
];

const withdrawBlocks = (withdrawUrl: string): EmailBlock[] => [
  { paragraph: 'Możesz w każdej chwili wycofać poparcie; usuniemy wtedy Twoje dane:' },
  { link: withdrawUrl, label: 'Wycofuję poparcie i usuwam moje dane' },
];

export interface SupportEmailInput {
  request: Pick<RequestEntry, 'title' | 'url'>;
  withdrawUrl: string;
}

/** The double opt-in email; `again` when the same address asked again before confirming. */
export function confirmSupportEmail({ request, confirmUrl, expires, withdrawUrl, again }: SupportEmailInput & { confirmUrl: string; expires: Date; again: boolean }): EmailContent {
  return composeEmail(`Potwierdź poparcie wniosku: ${request.title}`, [
    { paragraph: 'Dzień dobry,' },
    {
      paragraph: again
        ? `ten adres e-mail już zgłosił poparcie wniosku „${request.title}”, ale jeszcze go nie potwierdził. Drugie poparcie nie powstało; wysyłamy ponownie ten sam link. Link działa do ${formatDayTime(expires)}.`
        : `otrzymaliśmy poparcie wniosku o konsultacje „${request.title}”. Będzie policzone dopiero po potwierdzeniu: otwórz poniższy link i naciśnij na stronie przycisk „Potwierdzam poparcie”. Link działa do ${formatDayTime(expires)}.`,
    },
    { link: confirmUrl, label: 'Potwierdzam poparcie' },
    { paragraph: 'Jeśli to nie Ty poparłeś(-aś) ten wniosek, nie klikaj linku: niepotwierdzone poparcie nie jest liczone, a dane z niego usuniemy.' },
    ...withdrawBlocks(withdrawUrl),
    ...signature,
  ]);
}

/** After the button: the support counts. `again`: a second attempt of an address whose support is already confirmed. */
export function supportConfirmedEmail({ request, withdrawUrl, again }: SupportEmailInput & { again: boolean }): EmailContent {
  return composeEmail(again ? `Poparcie było już potwierdzone: ${request.title}` : `Poparcie potwierdzone: ${request.title}`, [
    { paragraph: 'Dzień dobry,' },
    {
      paragraph: again
        ? `ten adres e-mail już poparł wniosek „${request.title}” i to poparcie jest potwierdzone. Każdy adres może poprzeć wniosek tylko raz, więc drugie poparcie nie powstało; nic nie musisz robić.`
        : `dziękujemy! Twoje poparcie wniosku „${request.title}” jest potwierdzone i liczy się do wymaganej liczby poparć. Zanim wniosek zostanie rozpatrzony, urząd sprawdzi dane osób popierających.`,
    },
    { link: `${new URL(withdrawUrl).origin}${request.url}`, label: 'Strona wniosku' },
    ...withdrawBlocks(withdrawUrl),
    ...signature,
  ]);
}
