/** POST /panel/wylogowanie/ — ends the session (deleted, not just forgotten by the browser). */
import type { Runtime } from '../../http/runtime.ts';
import { recordAudit } from '../audit.ts';
import { clearedSessionCookie } from './cookie.ts';
import type { StaffSession } from './guard.ts';
import { panelPaths } from './layout.ts';
import { methodNotAllowed } from './programme-lookup.ts';
import { panelRedirect } from '../../http/respond.ts';

export async function handleSignOut(request: Request, runtime: Runtime, session: StaffSession): Promise<Response> {
  if (request.method !== 'POST') return methodNotAllowed('POST');
  await runtime.db.transaction(async (tx) => {
    await tx.query('DELETE FROM staff_sessions WHERE token_hash = $1', [session.sessionHash]);
    await recordAudit(tx, { staffId: session.staff.id, action: 'sign-out', at: runtime.now() });
  });
  return panelRedirect(`${panelPaths.signIn}?wylogowano=1`, { 'Set-Cookie': clearedSessionCookie() });
}
