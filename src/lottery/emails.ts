/**
 * The lottery's email, in Polish: the result of the draw for each person in
 * the pool. It names the programme, carries the public registration code and
 * the withdrawal link; the subject says nothing about the person. (A place
 * freed after the draw is given by src/enrolment/waitlist.ts.)
 */
import { composeEmail, type EmailBlock, type EmailContent } from '../mail/template.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { signature } from '../enrolment/emails.ts';
import { stand } from '../mail/outbox-bulk.ts';

type DrawResult =
  /** `drawn` false: the pool fitted the places and no draw was needed. */
  | { status: 'accepted'; drawn: boolean }
  | { status: 'waitlisted'; position: number };

export interface DrawResultEmailInput {
  entry: CatalogueEntry;
  code: string;
  result: DrawResult;
  withdrawUrl: string;
  /** The public results page with the protocol and the verifier. */
  resultsUrl: string;
}

export function drawResultEmail(input: DrawResultEmailInput): EmailContent {
  return composeResult(input, input.result.status === 'waitlisted' ? String(input.result.position) : '');
}

/** `position`: the waiting-list position as written in the text (a number, or a stand-in for drawnResultEmails). */
function composeResult({ entry, code, result, withdrawUrl, resultsUrl }: DrawResultEmailInput, position: string): EmailContent {
  const blocks: EmailBlock[] = [{ paragraph: 'Dzień dobry,' }];
  if (result.status === 'accepted' && !result.drawn) {
    blocks.push({ paragraph: `nabór na „${entry.title}” jest zamknięty. Potwierdzonych zgłoszeń nie było więcej niż miejsc, więc losowanie nie było potrzebne: masz miejsce.` });
  } else if (result.status === 'accepted') {
    blocks.push({ paragraph: `odbyło się publiczne losowanie miejsc na „${entry.title}”. Twoje zgłoszenie zostało wylosowane: masz miejsce.` });
  } else {
    blocks.push({
      paragraph: `odbyło się publiczne losowanie miejsc na „${entry.title}”. Tym razem nie masz miejsca: jesteś na liście rezerwowej, na ${position}. pozycji. Gdy ktoś zrezygnuje, miejsce dostaje pierwsza osoba z listy — wtedy napiszemy do Ciebie.`,
    });
  }
  blocks.push(
    { paragraph: `Kod zgłoszenia: ${code}.` },
    { paragraph: 'Wyniki, protokół losowania i narzędzie do sprawdzenia, że wynik jest zgodny z ogłoszonymi źródłami losowości, są publiczne (bez danych osobowych):' },
    { link: resultsUrl, label: 'Wyniki i protokół' },
    { paragraph: result.status === 'accepted' ? 'Jeśli nie możesz wziąć udziału, zrezygnuj, żeby miejsce dostała osoba z listy rezerwowej. Twoje dane zostaną wtedy usunięte:' : 'Jeśli nie chcesz czekać na miejsce, zrezygnuj — Twoje dane zostaną usunięte:' },
    { link: withdrawUrl, label: 'Rezygnuję i usuwam moje dane' },
    ...signature,
  );
  const subject = result.status === 'accepted' ? `Masz miejsce: ${entry.title}` : `Lista rezerwowa: ${entry.title}`;
  return composeEmail(subject, blocks);
}

/** The stand-ins of the draw's two email templates, in the order each person's values are given. */
export const drawResultStandIns = ['kod', 'pozycja', 'rezygnacja'] as const;

/**
 * The two emails of a draw (a place, a waiting-list position) composed once
 * with stand-ins (stand(), private-use characters composeEmail leaves alone)
 * for the code, the position and the withdrawal link: the database fills them
 * per person (src/mail/outbox-bulk.ts), so 50,000 emails need not be composed
 * and sent over one by one (issue 13). Filled with a person's values — in the
 * HTML part escaped as composeEmail escapes — they equal drawResultEmail's
 * (src/lottery/emails.test.ts, tests/integration/lottery-scale.test.ts).
 */
export function drawResultTemplates(entry: CatalogueEntry, resultsUrl: string): { accepted: EmailContent; waitlisted: EmailContent } {
  const [code, position, withdrawUrl] = drawResultStandIns.map(stand);
  const template = (result: DrawResult) => composeResult({ entry, code: code!, result, withdrawUrl: withdrawUrl!, resultsUrl }, position!);
  return { accepted: template({ status: 'accepted', drawn: true }), waitlisted: template({ status: 'waitlisted', position: 0 }) };
}
