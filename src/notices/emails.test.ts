import { describe, expect, it } from 'vitest';
import { changeNoticeEmail, reminderEmail } from './emails.ts';
import type { PublicEvent } from './events-file.ts';
import { changedFields, stateOf } from './fingerprint.ts';

const planned: PublicEvent = {
  id: 'warsztat-1',
  title: 'Warsztat I. Diagnoza potrzeb',
  programme: 'miejskie',
  kind: 'workshop',
  start: new Date('2026-03-28T09:00:00Z'), // 10:00 in Warsaw (CET)
  end: new Date('2026-03-28T13:00:00Z'),
  status: 'planned',
  place: { name: 'Centrum Obywatelskie', address: 'ul. Reymonta 20, Kraków', room: 'sala 2' },
  page: '/wydarzenia/warsztat-1/',
};
const person = { code: 'ABCD-EFGH', waitlisted: false, withdrawUrl: 'https://wspolnie.example/api/zapisy/rezygnacja?t=abc.def' };
const common = { programmeTitle: 'Wspólne Projekty Miejskie 2026', pageUrl: 'https://wspolnie.example/wydarzenia/warsztat-1/', ...person };

function notice(after: PublicEvent, before: PublicEvent | undefined = planned) {
  const was = before && stateOf(before);
  return changeNoticeEmail({ event: after, before: was, fields: was ? changedFields(was, stateOf(after)) : [], ...common });
}

