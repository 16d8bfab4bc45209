/**
 * Netlify Function (v2): GET /api/zapisy/status?programme=<id> — the public
 * counts and window state a programme's page shows (src/enrolment/http/status.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleStatus } from '../src/enrolment/http/status.ts';

export default publicFunction((request, runtime) => handleStatus(request, runtime));

export const config: Config = {
  path: '/api/zapisy/status',
  method: 'GET',
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
