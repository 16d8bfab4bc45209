/**
 * Netlify Function (v2): /api/wnioski/poparcie — POST a resident's support
 * of a request for a consultation, from the form on the request's page; GET
 * the counts page (src/requests/http/submit.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleSupport } from '../src/requests/http/submit.ts';

export default publicFunction(handleSupport);

// Literal: Netlify reads this object statically when it deploys. The self-hosted server applies the same limit.
export const config: Config = {
  path: '/api/wnioski/poparcie',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