describe('the change notice', () => {
  it('says a cancellation plainly, with the date it was to be, the reason, the decision date, the page, the code and the withdrawal link', () => {
    const email = notice({ ...planned, status: 'cancelled', statusReason: 'Sala zalana po awarii.', statusDecidedOn: '2026-03-13' });
    expect(email.subject).toBe('Odwołane: Warsztat I. Diagnoza potrzeb');
    expect(email.text).toContain('wydarzenie „Warsztat I. Diagnoza potrzeb” w programie „Wspólne Projekty Miejskie 2026”, na który masz zgłoszenie, zostało odwołane.');
    expect(email.text).toContain('Miało się odbyć: sobota, 28 marca 2026, 10:00–14:00.');
    expect(email.text).toContain('To wydarzenie zostało odwołane.');
    expect(email.text).toContain('Powód: Sala zalana po awarii.');
    expect(email.text).toContain('Data decyzji: 13 marca 2026.');
    expect(email.text).toContain('Strona wydarzenia:\nhttps://wspolnie.example/wydarzenia/warsztat-1/\n');
    expect(email.text).toContain('Kod zgłoszenia: ABCD-EFGH.');
    expect(email.text).toContain('nie anuluje Twojego zgłoszenia na program');
    expect(email.text).toContain('\nhttps://wspolnie.example/api/zapisy/rezygnacja?t=abc.def\n');
    expect(email.text).not.toContain('Termin:');
  });

  it('gives a move with the new and the old date and place', () => {
    const email = notice({
      ...planned,
      status: 'moved',
      start: new Date('2026-04-04T08:00:00Z'), // 10:00 in Warsaw (CEST)
      end: new Date('2026-04-04T12:00:00Z'),
      place: { address: 'ul. Wielicka 28a, Kraków' },
      statusReason: 'Zmiana sali.',
      statusDecidedOn: '2026-03-20',
    });
    expect(email.subject).toBe('Zmiana terminu lub miejsca: Warsztat I. Diagnoza potrzeb');
    expect(email.text).toContain('Termin: sobota, 4 kwietnia 2026, 10:00–14:00 (poprzednio: sobota, 28 marca 2026, 10:00–14:00).');
    expect(email.text).toContain('Miejsce: ul. Wielicka 28a, Kraków (poprzednio: Centrum Obywatelskie, ul. Reymonta 20, Kraków, sala 2).');
    expect(email.text).toContain('Powód: Zmiana sali.');
    expect(email.html).toContain('(poprzednio: sobota, 28 marca 2026, 10:00–14:00)');
  });

  it('gives a time change alone without claiming the place changed', () => {
    const email = notice({ ...planned, start: new Date('2026-03-28T10:00:00Z'), end: new Date('2026-03-28T14:00:00Z') });
    expect(email.subject).toBe('Zmiana terminu lub miejsca: Warsztat I. Diagnoza potrzeb');
    expect(email.text).toContain('Termin: sobota, 28 marca 2026, 11:00–15:00 (poprzednio: sobota, 28 marca 2026, 10:00–14:00).');
    expect(email.text).toContain('Miejsce: Centrum Obywatelskie, ul. Reymonta 20, Kraków, sala 2.\n');
  });

  it('sends the link of an event taken online', () => {
    const email = notice({ ...planned, status: 'online', onlineUrl: 'https://spotkanie.example/wpm?x=1&y=2', statusReason: 'Zagrożenie epidemiczne.', statusDecidedOn: '2026-03-13' });
    expect(email.subject).toBe('Wydarzenie w internecie: Warsztat I. Diagnoza potrzeb');
    expect(email.text).toContain('Miejsce: w internecie (link do spotkania poniżej) (poprzednio: Centrum Obywatelskie, ul. Reymonta 20, Kraków, sala 2).');
    expect(email.text).toContain('Link do spotkania:\nhttps://spotkanie.example/wpm?x=1&y=2\n');
    expect(email.html).toContain('<a href="https://spotkanie.example/wpm?x=1&amp;y=2">Link do spotkania</a>');
  });

  it('says when a cancelled event is restored, and tells waitlisted people they are waiting', () => {
    const cancelled = { ...planned, status: 'cancelled' as const, statusReason: 'x', statusDecidedOn: '2026-03-13' };
    const email = changeNoticeEmail({ event: planned, before: stateOf(cancelled), fields: ['status'], ...common, waitlisted: true });
    expect(email.subject).toBe('Wydarzenie jednak się odbędzie: Warsztat I. Diagnoza potrzeb');
    expect(email.text).toContain('zostało przywrócone i jednak się odbędzie.');
    expect(email.text).toContain('Kod zgłoszenia: ABCD-EFGH. Jesteś na liście rezerwowej tego programu.');
  });

  it('tells the current state of an event first seen already moved', () => {
    const email = notice({ ...planned, status: 'moved', statusReason: 'Nowa sala.', statusDecidedOn: '2026-03-20' }, undefined);
    expect(email.subject).toBe('Zmiana terminu lub miejsca: Warsztat I. Diagnoza potrzeb');
    expect(email.text).toContain('Termin: sobota, 28 marca 2026, 10:00–14:00.\n');
    expect(email.text).not.toContain('poprzednio');
  });

  it('escapes what editors wrote in the HTML part', () => {
    const email = notice({ ...planned, title: 'Warsztat <b>„A&B”</b>', status: 'cancelled', statusReason: '<script>x</script>', statusDecidedOn: '2026-03-13' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(email.html).toContain('Warsztat &lt;b&gt;„A&amp;B”&lt;/b&gt;');
  });
});

describe('the reminder', () => {
  it('gives the date, the place, the page, the code and the withdrawal link', () => {
    const email = reminderEmail({ event: planned, ...common });
    expect(email.subject).toBe('Przypomnienie: Warsztat I. Diagnoza potrzeb, 28 marca 2026');
    expect(email.text).toContain('przypominamy o wydarzeniu „Warsztat I. Diagnoza potrzeb” w programie „Wspólne Projekty Miejskie 2026”, na który masz zgłoszenie.');
    expect(email.text).toContain('Termin: sobota, 28 marca 2026, 10:00–14:00.');
    expect(email.text).toContain('Miejsce: Centrum Obywatelskie, ul. Reymonta 20, Kraków, sala 2.');
    expect(email.text).toContain('Kod zgłoszenia: ABCD-EFGH.');
    expect(email.text).toContain('Jeśli nie możesz przyjść, zrezygnuj, żeby zwolnić miejsce.');
  });

  it('gives a phone duty hour’s number and an online event’s link', () => {
    const phone = reminderEmail({ event: { ...planned, kind: 'duty-phone', place: undefined, phone: '12 323 31 44' }, ...common });
    expect(phone.text).toContain('Miejsce: telefonicznie, pod numerem 12 323 31 44.');
    const online = reminderEmail({ event: { ...planned, status: 'online', onlineUrl: 'https://spotkanie.example/wpm', statusReason: 'Epidemia.', statusDecidedOn: '2026-03-13' }, ...common });
    expect(online.text).toContain('Link do spotkania:\nhttps://spotkanie.example/wpm\n');
    expect(online.text).toContain('To wydarzenie odbędzie się w internecie.');
    expect(online.text).toContain('Powód: Epidemia.');
  });
});
