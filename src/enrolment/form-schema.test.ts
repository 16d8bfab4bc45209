import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districts } from '../data/districts.ts';
import { ageBands, enrolmentFields } from '../data/programmes.ts';
import { applicationSchema, declarationMessage, isPhoneNumber, parseSubmission, type FormBlock } from './form-schema.ts';

const everything: FormBlock = {
  fields: [...enrolmentFields.values],
  declarations: [
    { id: 'trzy-warsztaty', text: 'Deklaruję udział we wszystkich trzech warsztatach.' },
    { id: 'mieszkaniec', text: 'Jestem mieszkanką lub mieszkańcem Krakowa.' },
  ],
  messageMaxLength: 50,
};
const emailOnly: FormBlock = { fields: [], declarations: [], messageMaxLength: 1000 };

const valid = {
  programme: 'warsztaty-2030',
  name: 'Jan Kowalski',
  email: 'jan.kowalski@example.pl',
  phone: '+48 600 123 456',
  district: 'XIII',
  ageBand: '30-44',
  organisation: 'Stowarzyszenie Podgórze',
  message: 'Poproszę o pętlę indukcyjną.',
  declarations: ['trzy-warsztaty', 'mieszkaniec'],
  consent: 'tak',
  website: '',
};

const fieldsOf = (result: ReturnType<typeof parseSubmission>) => (result.ok ? [] : result.errors.map((e) => e.field));

describe('parseSubmission', () => {
  it('accepts a complete submission and returns only what the block asks', () => {
    const result = parseSubmission(everything, valid);
    expect(result).toEqual({ ok: true, data: { ...valid, consent: true } });
    const minimal = parseSubmission(emailOnly, { ...valid, email: '  ola@example.com ' });
    expect(minimal).toEqual({ ok: true, data: { programme: 'warsztaty-2030', email: 'ola@example.com', declarations: [], consent: true, website: '' } });
  });

  it('reads FormData and URLSearchParams the way a browser posts them', () => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(valid)) for (const v of [value].flat()) params.append(key, v);
    expect(parseSubmission(everything, params).ok).toBe(true);
    const form = new FormData();
    for (const [key, value] of params) form.append(key, value);
    expect(parseSubmission(everything, form).ok).toBe(true);
  });

  it('reports every mistake once, in the order of the form, with GOV.UK-style Polish sentences', () => {
    const result = parseSubmission(everything, { programme: 'x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'name', message: 'Wpisz imię i nazwisko' },
      { field: 'email', message: 'Wpisz adres e-mail' },
      { field: 'phone', message: 'Wpisz numer telefonu' },
      { field: 'district', message: 'Wybierz dzielnicę, w której mieszkasz' },
      { field: 'ageBand', message: 'Wybierz przedział wieku' },
      { field: 'organisation', message: 'Wpisz nazwę organizacji' },
      { field: 'message', message: 'Wpisz wiadomość' },
      { field: 'declarations.trzy-warsztaty', message: 'Zaznacz, że deklarujesz udział we wszystkich trzech warsztatach' },
      { field: 'declarations.mieszkaniec', message: 'Zaznacz, że jesteś mieszkanką lub mieszkańcem Krakowa' },
      { field: 'consent', message: 'Zaznacz zgodę na przetwarzanie danych osobowych, aby wysłać zgłoszenie' },
    ]);
  });

  it('says what is wrong with a value and how to put it right', () => {
    const result = parseSubmission(everything, { ...valid, email: 'jan.kowalski@', phone: '12 34', district: 'XIX', ageBand: '100+', message: 'x'.repeat(51) });
    expect(result.ok ? [] : result.errors).toEqual([
      { field: 'email', message: 'Wpisz adres e-mail w poprawnym formacie, np. jan.kowalski@example.pl' },
      { field: 'phone', message: 'Wpisz numer telefonu w poprawnym formacie, np. 600 123 456 lub +48 600 123 456' },
      { field: 'district', message: 'Wybierz dzielnicę, w której mieszkasz' },
      { field: 'ageBand', message: 'Wybierz przedział wieku' },
      { field: 'message', message: 'Skróć wiadomość do najwyżej 50 znaków' },
    ]);
  });

  it('keeps what was typed, untrimmed, and never the honeypot', () => {
    const typed = { ...valid, name: '  Jan ', email: 'zły adres', website: 'http://spam.example' };
    const result = parseSubmission(everything, typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { website: _website, ...expected } = typed;
    expect(result.values).toEqual(expected);
    expect(fieldsOf(result)).toEqual(['email', 'website']);
  });

  it('counts a line break once, however the browser sent it', () => {
    const block = { ...everything, messageMaxLength: 5 };
    expect(parseSubmission(block, { ...valid, message: 'ab\r\ncd' }).ok).toBe(true);
    expect(parseSubmission(block, { ...valid, message: 'ab\r\ncde' }).ok).toBe(false);
  });

  it('stores each declared declaration once and ignores unknown ones', () => {
    const result = parseSubmission(everything, { ...valid, declarations: ['mieszkaniec', 'obce', 'trzy-warsztaty', 'mieszkaniec'] });
    expect(result.ok && result.data.declarations).toEqual(['trzy-warsztaty', 'mieszkaniec']);
  });

  it('ignores fields the block does not ask for', () => {
    const result = parseSubmission(emailOnly, { ...valid, phone: 'not a phone', district: 'nowhere' });
    expect(result.ok).toBe(true);
    expect(result.ok && Object.keys(result.data)).not.toContain('phone');
  });

  it('takes the first value of a field sent twice', () => {
    const params = new URLSearchParams('programme=p&email=a%40example.pl&email=nonsense&consent=tak');
    expect(parseSubmission(emailOnly, params)).toMatchObject({ ok: true, data: { email: 'a@example.pl' } });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), fc.anything())), (input) => {
        const result = parseSubmission(everything, input);
        if (!result.ok) for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...Object.keys(valid), 'x'), fc.string())), (pairs) => {
        parseSubmission(everything, new URLSearchParams(pairs));
      }),
    );
  });

  it('accepts any well-formed submission', () => {
    const word = fc.stringMatching(/^[a-ząćęłńóśźż]{1,12}$/);
    const submission = fc.record({
      programme: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
      name: fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
      email: fc.tuple(fc.array(fc.stringMatching(/^[a-z0-9_+-]{1,8}$/), { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z0-9]{1,10}$/), fc.constantFrom('pl', 'com', 'eu')).map(([l, d, t]) => `${l.join('.')}@${d}.${t}`),
      phone: fc.oneof(fc.stringMatching(/^\d{3} \d{3} \d{3}$/), fc.stringMatching(/^\+48 \d{9}$/), fc.stringMatching(/^\(12\) \d{3}-\d{2}-\d{2}$/)),
      district: fc.constantFrom(...districts.values),
      ageBand: fc.constantFrom(...ageBands.values),
      organisation: word,
      message: fc.string({ minLength: 1, maxLength: 50 }).filter((m) => m.trim().length > 0),
      declarations: fc.shuffledSubarray(['trzy-warsztaty', 'mieszkaniec'], { minLength: 2 }),
      consent: fc.constant('tak'),
      website: fc.constant(''),
    });
    fc.assert(
      fc.property(submission, (s) => {
        const result = parseSubmission(everything, s);
        expect(result.ok ? [] : result.errors).toEqual([]);
      }),
    );
  });

  it('is the same schema the browser runs: applicationSchema refuses what parseSubmission refuses', () => {
    expect(applicationSchema(everything).safeParse({ ...valid, consent: 'nie' }).success).toBe(false);
    expect(applicationSchema(everything).safeParse(valid).success).toBe(true);
  });
});

