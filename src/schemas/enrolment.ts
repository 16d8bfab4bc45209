import { z } from 'astro/zod';
import { drawSourceKinds, enrolmentFields, enrolmentModes } from '../data/programmes.ts';
import { cmsWidget, instant, labelled, withRules } from './common.ts';
import { quotas } from './quotas.ts';

/** A statement a person must tick to sign up, e.g. attending all three workshops. */
const declaration = z.object({
  /** Stable key stored with each application. */
  id: labelled(z.string().regex(/^[a-z0-9-]+$/, { message: 'Identyfikator: małe litery bez polskich znaków, cyfry i myślniki.' }), 'Identyfikator'),
  /** The sentence the person ticks. */
  text: labelled(cmsWidget(z.string().min(1), 'text'), 'Treść oświadczenia'),
});

/**
 * A future public source of randomness for a lottery, announced before
 * enrolment closes (RFC 3797 section 3): what it is and when it becomes
 * known, precisely enough that anyone can look its value up afterwards.
 */
const drawSource = z.object({
  /** E.g. "Wyniki losowania Lotto z 28 marca 2026 r. (6 liczb)". */
  description: labelled(
    z.string().trim().min(10, { message: 'Opisz źródło dokładnie: co, z jakiego dnia, ile liczb — tak, by każdy mógł je potem sprawdzić.' }),
    'Opis źródła',
    'Np. „Wyniki losowania Lotto z 28 marca 2026 r. (6 liczb)”. Źródło musi stać się publiczne dopiero po zamknięciu naboru.',
  ),
  /** Whether its value is a list of numbers or a text. */
  kind: labelled(z.enum(drawSourceKinds.values), 'Rodzaj wartości'),
});

/** How a programme takes sign-ups; the form itself is built from this block. */
export const enrolment = withRules(
  z.object({
    /** When sign-ups open. */
    opens: labelled(instant, 'Początek naboru'),
    /** When sign-ups close. */
    closes: labelled(instant, 'Koniec naboru'),
    /** How places are given out. */
    mode: labelled(z.enum(enrolmentModes.values), 'Sposób przydziału miejsc'),
    /** Number of places; required unless the mode is open. */
    capacity: labelled(z.number().int().positive().optional(), 'Liczba miejsc'),
    /** Statements a person must tick. */
    declarations: labelled(z.array(declaration).default([]), 'Wymagane oświadczenia'),
    /** Fields the form asks for besides email. */
    fields: labelled(z.array(z.enum(enrolmentFields.values)).default(['name']), 'Pola formularza'),
    /** Longest free-text answer, in characters. */
    messageMaxLength: labelled(z.number().int().positive().max(5000).default(1000), 'Limit znaków wiadomości'),
    /** What the draw will use as public randomness, announced before enrolment closes. */
    drawSources: labelled(z.array(drawSource).default([]), 'Źródła losowości (dla losowania)', 'Źródła, których wartość będzie znana dopiero po końcu naboru (najlepiej dwa lub trzy niezależne).'),
    /** When the draw takes place. */
    drawDate: labelled(instant.optional(), 'Data losowania'),
    /** Seats per district or age band a lottery guarantees and caps (issue 14; src/schemas/quotas.ts, rules in programme.ts). */
    quotas,
  }),
  [
    {
      id: 'enrolment.closes-after-opens',
      path: ['closes'],
      message: 'Koniec naboru musi być później niż jego początek.',
      hint: 'Później niż początek naboru.',
      check: (e) => !(e.opens instanceof Date && e.closes instanceof Date) || e.closes > e.opens,
    },
    {
      id: 'enrolment.draw-after-closes',
      path: ['drawDate'],
      message: 'Losowanie musi odbyć się po końcu naboru: źródła losowości nie mogą być znane, zanim pula zostanie zamknięta.',
      hint: 'Później niż koniec naboru: źródła losowości nie mogą być znane, zanim pula zostanie zamknięta.',
      check: (e) => !(e.drawDate instanceof Date && e.closes instanceof Date) || e.drawDate > e.closes,
    },
    {
      id: 'enrolment.capacity-unless-open',
      path: ['capacity'],
      message: 'Podaj liczbę miejsc: jest wymagana przy losowaniu i przy decydującej kolejności zgłoszeń.',
      hint: 'Wymagana przy losowaniu i przy kolejności zgłoszeń; przy naborze bez limitu miejsc zostaw puste.',
      requiredNote: 'wymagane przy losowaniu i przy kolejności zgłoszeń',
      check: (e) => e.mode === 'open' || e.capacity !== undefined,
    },
    {
      id: 'enrolment.quotas-lottery-only',
      path: ['quotas'],
      message: 'Kwoty miejsc stosuje tylko losowanie: zmień sposób przydziału na losowanie albo usuń kwoty.',
      hint: 'Tylko przy losowaniu.',
      check: (e) => e.quotas.length === 0 || e.mode === 'lottery',
    },
  ],
);
