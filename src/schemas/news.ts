import { z } from 'astro/zod';
import { newsKinds } from '../data/news.ts';
import { calendarDay, labelled, tags, type ReferenceFactory } from './common.ts';

/** A news item (aktualności). */
export const newsSchema = (reference: ReferenceFactory) =>
  z.object({
    /** Headline. */
    title: labelled(z.string().min(1), 'Tytuł'),
    /** Publication day. */
    date: labelled(calendarDay, 'Data publikacji'),
    /** First paragraph, shown in lists and the RSS feed. */
    lead: labelled(z.string().min(1).max(600), 'Zajawka', 'Pierwszy akapit widoczny na liście i w kanale RSS.'),
    /** What it is. */
    kind: labelled(z.enum(newsKinds.values), 'Rodzaj'),
    /** The programme it is about. */
    programme: labelled(reference('programmes').optional(), 'Program'),
    /** The consultation it is about. */
    consultation: labelled(reference('consultations').optional(), 'Konsultacje'),
    /** The page where it was first published. */
    sourceUrl: labelled(z.url().optional(), 'Źródło'),
    /** Free tags. */
    tags,
  });
