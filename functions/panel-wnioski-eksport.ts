/**
 * Netlify Function (v2): POST /panel/wnioski/eksport/?w=<id> — a request's
 * supporters as CSV, audited (src/requests/http/panel-export.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleRequestExport } from '../src/requests/http/panel-export.ts';

export default panelFunction(handleRequestExport);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/wnioski/eksport', '/panel/wnioski/eksport/'],
  method: 'POST',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
