/**
 * The CMS refuses a save that changes what a lottery announced (issue 11 §2),
 * where the editor makes it, in Polish, naming each field with what was
 * announced and what the form now says.
 *
 * How: before Decap saves a programme that exists already, this asks the
 * site for the announcement recorded when its enrolment opened
 * (GET /losowania/<id>/ogloszenie.json, src/lottery/http/announcement.ts) and
 * compares it with the form (src/draw/announcement-conflict.ts, the same
 * rule the build applies). Decap 3 runs preSave listeners one after another
 * and awaits each; a listener that throws stops the save and shows the error.
 *
 * When the site cannot answer (no functions behind `npm run dev`, the network
 * down), the save is let through with a warning in the console: the build
 * refuses the same change anyway, so nothing reaches the public site.
 */
import { announcementRecordSchema } from '../../draw/announcement.ts';
import { contentConflicts } from '../../draw/announcement-conflict.ts';
import { enrolment } from '../../schemas/enrolment.ts';
import { formatDay, formatTime } from '../../lib/dates.ts';
import type { ImmutableValue } from './decap.ts';
import { SaveRefused, showRefusal } from './refusal.ts';

export interface SaveAttempt {
  collection: unknown;
  /** The entry's file name without extension ('' for a new entry). */
  slug: unknown;
  /** The form's data as Decap would write it. */
  data: Record<string, unknown>;
}

/** How the site is asked; `fetch` in the browser, any fetch-alike in tests. */
export type Fetcher = (url: string) => Promise<Response>;

const remedy =
  'Przywróć ogłoszone wartości. Literówkę w opisie źródła poprawia pracownik w panelu (Losowanie miejsc → Ogłoszenie), z uzasadnieniem widocznym publicznie; potem zmień opis tutaj.';

/** What Decap's notice says after "Nie udało się zapisać pozycji: ", before the changed fields. */
export const announcementLockSummary = 'ogłoszenie losowania jest już zobowiązaniem, tych pól nie można zmienić';

/**
 * The reasons to refuse this save, in Polish; empty when it may go ahead.
 * `origin` is the site's address (the admin's own in the browser).
 */
export async function lockedAnnouncementReasons(attempt: SaveAttempt, fetcher: Fetcher, origin: string): Promise<string[]> {
  if (attempt.collection !== 'programmes' || typeof attempt.slug !== 'string' || attempt.slug === '') return [];
  let body: unknown;
  try {
    const response = await fetcher(new URL(`/losowania/${encodeURIComponent(attempt.slug)}/ogloszenie.json`, origin).toString());
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    console.warn(`Nie udało się sprawdzić ogłoszenia losowania (${(error as Error).message}); sprawdzi je budowanie strony.`);
    return [];
  }
  const record = announcementRecordSchema.safeParse((body as { announcement?: unknown } | null)?.announcement);
  if (!record.success) return [];
  const block = attempt.data['enrolment'];
  const parsed = block === undefined || block === null ? undefined : enrolment.safeParse(block);
  // A block the schema refuses is main.ts's to explain; the comparison needs one it accepts.
  if (parsed && !parsed.success) return [];
  const found = contentConflicts(record.data, attempt.slug, { cancelled: attempt.data['status'] === 'cancelled', enrolment: parsed?.data });
  if (found.length === 0) return [];
  const at = new Date(record.data.recordedAt);
  return [
    `Ogłoszenie losowania zapisano ${formatDay(at)}, godz. ${formatTime(at)}, gdy otworzył się nabór: ludzie zapisali się, polegając na nim, więc tych pól nie można już zmienić.`,
    ...found.map((d) => `Zapisy › ${d.field}: ogłoszono ${d.recorded}, a teraz jest ${d.current}.`),
    remedy,
  ];
}

/** Registers the check with Decap: runs before main.ts's schema check (imported first). */
function registerAnnouncementLock(cms: Window['CMS']): void {
  cms.registerEventListener({
    name: 'preSave',
    handler: async ({ entry }) => {
      const data = (entry.get('data') as ImmutableValue).toJS() as Record<string, unknown>;
      const reasons = await lockedAnnouncementReasons({ collection: entry.get('collection'), slug: entry.get('slug'), data }, (url) => fetch(url, { headers: { Accept: 'application/json' } }), window.location.origin);
      if (reasons.length === 0) return undefined;
      showRefusal('Nie zapisano: ogłoszenie losowania jest już zobowiązaniem.', reasons);
      // Decap shows "Nie udało się zapisać pozycji: <error.toString()>"; SaveRefused reads as Polish there.
      throw new SaveRefused(announcementLockSummary, reasons.slice(1, -1));
    },
  });
}

if (typeof window !== 'undefined' && window.CMS) registerAnnouncementLock(window.CMS);
