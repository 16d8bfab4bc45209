/**
 * Where an enrolment window stands and what the page says about it, in
 * Polish. The build, the server and the browser script render these same
 * strings, so a state reads the same wherever it was decided.
 */
import type { EnrolmentMode } from '../data/programmes.ts';
import { formatDay, formatTime, machineInstant } from '../lib/dates.ts';
import { escapeHtml, unescapeHtml } from '../lib/html.ts';
import { plural, pluralForm, withinHours } from '../lib/plural.ts';
import { confirmationLinkHours } from './confirmation-window.ts';
import type { EnrolmentState } from '../catalogue/window.ts';

/** What the form collects for: places in a programme, or remarks in a consultation. */
export type FormSubject = 'programme' | 'consultation';

/** The parts of an enrolment block the notices speak of; dates as parsed or as ISO strings (from JSON). */
export interface NoticeBlock {
  opens: Date | string;
  closes: Date | string;
  mode: EnrolmentMode;
  capacity?: number | undefined;
}

const when = (value: Date | string) => {
  const d = new Date(value);
  return `<time datetime="${machineInstant(d)}">${formatDay(d)}, godz. ${formatTime(d)}</time>`;
};

const wording = {
  programme: {
    before: 'Nabór rozpocznie się',
    beforeMore: 'Formularz zgłoszenia pojawi się tutaj po otwarciu naboru.',
    open: 'Nabór trwa do',
    closed: 'Nabór zakończył się',
    closedMore: 'Nie można się już zgłosić.',
    cancelled: 'Zapisy są zamknięte, ponieważ program został odwołany.',
  },
  consultation: {
    before: 'Przyjmowanie uwag przez formularz rozpocznie się',
    beforeMore: 'Formularz pojawi się tutaj w dniu rozpoczęcia.',
    open: 'Uwagi przez formularz przyjmujemy do',
    closed: 'Przyjmowanie uwag przez formularz zakończyło się',
    closedMore: 'Nie można już przesłać uwag tą drogą.',
    cancelled: 'Formularz jest zamknięty, ponieważ konsultacje zostały odwołane.',
  },
} as const;

export interface NoticeOptions {
  state: EnrolmentState;
  block: NoticeBlock;
  subject?: FormSubject | undefined;
  /** Places left in a first-come or lottery programme, when the server said. */
  placesLeft?: number | undefined;
  /** When the state was decided, if not just now (the build): the page then says so. */
  asOf?: Date | undefined;
}

/** The notice at the top of the form region, inside `#enrol-state`. */
export function renderStateNotice({ state, block, subject = 'programme', placesLeft, asOf }: NoticeOptions): string {
  const say = wording[subject];
  const paragraphs: string[] = [];
  let tone = '';
  if (state === 'before') paragraphs.push(`<strong>${say.before} ${when(block.opens)}.</strong> ${say.beforeMore}`);
  if (state === 'closed') paragraphs.push(`<strong>${say.closed} ${when(block.closes)}.</strong> ${say.closedMore}`);
  if (state === 'cancelled') {
    tone = ' notice-cancelled';
    paragraphs.push(`<strong>${say.cancelled}</strong>`);
  }
  if (state === 'open') {
    paragraphs.push(`<strong>${say.open} ${when(block.closes)}.</strong>`);
    if (placesLeft !== undefined && block.capacity !== undefined) paragraphs.push(`Wolne miejsca: ${placesLeft} z ${block.capacity}.`);
  }
  if (state === 'full-waitlist') {
    tone = ' notice-changed';
    paragraphs.push(
      '<strong>Wszystkie miejsca są już zajęte. Możesz zapisać się na listę rezerwową.</strong>',
      `Zgłoszenia potwierdzone od teraz trafiają na listę rezerwową, w kolejności potwierdzenia; jeśli ktoś zrezygnuje, miejsce dostanie pierwsza osoba z listy. Nabór trwa do ${when(block.closes)}.`,
    );
  }
  if (asOf && (state === 'before' || state === 'open')) {
    paragraphs.push(`<span class="meta">Stan z ${when(asOf)}, z chwili opublikowania strony. Aktualny stan sprawdzamy przy wysłaniu formularza.</span>`);
  }
  return `<div class="notice${tone}" id="enrol-state">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div>`;
}

/** The state in one plain sentence, for a polite announcement. */
export function stateSentence(options: NoticeOptions): string {
  return unescapeHtml(
    renderStateNotice({ ...options, asOf: undefined })
      .replace(/<\/p><p>/g, ' ')
      .replace(/<[^>]+>/g, ''),
  );
}

/** What replaces the form once it is sent (HTTP 202): the next step is in the mailbox. */
export function renderSubmitted(email: string, subject: FormSubject = 'programme'): string {
  const what = subject === 'programme' ? 'zgłoszenie' : 'uwagi';
  return (
    `<div class="notice notice-success" id="enrol-done" tabindex="-1">` +
    `<h3>Sprawdź skrzynkę e-mail</h3>` +
    `<p>Wysłaliśmy wiadomość na adres <strong>${escapeHtml(email)}</strong>. Kliknij link w tej wiadomości ${withinHours(confirmationLinkHours)}, aby potwierdzić ${what} — bez potwierdzenia ${subject === 'programme' ? 'nie zostanie ono przyjęte' : 'nie zostaną one przyjęte'}.</p>` +
    `<p>Nie widzisz wiadomości? Sprawdź folder ze spamem. <a href="/zapisy/sprawdz-poczte/">Co dalej po wysłaniu formularza</a></p>` +
    `</div>`
  );
}

/** The live character count under a limited textarea: "Zostały 2 znaki". */
export function charactersLeft(left: number, limit: number): string {
  if (left <= 0) return `Wykorzystano cały limit: ${plural(limit, 'znak', 'znaki', 'znaków')}`;
  const verb = { one: 'Został', few: 'Zostały', many: 'Zostało' }[pluralForm(left)];
  return `${verb} ${plural(left, 'znak', 'znaki', 'znaków')}`;
}
