/** The programme a panel request names (`p`), from the catalogue, or the 404 page. */
import type { EnrolmentRuntime } from '../../enrolment/http/runtime.ts';
import type { CatalogueEntry } from '../../enrolment/catalogue.ts';
import { refusePanel } from './guard.ts';

export async function programmeOf(runtime: EnrolmentRuntime, id: string): Promise<CatalogueEntry | Response> {
  const entry = id ? (await runtime.catalogue()).get(id) : undefined;
  return entry ?? refusePanel(404, 'Nie znaleziono programu', ['Nie ma takiego programu z zapisami. Wybierz program z listy w panelu.']);
}

export const methodNotAllowed = (allow: string) => refusePanel(405, 'Nie udało się', ['Ta metoda nie jest obsługiwana pod tym adresem.'], { Allow: allow });
