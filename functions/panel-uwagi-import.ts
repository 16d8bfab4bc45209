/**
 * Netlify Function (v2): POST /panel/uwagi/import/?p=<id> — the decisions file: a preview, then the confirmed rows stored (audited) (src/remarks/http/import.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleRemarksImport } from '../src/remarks/http/import.ts';

export default panelFunction(handleRemarksImport);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/uwagi/import', '/panel/uwagi/import/'],
  method: 'POST',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
