/**
 * Netlify Function (v2): /api/wnioski/wycofaj — the withdrawal link in a
 * support's emails: GET shows the question, POST withdraws and deletes the
 * data (src/requests/http/links.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleSupportWithdraw } from '../src/requests/http/links.ts';

export default publicFunction((request, runtime) => handleSupportWithdraw(request, runtime));

export const config: Config = {
  path: '/api/wnioski/wycofaj',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
