/** The consultation a remarks page names (`p`): a published consultation that takes remarks through its own form. */
import type { CatalogueEntry } from '../../catalogue/catalogue.ts';
import type { Runtime } from '../../http/runtime.ts';
import { refusePanel } from '../../panel/http/guard.ts';
import { programmeOf } from '../../panel/http/programme-lookup.ts';
import { panelPageUrl } from '../../panel/http/layout.ts';

/** The catalogue entry of a consultation with a "Formularz uwag", or the panel's 404 page (a programme's sign-ups are not remarks). */
export async function consultationOf(runtime: Runtime, id: string): Promise<CatalogueEntry | Response> {
  const entry = await programmeOf(runtime, id);
  if (entry instanceof Response) return entry;
  if (entry.kind !== 'consultation') {
    return refusePanel(404, 'To nie są konsultacje', ['Uwagi i rozstrzygnięcia prowadzi się tylko dla konsultacji z formularzem uwag. Wybierz konsultacje z listy w panelu.']);
  }
  return entry;
}

/** The remarks page of a consultation, optionally with a query (`&zapisano=3`). */
export const remarksUrl = (id: string, extra = '') => `${panelPageUrl('remarks', id)}${extra}`;
