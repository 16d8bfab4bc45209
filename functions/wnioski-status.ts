/**
 * Netlify Function (v2): GET /api/wnioski/status?wniosek=<id> — the public
 * counts of a request's supports its page shows (src/requests/http/status.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleSupportStatus } from '../src/requests/http/status.ts';

export default publicFunction((request, runtime) => handleSupportStatus(request, runtime));

export const config: Config = {
  path: '/api/wnioski/status',
  method: 'GET',
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
