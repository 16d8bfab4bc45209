import { z } from 'astro/zod';
import { reportTypes } from '../data/reports.ts';
import { attachment, calendarDay, cmsWidget, labelled, tags, type ReferenceFactory } from './common.ts';

/** One recommendation, grouped by the area it concerns. */
const recommendation = z.object({
  /** Area, e.g. "Budżet obywatelski". */
  area: labelled(z.string().min(1), 'Obszar'),
  /** The recommendation itself. */
  text: labelled(cmsWidget(z.string().min(1), 'text'), 'Rekomendacja'),
});

/** A document in the public archive (archiwum): report, expert opinion, recommendations. */
export const reportSchema = (reference: ReferenceFactory) =>
  z.object({
    /** Title. */
    title: labelled(z.string().min(1), 'Tytuł'),
    /** Kind of document. */
    type: labelled(z.enum(reportTypes.values), 'Rodzaj dokumentu'),
    /** Publication day (or the day the talk was given). */
    date: labelled(calendarDay, 'Data'),
    /** `true` when only the year (or month) of the date is known. */
    dateApproximate: labelled(z.boolean().default(false), 'Data przybliżona'),
    /** People who wrote it. */
    authors: labelled(z.array(z.string().min(1)).default([]), 'Autorzy'),
    /** Organisation that published it. */
    organisation: labelled(z.string().optional(), 'Organizacja'),
    /** The programme it reports on. */
    programme: labelled(reference('programmes').optional(), 'Program'),
    /** The consultation it reports on. */
    consultation: labelled(reference('consultations').optional(), 'Konsultacje'),
    /** A few sentences for lists and search. */
    summary: labelled(z.string().min(1).max(800), 'Streszczenie'),
    /** Structured recommendations. */
    recommendations: labelled(z.array(recommendation).default([]), 'Rekomendacje'),
    /** Files. */
    attachments: labelled(z.array(attachment).default([]), 'Załączniki'),
    /** Free tags. */
    tags,
  });
