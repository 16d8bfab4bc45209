/**
 * Netlify Function (v2): /api/wnioski/potwierdz — the link confirming a
 * support: GET shows the button, POST counts the support
 * (src/requests/http/links.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleSupportConfirm } from '../src/requests/http/links.ts';

export default publicFunction(handleSupportConfirm);

export const config: Config = {
  path: '/api/wnioski/potwierdz',
  // GET shows the page with the button; only its POST confirms (mail scanners open every link).
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
