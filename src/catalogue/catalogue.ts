/**
 * The enrolment blocks editors wrote, as the functions see them at run time.
 *
 * The functions cannot run Astro's content layer, so the build writes every
 * programme's and consultation's enrolment block into one public file,
 * `/dane/zapisy.json` (src/pages/dane/zapisy.json.ts), and the functions read
 * that: the self-hosted server from dist/, a Netlify function from its own
 * deploy (see catalogue-source.ts). The file is parsed with the same zod
 * schema the content collections use, so it cannot say anything the CMS and
 * the build would refuse. Nothing in it is personal data.
 */
import { z } from 'astro/zod';
import { enrolment } from '../schemas/enrolment.ts';
import { formIsOpen, windowState as datesState, type EnrolmentState } from './window.ts';

/** Where the build writes the catalogue, relative to the site root. */
export const cataloguePath = '/dane/zapisy.json';

const catalogueEntry = z.object({
  /** What the form posts as `programme`: the programme's or consultation's id (the build refuses two alike). */
  id: z.string().min(1).max(200),
  kind: z.enum(['programme', 'consultation']),
  /** The programme's or consultation's title, for emails and pages. */
  title: z.string().min(1),
  /** Its public page, where the form is, e.g. `/programy/<id>/`. */
  page: z.string().startsWith('/'),
  /** A cancelled programme takes no sign-ups, whatever the dates say. */
  closedEarly: z.boolean(),
  enrolment,
});

const catalogueFile = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  entries: z.array(catalogueEntry),
});

export type CatalogueEntry = z.output<typeof catalogueEntry>;
export type Enrolment = CatalogueEntry['enrolment'];
/** What the build writes (dates as ISO strings). */
export type CatalogueFile = z.input<typeof catalogueFile>;

export interface Catalogue {
  get(id: string): CatalogueEntry | undefined;
  readonly entries: readonly CatalogueEntry[];
}

export function catalogueOf(entries: readonly CatalogueEntry[]): Catalogue {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { entries, get: (id) => byId.get(id) };
}

/** Parses the built file; throws (without quoting it) when it does not match the schema. */
export function parseCatalogue(json: unknown): Catalogue {
  const parsed = catalogueFile.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`${cataloguePath} does not match the enrolment schema (at ${where}); rebuild the site`);
  }
  return catalogueOf(parsed.data.entries);
}

/**
 * Where a window stands, in the form's words (window.ts): 'before',
 * 'open', 'closed', 'cancelled' (a cancelled programme), and — known only
 * to the server — 'full-waitlist', a first-come programme whose places are
 * taken, still taking sign-ups for the waiting list.
 */
export type LiveState = EnrolmentState;

/** Whether the window takes submissions now, from the dates and the programme's status alone. */
export function windowState(entry: CatalogueEntry, now: Date): Exclude<LiveState, 'full-waitlist'> {
  return datesState(entry.enrolment, now, entry.closedEarly);
}

export const takesSubmissions = (state: LiveState) => formIsOpen(state);

/** A programme whose places a draw decides: a lottery with a capacity, not cancelled. */
export const isLottery = (entry: CatalogueEntry): boolean =>
  entry.kind === 'programme' && entry.enrolment.mode === 'lottery' && entry.enrolment.capacity !== undefined && !entry.closedEarly;
