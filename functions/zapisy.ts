/**
 * Netlify Function (v2): POST /api/zapisy — a sign-up (or a consultation
 * remark) from the form on a programme's page. src/enrolment/http/submit.ts
 * does the work; `npm start` mounts this same handler.
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleSubmit } from '../src/enrolment/http/submit.ts';

export default publicFunction(handleSubmit);

// Literal: Netlify reads this object statically when it deploys. The self-hosted server applies the same limit.
export const config: Config = {
  path: '/api/zapisy',
  // GET: the address bar shows /api/zapisy after a no-JS answer; opening it again leads back to the form.
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
