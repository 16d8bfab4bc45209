/** The programme a staff page about applications names (`p`): published, or gone from the site with its applications still in the database. */
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import type { Runtime } from '../../http/runtime.ts';
import { programmeNotFound } from '../../panel/http/programme-lookup.ts';
import { unpublishedProgramme, type UnpublishedProgramme } from '../unpublished.ts';

/** What the programme page, the export and the deletion serve: published, or gone from the site with its applications still in the database. */
export type PanelProgramme = { published: CatalogueEntry; unpublished?: undefined } | { published?: undefined; unpublished: UnpublishedProgramme };

/** `programmeOf`, and for an id the catalogue no longer lists but applications still name, that programme from the database (src/staff/unpublished.ts). */
export async function panelProgrammeOf(runtime: Runtime, id: string): Promise<PanelProgramme | Response> {
  if (!id) return programmeNotFound();
  const catalogue = await runtime.catalogue();
  const entry = catalogue.get(id);
  if (entry) return { published: entry };
  const unpublished = await unpublishedProgramme(runtime.db, catalogue, id);
  return unpublished ? { unpublished } : programmeNotFound();
}
