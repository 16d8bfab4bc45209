/** The programme a panel request names (`p`), from the catalogue, or the 404 page; and the 405 answer of panel pages. */
import type { Runtime } from '../../http/runtime.ts';
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import { refusePanel } from './guard.ts';

export const programmeNotFound = () => refusePanel(404, 'Nie znaleziono programu', ['Nie ma takiego programu z zapisami. Wybierz program z listy w panelu.']);

/** A published programme or consultation with sign-ups: messages and the draw need its content. */
export async function programmeOf(runtime: Runtime, id: string): Promise<CatalogueEntry | Response> {
  const entry = id ? (await runtime.catalogue()).get(id) : undefined;
  return entry ?? programmeNotFound();
}

export const methodNotAllowed = (allow: string) => refusePanel(405, 'Nie udało się', ['Ta metoda nie jest obsługiwana pod tym adresem.'], { Allow: allow });
