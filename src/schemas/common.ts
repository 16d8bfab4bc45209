import { z } from 'astro/zod';
import { attachmentFormats } from '../data/reports.ts';

// Editors read these messages in the build log and the CMS: Polish everywhere.
z.config(z.locales.pl());

/** Polish label (and optional hint) for a field, read by the pages and the CMS config. */
export function labelled<T extends z.ZodType>(schema: T, title: string, description?: string): T {
  return schema.meta(description ? { title, description } : { title });
}

/**
 * The CMS widget a field needs when its zod type alone does not say it
 * (src/cms/fields.ts reads this meta key): an instant or a calendar day is a
 * union of a Date and a string, an uploaded file is a string, and a long
 * answer is a string too.
 */
export type CmsWidgetHint = 'instant' | 'calendar-day' | 'file' | 'text';
export function cmsWidget<T extends z.ZodType>(schema: T, widget: CmsWidgetHint): T {
  return schema.meta({ cmsWidget: widget });
}

/**
 * A moment in time. Content stores ISO 8601 instants with an explicit offset
 * (`2020-03-28T10:00:00+01:00`); a bare local time would be read in the build
 * machine's zone, so it is refused.
 */
export const instant = cmsWidget(
  z.union([
    z.date(),
    z.iso.datetime({ offset: true, error: 'Podaj datę i godzinę z przesunięciem strefy, np. 2020-03-28T10:00:00+01:00.' }),
  ]).transform((value) => new Date(value)),
  'instant',
);

/** A calendar day, kept as `YYYY-MM-DD` so no time zone can shift it. */
export const calendarDay = cmsWidget(
  z
    .union([z.date(), z.iso.date({ error: 'Podaj datę w formacie RRRR-MM-DD, np. 2020-03-01.' })])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
  'calendar-day',
);

/** A span of days; `label` says it in words when the source is only as precise as "marzec–kwiecień 2014". */
export const period = z
  .object({
    /** First day. */
    start: labelled(calendarDay, 'Początek'),
    /** Last day, if known. */
    end: labelled(calendarDay.optional(), 'Koniec'),
    /** The span as the source states it, shown instead of exact dates. */
    label: labelled(z.string().optional(), 'Opis okresu', 'Np. „marzec–kwiecień 2014”, gdy dokładne daty nie są znane.'),
  })
  .refine((p) => !p.end || p.end >= p.start, { message: 'Koniec okresu nie może być wcześniej niż jego początek.', path: ['end'] });

/** Who to ask about something. */
export const contact = z.object({
  /** Office or person. */
  name: labelled(z.string().min(1), 'Jednostka lub osoba'),
  /** Postal address. */
  address: labelled(z.string().optional(), 'Adres'),
  /** Email address. */
  email: labelled(z.email({ error: 'Podaj poprawny adres e-mail.' }).optional(), 'E-mail'),
  /** Phone number as residents dial it. */
  phone: labelled(z.string().optional(), 'Telefon'),
  /** A web page with more. */
  url: labelled(z.url({ error: 'Podaj pełny adres strony zaczynający się od https://' }).optional(), 'Strona internetowa'),
});

/** An organisation taking part, and how. */
export const organisation = z.object({
  /** Full name. */
  name: labelled(z.string().min(1), 'Nazwa'),
  /** Its part in the programme, e.g. "partner". */
  role: labelled(z.string().optional(), 'Rola'),
  /** Its web page. */
  url: labelled(z.url().optional(), 'Strona internetowa'),
});

/**
 * A downloadable file: either uploaded to the site's media folder (a path
 * starting with `/pliki/`) or a document kept elsewhere (a full https URL).
 */
export const attachment = z.object({
  /** Title shown as the link text. */
  title: labelled(z.string().min(1), 'Tytuł pliku'),
  /** Where the file is. */
  file: labelled(
    cmsWidget(z.string().regex(/^(\/pliki\/|https:\/\/)/, { message: 'Plik musi być wgrany do /pliki/ albo podany jako pełny adres https://' }), 'file'),
    'Plik',
    'Wgraj plik albo wstaw pełny adres https:// dokumentu opublikowanego gdzie indziej.',
  ),
  /** File format. */
  format: labelled(z.enum(attachmentFormats.values), 'Format'),
  /** Size in bytes, when known. */
  size: labelled(z.number().int().positive().optional(), 'Rozmiar w bajtach'),
  /** Language of the document, if not Polish. */
  language: labelled(z.string().length(2).optional(), 'Język (kod), jeśli inny niż polski'),
});

/** Free tags for search filters. */
export const tags = labelled(z.array(z.string().min(1)).default([]), 'Tagi');

/**
 * Builds a reference to another collection's entry. Astro passes its own
 * `reference`; scripts and tests pass `plainReference`. Either way, existence
 * is checked by the content integrity test, not here.
 */
export type ReferenceFactory = (collection: CollectionName) => z.ZodType<{ id: string; collection: string }>;
export type CollectionName = 'programmes' | 'events' | 'news' | 'reports' | 'consultations' | 'pages';

export const plainReference: ReferenceFactory = (collection) =>
  z.string().min(1).transform((id) => ({ id, collection }));
