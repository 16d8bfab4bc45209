/**
 * POST /panel/eksport/?p=<id> — the programme's applications as CSV
 * (audited); also of a programme no longer on the site whose applications
 * are still in the database. A POST, so the cross-site check applies.
 */
import type { Runtime } from '../../http/runtime.ts';
import { exportApplications } from '../export.ts';
import type { StaffSession } from '../../panel/http/guard.ts';
import { methodNotAllowed } from '../../panel/http/programme-lookup.ts';
import { panelProgrammeOf } from './programme-lookup.ts';
import { panelDownload } from '../../http/respond.ts';

export async function handleExport(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const found = await panelProgrammeOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (found instanceof Response) return found;
  const programme = found.published ? { id: found.published.id, declarations: found.published.enrolment.declarations } : { id: found.unpublished.id, declarations: [] };
  const { csv, fileName } = await exportApplications(runtime.db, programme, session.staff.id, runtime.now());
  return panelDownload(csv, fileName, 'text/csv; charset=utf-8');
}
