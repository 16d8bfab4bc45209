/**
 * The follow emails, in Polish: the confirmation request, one change, and
 * the daily digest. Subjects name public things only (titles of pages),
 * never the person. Every change and digest email ends with the one-click
 * unsubscribe link, which the outbox also puts in List-Unsubscribe.
 */
import { composeEmail, type EmailBlock, type EmailContent } from '../mail/template.ts';
import { formatDay, formatDayTime } from '../lib/dates.ts';
import { plural } from '../lib/plural.ts';
import type { ChangeKind } from './decide.ts';
import type { ChangeContent } from './changes.ts';

export type Frequency = 'immediate' | 'daily';

export const frequencyLabels: Record<Frequency, string> = {
  immediate: 'od razu — osobna wiadomość o każdej zmianie',
  daily: 'raz dziennie — jedno podsumowanie zmian z całego dnia',
};

/** One change in a sentence: what happened to what. */
export function changeHeadline(kind: ChangeKind, content: ChangeContent): string {
  switch (kind) {
    case 'new-programme':
      return `Nowy program: ${content.title}`;
    case 'new-consultation':
      return `Nowe konsultacje: ${content.title}`;
    case 'new-report':
      return `Nowy raport: ${content.title}`;
    case 'cancelled':
      return content.itemKind === 'event' ? `Odwołane wydarzenie: ${content.title}` : `Odwołany program: ${content.title}`;
    case 'request-answered':
      return `Odpowiedź na wniosek o konsultacje: ${content.title}`;
  }
}

/** What the email says beyond the headline: the context, the date, the answer. */
function details(kind: ChangeKind, content: ChangeContent): string[] {
  const lines: string[] = [];
  if (content.context) lines.push(`Dotyczy: ${content.context}.`);
  if (kind === 'cancelled' && content.itemKind === 'event' && content.start) lines.push(`Wydarzenie miało się odbyć ${formatDayTime(new Date(content.start))}.`);
  if (kind === 'request-answered') {
    lines.push(content.status === 'accepted' ? 'Miasto przyjęło wniosek.' : 'Miasto odrzuciło wniosek.');
    if (content.answer) lines.push(`Odpowiedź: ${content.answer.length > 1_000 ? `${content.answer.slice(0, 1_000)}…` : content.answer}`);
  }
  return lines;
}

const footer = (followed: string, unsubscribeUrl: string): EmailBlock[] => [
  { paragraph: `Dostajesz tę wiadomość, bo obserwujesz: ${followed}.` },
  { link: unsubscribeUrl, label: 'Wypisz się jednym kliknięciem (usuniemy Twój adres i przestaniemy wysyłać powiadomienia)' },
];

export function confirmFollowEmail(o: { followed: string; frequency: Frequency; confirmUrl: string; expires: Date }): EmailContent {
  // The subject names what is followed: someone following several things tells the confirmations apart in the inbox.
  const followed = o.followed.length > 80 ? `${o.followed.slice(0, 79)}…` : o.followed;
  return composeEmail(`Potwierdź obserwowanie: ${followed} — Wspólnie`, [
    { paragraph: `Ktoś — zapewne Ty — poprosił na portalu Wspólnie o powiadomienia e-mailem o zmianach: ${o.followed}.` },
    { paragraph: `Jak często: ${frequencyLabels[o.frequency]}.` },
    { link: o.confirmUrl, label: 'Potwierdź, że chcesz dostawać powiadomienia' },
    { paragraph: `Link działa do ${formatDayTime(o.expires)}. Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nic nie wyślemy, a adres usuniemy.` },
  ]);
}

export function changeEmail(o: { kind: ChangeKind; content: ChangeContent; pageUrl: string; followed: string; unsubscribeUrl: string }): EmailContent {
  const headline = changeHeadline(o.kind, o.content);
  return composeEmail(`${headline} — Wspólnie`, [
    { paragraph: headline },
    ...details(o.kind, o.content).map((paragraph) => ({ paragraph })),
    { link: o.pageUrl, label: 'Szczegóły na stronie' },
    ...footer(o.followed, o.unsubscribeUrl),
  ]);
}

export interface DigestEntry {
  kind: ChangeKind;
  content: ChangeContent;
  pageUrl: string;
}

/** `day`: the Warsaw day (YYYY-MM-DD) the changes were recorded. */
export function digestEmail(o: { day: string; entries: readonly DigestEntry[]; followed: string; unsubscribeUrl: string }): EmailContent {
  const count = plural(o.entries.length, 'zmiana', 'zmiany', 'zmian');
  return composeEmail(`Podsumowanie dnia ${formatDay(o.day)}: ${count} — Wspólnie`, [
    { paragraph: `Zmiany z ${formatDay(o.day)} w sprawach, które obserwujesz:` },
    ...o.entries.flatMap((e): EmailBlock[] => [
      { paragraph: [changeHeadline(e.kind, e.content), ...details(e.kind, e.content)].join(' ') },
      { link: e.pageUrl, label: 'Szczegóły na stronie' },
    ]),
    ...footer(o.followed, o.unsubscribeUrl),
  ]);
}
