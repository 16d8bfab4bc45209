/** The programme a panel request names (`p`), from the catalogue (or, for pages that serve them, the database), or the 404 page. */
import type { EnrolmentRuntime } from '../../http/runtime.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { unpublishedProgramme, type UnpublishedProgramme } from '../../staff/unpublished.ts';
import { refusePanel } from './guard.ts';

const notFound = () => refusePanel(404, 'Nie znaleziono programu', ['Nie ma takiego programu z zapisami. Wybierz program z listy w panelu.']);

/** A published programme or consultation with sign-ups: messages and the draw need its content. */
export async function programmeOf(runtime: EnrolmentRuntime, id: string): Promise<CatalogueEntry | Response> {
  const entry = id ? (await runtime.catalogue()).get(id) : undefined;
  return entry ?? notFound();
}

/** What the programme page, the export and the deletion serve: published, or gone from the site with its applications still in the database. */
export type PanelProgramme = { published: CatalogueEntry; unpublished?: undefined } | { published?: undefined; unpublished: UnpublishedProgramme };

/** `programmeOf`, and for an id the catalogue no longer lists but applications still name, that programme from the database (src/staff/unpublished.ts). */
export async function panelProgrammeOf(runtime: EnrolmentRuntime, id: string): Promise<PanelProgramme | Response> {
  if (!id) return notFound();
  const catalogue = await runtime.catalogue();
  const entry = catalogue.get(id);
  if (entry) return { published: entry };
  const unpublished = await unpublishedProgramme(runtime.db, catalogue, id);
  return unpublished ? { unpublished } : notFound();
}

export const methodNotAllowed = (allow: string) => refusePanel(405, 'Nie udało się', ['Ta metoda nie jest obsługiwana pod tym adresem.'], { Allow: allow });
