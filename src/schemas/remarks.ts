/**
 * The structured result of a consultation (issue 16, "Co usłyszeliśmy / Co
 * zrobiliśmy"): each remark, or group of identical remarks, with its topic,
 * the channel it came by, an anonymised summary, the city's decision with a
 * justification, and what the city did afterwards.
 *
 * Lists of objects carry no zod defaults: Decap would write a default into
 * every new item of the list and the CMS would show a value the editor never
 * chose (docs/cms.md); `count` is therefore required and typed by the editor.
 */
import { z } from 'astro/zod';
import { remarkActionStatuses, remarkChannels, remarkDecisions } from '../data/consultations.ts';
import { calendarDay, cmsWidget, labelled, withRules } from './common.ts';

/** Something the city did (or plans to do) because of a remark. */
export const remarkAction = z.object({
  /** What is done, e.g. "Dodanie przejścia dla pieszych w projekcie". */
  action: labelled(cmsWidget(z.string().trim().min(1), 'text'), 'Działanie'),
  /** The office responsible, e.g. "Zarząd Dróg Miasta Krakowa". */
  unit: labelled(z.string().trim().min(1), 'Jednostka odpowiedzialna'),
  /** Where it stands. */
  status: labelled(z.enum(remarkActionStatuses.values), 'Stan'),
  /** The day the status refers to: planned date, start, completion or abandonment. */
  date: labelled(calendarDay, 'Data', 'Dzień, którego dotyczy stan: planowany termin, początek realizacji, zakończenie albo rezygnacja.'),
});

/** One remark, or a group of identical remarks, with its decision. */
export const remark = withRules(
  z.object({
    /** What it is about, e.g. "Zieleń", "Komunikacja" — remarks are counted and grouped by it. */
    topic: labelled(z.string().trim().min(1), 'Temat'),
    /** How it reached the city. */
    channel: labelled(z.enum(remarkChannels.values), 'Kanał'),
    /** How many identical remarks this entry stands for. */
    count: labelled(z.number().int().min(1, { message: 'Liczba uwag musi wynosić co najmniej 1.' }), 'Liczba takich samych uwag', 'Wpisz 1 dla pojedynczej uwagi; więcej, gdy ten wpis zastępuje kilka jednakowych uwag.'),
    /** The remark in the city's words, with nothing that identifies its author. */
    summary: labelled(
      cmsWidget(z.string().trim().min(1), 'text'),
      'Streszczenie uwagi (bez danych osobowych)',
      'Bez imion, nazwisk, adresów, numerów telefonów i innych danych, po których można rozpoznać autora.',
    ),
    /** The city's decision, once made. */
    decision: labelled(z.enum(remarkDecisions.values).optional(), 'Rozstrzygnięcie'),
    /** Why: required with a decision. */
    justification: labelled(cmsWidget(z.string().optional(), 'text'), 'Uzasadnienie'),
    /** What the city did afterwards. */
    actions: labelled(z.array(remarkAction).optional(), 'Co zrobiliśmy'),
  }),
  [
    {
      id: 'remark.decision-justified',
      path: ['justification'],
      message: 'Podaj uzasadnienie rozstrzygnięcia: każda rozstrzygnięta uwaga musi mieć uzasadnienie.',
      hint: 'Wymagane, gdy wybrano rozstrzygnięcie.',
      requiredNote: 'wymagane przy rozstrzygnięciu',
      check: (r) => r.decision === undefined || (r.justification ?? '').trim().length > 0,
    },
  ],
);

export type Remark = z.output<typeof remark>;
export type RemarkAction = z.output<typeof remarkAction>;

/** The consultation's remarks, as its front matter holds them. */
export const remarks = labelled(
  z.array(remark).optional(),
  'Uwagi i rozstrzygnięcia',
  'Co usłyszeliśmy i co zrobiliśmy: każda uwaga (albo grupa jednakowych uwag) z rozstrzygnięciem i uzasadnieniem. Panel pracowników może przygotować tę listę z uwag z formularza.',
);
