/**
 * Netlify Function (v2): /panel/wnioski/ — requests for a consultation: the
 * list with counts; ?w=<id> one request's supporters and the paper-support
 * form (POST, audited) (src/requests/http/panel-page.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleRequestsPanel } from '../src/requests/http/panel-page.ts';

export default panelFunction(handleRequestsPanel);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/wnioski', '/panel/wnioski/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
