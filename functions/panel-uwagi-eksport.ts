/**
 * Netlify Function (v2): POST /panel/uwagi/eksport/?p=<id> — a consultation's form remarks as CSV (audited), or the decided ones as YAML for the content (src/remarks/http/export.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleRemarksExport } from '../src/remarks/http/export.ts';

export default panelFunction(handleRemarksExport);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/uwagi/eksport', '/panel/uwagi/eksport/'],
  method: 'POST',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
