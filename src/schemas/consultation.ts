import { z } from 'astro/zod';
import { consultationMethods, consultationStatuses } from '../data/consultations.ts';
import { cmsWidget, contact, labelled, period, tags, type ReferenceFactory } from './common.ts';
import { enrolment } from './enrolment.ts';

/** A public consultation in the register (rejestr konsultacji). */
export const consultationSchema = (reference: ReferenceFactory) =>
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
    /** Office running it. */
    contact: labelled(contact, 'Kontakt'),
    /** The page where it was first published. */
    sourceUrl: labelled(z.url().optional(), 'Źródło'),
    /** A form for questions and remarks, when the consultation takes them online. */
    enrolment: labelled(enrolment.optional(), 'Formularz uwag'),
    /** Free tags. */
    tags,
  });
