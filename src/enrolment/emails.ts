/**
 * The two emails of a sign-up, in Polish: "confirm your application" (sent
 * again, with the same link, when the same address signs up again) and
 * "application confirmed". Both carry the public registration code and a
 * withdrawal link. Subjects name the programme and nothing about the person.
 */
import { formatDay, formatDayTime } from '../lib/dates.ts';
import { composeEmail, type EmailBlock, type EmailContent } from '../mail/template.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';


/** Where an application stands once confirmed, as the person is told. */
export type ConfirmedStatus = { status: 'confirmed' } | { status: 'accepted' } | { status: 'waitlisted'; position: number };

export interface ConfirmationEmailInput {
  entry: CatalogueEntry;
  code: string;
  confirmUrl: string;
  expires: Date;
  withdrawUrl: string;
  /** First-come and every place taken: confirming puts the person on the waiting list. */
  full: boolean;
}

export function confirmationEmail({ entry, code, confirmUrl, expires, withdrawUrl, full }: ConfirmationEmailInput): EmailContent {
  const blocks: EmailBlock[] = [
    { paragraph: 'Dzień dobry,' },
    { paragraph: `otrzymaliśmy zgłoszenie na „${entry.title}”. Będzie ważne dopiero po potwierdzeniu: otwórz poniższy link i naciśnij na stronie przycisk „Potwierdzam zgłoszenie”. Link działa do ${formatDayTime(expires)}.` },
    { link: confirmUrl, label: 'Potwierdzam zgłoszenie' },
    { paragraph: `Kod zgłoszenia: ${code}. Kod jest publiczny i nie zawiera Twoich danych: po nim rozpoznasz swoje zgłoszenie, np. w wynikach losowania.` },
  ];
  if (full) blocks.push({ paragraph: 'Wszystkie miejsca są już zajęte. Po potwierdzeniu trafisz na listę rezerwową: gdy ktoś zrezygnuje, pierwsze miejsce dostaje pierwsza osoba z listy.' });
  else if (entry.enrolment.mode === 'lottery') blocks.push({ paragraph: 'Jeśli potwierdzonych zgłoszeń będzie więcej niż miejsc, o udziale zdecyduje publiczne losowanie.' });
  blocks.push(
    { paragraph: 'Jeśli to nie Ty wysłałeś(-aś) to zgłoszenie, nie klikaj linku potwierdzającego: niepotwierdzone zgłoszenie nie jest brane pod uwagę. Możesz też od razu je wycofać, a Twoje dane zostaną usunięte:' },
    { link: withdrawUrl, label: 'Wycofuję zgłoszenie i usuwam moje dane' },
    ...signature,
  );
  return composeEmail(`Potwierdź zgłoszenie: ${entry.title}`, blocks);
}

export interface ConfirmedEmailInput {
  entry: CatalogueEntry;
  code: string;
  outcome: ConfirmedStatus;
  withdrawUrl: string;
}

/** The sentence that says where the application stands; the confirmation page shows the same. */
export function statusSentence(entry: CatalogueEntry, outcome: ConfirmedStatus): string {
  switch (outcome.status) {
    case 'accepted':
      return entry.enrolment.mode === 'lottery'
        ? 'Masz zapewnione miejsce: przydzielone w publicznym losowaniu lub z listy rezerwowej.'
        : 'Masz zapewnione miejsce: o przyjęciu decydowała kolejność zgłoszeń.';
    case 'waitlisted':
      return `Wszystkie miejsca są zajęte, więc jesteś na liście rezerwowej, na ${outcome.position}. miejscu. Gdy ktoś zrezygnuje, miejsce dostaje pierwsza osoba z listy.`;
    case 'confirmed': {
      const { mode, drawDate } = entry.enrolment;
      if (mode === 'lottery') {
        return `Jeśli potwierdzonych zgłoszeń będzie więcej niż miejsc, o udziale zdecyduje publiczne losowanie${drawDate ? ` (${formatDay(drawDate)})` : ''}. Wyniki opublikujemy z kodami zgłoszeń, bez danych osobowych.`;
      }
      return 'Zgłoszenie zostało przyjęte.';
    }
  }
}

export function confirmedEmail({ entry, code, outcome, withdrawUrl }: ConfirmedEmailInput): EmailContent {
  return composeEmail(`Zgłoszenie potwierdzone: ${entry.title}`, [
    { paragraph: 'Dzień dobry,' },
    { paragraph: `Twoje zgłoszenie na „${entry.title}” jest potwierdzone. ${statusSentence(entry, outcome)}` },
    { paragraph: `Kod zgłoszenia: ${code}.` },
    { paragraph: 'Jeśli nie możesz wziąć udziału, zrezygnuj, żeby zwolnić miejsce. Twoje dane zostaną wtedy usunięte:' },
    { link: withdrawUrl, label: 'Rezygnuję i usuwam moje dane' },
    ...signature,
  ]);
}

/** The closing lines of every email to an applicant (the notices in src/notices/ end the same way). */
export const signature: EmailBlock[] = [
  { paragraph: 'Zespół portalu Wspólnie — Kraków' },
  { paragraph: 'Ta wiadomość została wysłana automatycznie; nie odpowiadaj na nią.' },
];
