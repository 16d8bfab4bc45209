/**
 * Netlify Function (v2): /panel/dziennik/ — the audit log of staff actions (src/staff/http/audit-page.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleAuditLog } from '../src/staff/http/audit-page.ts';

export default panelFunction(handleAuditLog);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/dziennik', '/panel/dziennik/'],
  method: 'GET',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
