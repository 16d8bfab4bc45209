/**
 * Netlify Function (v2): POST /panel/eksport/?p=<id> — a programme's applications as CSV (src/staff/http/export.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleExport } from '../src/staff/http/export.ts';

export default panelFunction(handleExport);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/eksport', '/panel/eksport/'],
  method: 'POST',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
