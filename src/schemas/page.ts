import { z } from 'astro/zod';
import { complianceStatuses, pageKinds } from '../data/pages.ts';
import { calendarDay, labelled, withRules } from './common.ts';

/**
 * The facts of an accessibility statement (deklaracja dostępności) that the
 * Ministry's v2.0 structure requires as marked-up elements; the page template
 * gives each its prescribed id.
 */
const accessibilityStatement = z.object({
  /** Full name of the public body. */
  publisher: labelled(z.string().min(1), 'Nazwa podmiotu'),
  /** Address of the site the statement covers. */
  siteUrl: labelled(z.url(), 'Adres strony'),
  /** Name of the site in the genitive, as the template's sentence needs it. */
  siteNameGenitive: labelled(z.string().min(1), 'Nazwa strony w dopełniaczu'),
  /** Day the site was first published. */
  publishedOn: labelled(calendarDay, 'Data publikacji strony'),
  /** Day of its last significant update. */
  updatedOn: labelled(calendarDay, 'Data ostatniej istotnej aktualizacji'),
  /** Compliance with the accessibility act. */
  status: labelled(z.enum(complianceStatuses.values), 'Status zgodności'),
  /** Content that is not accessible, one item a line. */
  nonCompliant: labelled(z.array(z.string().min(1)).default([]), 'Niedostępne treści'),
  /** Content exempt from the act, one item a line. */
  exempt: labelled(z.array(z.string().min(1)).default([]), 'Treści wyłączone'),
  /** Day the statement was prepared. */
  preparedOn: labelled(calendarDay, 'Data sporządzenia deklaracji'),
  /** Day it was last reviewed. */
  reviewedOn: labelled(calendarDay, 'Data ostatniego przeglądu deklaracji'),
  /** How accessibility was assessed, e.g. self-assessment. */
  assessment: labelled(z.string().min(1), 'Sposób oceny dostępności'),
  /** Link to an audit report, if one was made. */
  auditUrl: labelled(z.url().optional(), 'Raport z audytu'),
  /** Person to contact about accessibility. */
  contactPerson: labelled(z.string().min(1), 'Osoba do kontaktu'),
  /** Their email address. */
  contactEmail: labelled(z.email(), 'E-mail do kontaktu'),
  /** Their phone number. */
  contactPhone: labelled(z.string().min(1), 'Telefon do kontaktu'),
  /** Keyboard shortcuts and other aids, one a line. */
  aids: labelled(z.array(z.string().min(1)).default([]), 'Ułatwienia na stronie'),
});

/** A static page: about, accessibility statement, privacy notice. */
export const pageSchema = withRules(
  z.object({
    /** Title. */
    title: labelled(z.string().min(1), 'Tytuł'),
    /** One sentence for search engines and link previews. */
    description: labelled(z.string().min(1).max(300), 'Opis'),
    /** Which fixed page this is. */
    kind: labelled(z.enum(pageKinds.values), 'Rodzaj strony'),
    /** Day of the last change of content. */
    updated: labelled(calendarDay, 'Data aktualizacji'),
    /** Structured facts, for the accessibility statement only. */
    accessibility: labelled(accessibilityStatement.optional(), 'Deklaracja dostępności — dane'),
  }),
  [
    {
      id: 'page.accessibility-statement-data',
      path: ['accessibility'],
      message: 'Deklaracja dostępności wymaga wypełnienia danych deklaracji.',
      hint: 'Wymagane, gdy rodzaj strony to deklaracja dostępności: strona buduje z nich treść deklaracji.',
      requiredNote: 'wymagane przy deklaracji dostępności',
      check: (p) => p.kind !== 'accessibility' || p.accessibility !== undefined,
    },
  ],
);
