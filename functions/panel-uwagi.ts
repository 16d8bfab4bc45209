/**
 * Netlify Function (v2): GET /panel/uwagi/?p=<id> — a consultation's form remarks: export, import of decisions, the list for the content (src/remarks/http/page.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleRemarks } from '../src/remarks/http/page.ts';

export default panelFunction(handleRemarks);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/uwagi', '/panel/uwagi/'],
  method: 'GET',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
