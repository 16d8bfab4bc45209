/**
 * POST /panel/uwagi/eksport/?p=<id> — a consultation's form remarks as CSV
 * for the responsible unit (`plik=csv`, audited: the file holds residents'
 * words), or the decided remarks as the YAML list the content takes
 * (`plik=yaml`, no personal data). A POST, so the cross-site check applies.
 */
import { firstField, readFields } from '../../http/request.ts';
import type { Runtime } from '../../http/runtime.ts';
import { warsawDay } from '../../lib/dates.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelDownload } from '../../http/respond.ts';
import { exportRemarks, formRemarks } from '../store.ts';
import { remarkItems, remarksYaml } from '../content.ts';
import { consultationOf } from './lookup.ts';

export async function handleRemarksExport(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const entry = await consultationOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  const read = await readFields(request, 4_096);
  if ('refusal' in read) return refusePanel(read.refusal.status, 'Nie udało się', [read.refusal.message]);
  if (firstField(read.fields, 'plik') === 'yaml') {
    const yaml = remarksYaml(remarkItems(await formRemarks(runtime.db, entry.id)));
    if (!yaml) return refusePanel(404, 'Nie ma czego pobrać', ['Żadna uwaga nie ma jeszcze zapisanego tematu i streszczenia. Najpierw wczytaj plik z rozstrzygnięciami.']);
    return panelDownload(yaml, `uwagi-${entry.id}-${warsawDay(runtime.now())}.yml`, 'application/yaml; charset=utf-8');
  }
  const { csv, fileName } = await exportRemarks(runtime.db, entry.id, session.staff.id, runtime.now());
  return panelDownload(csv, fileName, 'text/csv; charset=utf-8');
}
