/**
 * The lottery's email, in Polish: the result of the draw for each person in
 * the pool. It names the programme, carries the public registration code and
 * the withdrawal link; the subject says nothing about the person. (A place
 * freed after the draw is given by src/enrolment/waitlist.ts.)
 */
import { composeEmail, type EmailBlock, type EmailContent } from '../mail/template.ts';
import type { CatalogueEntry } from '../catalogue/catalogue.ts';
import { signature } from '../enrolment/emails.ts';
import { escapeHtml } from '../lib/html.ts';

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

/** Stand-ins that survive composeEmail unchanged (no character escapeHtml touches) and no title can hold (NUL). */
const marks = { code: '\u0000kod\u0000', position: '\u0000pozycja\u0000', withdrawUrl: '\u0000rezygnacja\u0000' };

type PersonalResult = { status: 'accepted' } | { status: 'waitlisted'; position: number };

/**
 * drawResultEmail for a whole drawn pool (issue 13: 50,000 emails in the
 * draw's transaction): each of the two emails of a draw is composed once with
 * stand-ins, then each person's copy is the template with their code,
 * position and withdrawal link put in (escaped for the HTML part as
 * composeEmail escapes). The bytes equal drawResultEmail's for the same input
 * (src/lottery/emails.test.ts).
 */
export function drawnResultEmails(entry: CatalogueEntry, resultsUrl: string): (code: string, result: PersonalResult, withdrawUrl: string) => EmailContent {
  if (entry.title.includes('\u0000') || resultsUrl.includes('\u0000')) throw new Error('a NUL character in the title or the results link');
  const template = (result: DrawResult) => composeResult({ entry, code: marks.code, result, withdrawUrl: marks.withdrawUrl, resultsUrl }, marks.position);
  const accepted = template({ status: 'accepted', drawn: true });
  const waitlisted = template({ status: 'waitlisted', position: 0 });
  const fill = (part: string, code: string, position: string, withdrawUrl: string) =>
    part.replaceAll(marks.code, code).replaceAll(marks.position, position).replaceAll(marks.withdrawUrl, withdrawUrl);
  return (code, result, withdrawUrl) => {
    const position = result.status === 'waitlisted' ? String(result.position) : '';
    const base = result.status === 'accepted' ? accepted : waitlisted;
    return { subject: base.subject, text: fill(base.text, code, position, withdrawUrl), html: fill(base.html, escapeHtml(code), position, escapeHtml(withdrawUrl)) };
  };
}
