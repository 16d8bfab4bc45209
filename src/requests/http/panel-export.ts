/**
 * POST /panel/wnioski/eksport/?w=<id> — a request's confirmed supporters and
 * paper entries as CSV for the office that verifies them (audited;
 * src/requests/staff.ts). Also for a request no longer on the site whose
 * supports are still in the database. A POST, so the cross-site check applies.
 */
import { panelDownload } from '../../http/respond.ts';
import type { Runtime } from '../../http/runtime.ts';
import { refusePanel, type StaffSession } from '../../panel/http/guard.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { requestsFor } from '../source.ts';
import { exportSupporters } from '../staff.ts';

export async function handleRequestExport(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const id = new URL(request.url).searchParams.get('w') ?? '';
  const known = (await requestsFor(runtime)).get(id) !== undefined;
  const stored = known || (id !== '' && (await runtime.db.query('SELECT 1 FROM request_supports WHERE request_id = $1 LIMIT 1', [id])).rows.length > 0);
  if (!stored) return refusePanel(404, 'Nie znaleziono wniosku', ['Nie ma takiego wniosku. Wybierz wniosek z listy w panelu.']);
  const { csv, fileName } = await exportSupporters(runtime.db, id, session.staff.id, runtime.now());
  return panelDownload(csv, fileName, 'text/csv; charset=utf-8');
}
