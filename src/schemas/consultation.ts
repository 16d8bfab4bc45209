import { z } from 'astro/zod';
import { consultationMethods, consultationStatuses } from '../data/consultations.ts';
import { cmsWidget, contact, labelled, period, tags, withRules, type ReferenceFactory } from './common.ts';
import { enrolment } from './enrolment.ts';
import { remarks } from './remarks.ts';

/** A public consultation in the register (rejestr konsultacji). */
export const consultationSchema = (reference: ReferenceFactory) =>
  withRules(
    z.object({
      /** Title. */
      title: labelled(z.string().min(1), 'Tytuł'),
      /** The question residents are asked. */
      question: labelled(cmsWidget(z.string().min(1), 'text'), 'Pytanie konsultacyjne'),
      /** One or two sentences for lists. */
      summary: labelled(z.string().min(1).max(400), 'Streszczenie'),
      /** Where it stands. */
      status: labelled(z.enum(consultationStatuses.values), 'Status'),
      /** When it runs. */
      period: labelled(period, 'Termin'),
      /** How residents can take part. */
      methods: labelled(z.array(z.enum(consultationMethods.values)).min(1), 'Formy udziału'),
      /** The report with the results, once published. */
      resultReport: labelled(reference('reports').optional(), 'Raport z wynikami'),
      /** What was heard and what was done: the remarks with their decisions (src/schemas/remarks.ts). */
      remarks,
      /** Office running it. */
      contact: labelled(contact, 'Kontakt'),
      /** The page where it was first published. */
      sourceUrl: labelled(z.url().optional(), 'Źródło'),
      /** A form for questions and remarks, when the consultation takes them online. */
      enrolment: labelled(enrolment.optional(), 'Formularz uwag'),
      /** Free tags. */
      tags,
    }),
    [
      {
        // Only programmes record an announcement, freeze a pool and draw (src/draw/announcement-record.ts); a consultation's
        // form set to lottery would tell people a draw will decide (src/enrolment/emails.ts) that never takes place.
        id: 'consultation.no-lottery',
        path: ['enrolment', 'mode'],
        message: 'Formularz konsultacji nie może przydzielać miejsc losowaniem — losowanie prowadzi się tylko w programach. Wybierz „Decyduje kolejność zgłoszeń” albo „Bez limitu miejsc”.',
        hint: 'Losowanie miejsc jest dostępne tylko w programach.',
        check: (c) => c.enrolment?.mode !== 'lottery',
      },
    ],
  );
