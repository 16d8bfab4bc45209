/** POST /panel/eksport/?p=<id> — the programme's applications as CSV (audited). A POST, so the cross-site check applies. */
import type { EnrolmentRuntime } from '../../enrolment/http/runtime.ts';
import { exportApplications } from '../export.ts';
import type { StaffSession } from './guard.ts';
import { methodNotAllowed, programmeOf } from './programme-lookup.ts';
import { panelDownload } from './respond.ts';

export async function handleExport(request: Request, runtime: EnrolmentRuntime, session: StaffSession): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  const entry = await programmeOf(runtime, new URL(request.url).searchParams.get('p') ?? '');
  if (entry instanceof Response) return entry;
  const { csv, fileName } = await exportApplications(runtime.db, entry, session.staff.id, runtime.now());
  return panelDownload(csv, fileName, 'text/csv; charset=utf-8');
}
