/**
 * Netlify Function (v2): /api/zapisy/potwierdz — the confirmation link in
 * the email: GET shows a page with a button, its POST confirms
 * (src/enrolment/http/confirm.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleConfirm } from '../src/enrolment/http/confirm.ts';

export default publicFunction(handleConfirm);

export const config: Config = {
  path: '/api/zapisy/potwierdz',
  // GET shows the page with the button; only its POST confirms (mail scanners open every link).
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