describe('isPhoneNumber', () => {
  it.each(['600123456', '600 123 456', '+48 600-123-456', '(12) 616-12-34', '0048600123456', '+420 601 234 567'])('accepts %s', (n) => expect(isPhoneNumber(n)).toBe(true));
  it.each(['', '12345', 'sześćset', '600 123 45a', '++48600123456'])('refuses %s', (n) => expect(isPhoneNumber(n)).toBe(false));
});

describe('declarationMessage', () => {
  it.each([
    ['Deklaruję udział we wszystkich trzech warsztatach.', 'Zaznacz, że deklarujesz udział we wszystkich trzech warsztatach'],
    ['Oświadczam, że mam ukończone 16 lat.', 'Zaznacz, że masz ukończone 16 lat'],
    ['Oświadczam, że moje dane są prawdziwe.', 'Zaznacz oświadczenie: „Oświadczam, że moje dane są prawdziwe”'],
    ['Deklaruję, że zapoznałam się z regulaminem.', 'Zaznacz oświadczenie: „Deklaruję, że zapoznałam się z regulaminem”'],
    ['Zobowiązuję się do udziału w spotkaniu', 'Zaznacz, że zobowiązujesz się do udziału w spotkaniu'],
    ['Rozumiem zasady losowania.', 'Zaznacz, że rozumiesz zasady losowania'],
    ['Zapoznałem się z regulaminem.', 'Zaznacz oświadczenie: „Zapoznałem się z regulaminem”'],
    ['Udział w zajęciach jest bezpłatny.', 'Zaznacz oświadczenie: „Udział w zajęciach jest bezpłatny”'],
  ])('%s', (text, message) => expect(declarationMessage(text)).toBe(message));
});
