import { z } from 'astro/zod';
import { programmeStatuses } from '../data/programmes.ts';
import { cmsWidget, contact, labelled, organisation, period, tags, withRules, type ReferenceFactory } from './common.ts';
import { enrolment } from './enrolment.ts';

/** One step of a programme, e.g. a workshop series or an evaluation study. */
const stage = z.object({
  /** Name of the stage. */
  title: labelled(z.string().min(1), 'Nazwa etapu'),
  /** What happens in it. */
  description: labelled(cmsWidget(z.string(), 'text').optional(), 'Opis'),
  /** When. */
  period: labelled(period.optional(), 'Okres'),
});

/** A participation programme (programy): the main thing residents read about. */
export const programmeSchema = (reference: ReferenceFactory) =>
  withRules(
    z.object({
      /** Full name. */
      title: labelled(z.string().min(1), 'Tytuł'),
      /** One or two sentences for lists and search results. */
      summary: labelled(z.string().min(1).max(400), 'Streszczenie', 'Jedno–dwa zdania widoczne na listach.'),
      /** Year of the edition. */
      year: labelled(z.number().int().min(2000).max(2100), 'Rok'),
      /** Edition name when a programme repeats, e.g. "pilotaż". */
      edition: labelled(z.string().optional(), 'Edycja'),
      /** Where it stands. */
      status: labelled(z.enum(programmeStatuses.values), 'Status'),
      /** Why the status changed, shown next to it. */
      statusNote: labelled(cmsWidget(z.string(), 'text').optional(), 'Wyjaśnienie statusu'),
      /** A wider programme this one belongs to. */
      parent: labelled(reference('programmes').optional(), 'Część programu'),
      /** Who runs it. */
      organisers: labelled(z.array(organisation).min(1), 'Organizatorzy'),
      /** Who helps. */
      partners: labelled(z.array(organisation).default([]), 'Partnerzy'),
      /** Who answers questions. */
      contact: labelled(contact.optional(), 'Kontakt'),
      /** When it runs. */
      period: labelled(period, 'Okres realizacji'),
      /** Its steps in order. */
      stages: labelled(z.array(stage).default([]), 'Etapy'),
      /** Documents in the archive that report on it. */
      relatedReports: labelled(z.array(reference('reports')).default([]), 'Powiązane dokumenty'),
      /** Funding note, e.g. EU co-financing, shown at the bottom. */
      funding: labelled(cmsWidget(z.string(), 'text').optional(), 'Finansowanie'),
      /** The page where the programme was first published. */
      sourceUrl: labelled(z.url().optional(), 'Źródło'),
      /** Sign-ups, when the programme takes them. */
      enrolment: labelled(enrolment.optional(), 'Zapisy'),
      /** Free tags. */
      tags,
    }),
    // RFC 3797 section 3: the sources are announced before the pool closes, or nobody can tell they were not picked to fit it.
    // A cancelled programme never draws, so an old one that announced nothing stays valid.
    [
      {
        id: 'programme.lottery-announces-sources',
        path: ['enrolment', 'drawSources'],
        message: 'Przy losowaniu podaj przed końcem naboru źródła losowości — bez nich nikt nie sprawdzi, że wyniku nie dobrano.',
        hint: 'Przy losowaniu wymagane co najmniej jedno źródło (chyba że program odwołano), podane przed końcem naboru.',
        requiredNote: 'wymagane przy losowaniu',
        check: (p) => p.status === 'cancelled' || p.enrolment?.mode !== 'lottery' || p.enrolment.drawSources.length > 0,
      },
      {
        id: 'programme.lottery-announces-draw-date',
        path: ['enrolment', 'drawDate'],
        message: 'Przy losowaniu podaj przed końcem naboru datę losowania — bez niej nikt nie sprawdzi, że wyniku nie dobrano.',
        hint: 'Wymagana przy losowaniu (chyba że program odwołano), podana przed końcem naboru.',
        requiredNote: 'wymagane przy losowaniu',
        check: (p) => p.status === 'cancelled' || p.enrolment?.mode !== 'lottery' || p.enrolment.drawDate !== undefined,
      },
    ],
  );
