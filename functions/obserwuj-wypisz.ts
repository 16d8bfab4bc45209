/**
 * Netlify Function (v2): /api/obserwuj/wypisz — the unsubscribe link in
 * every follow email and its List-Unsubscribe address: GET shows a page
 * with a button, POST unsubscribes in one click (RFC 8058;
 * src/follow/http/unsubscribe.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleUnsubscribe } from '../src/follow/http/unsubscribe.ts';

export default publicFunction((request, runtime) => handleUnsubscribe(request, runtime));

export const config: Config = {
  path: '/api/obserwuj/wypisz',
  method: ['GET', 'POST'],
  // Higher than the forms': mail providers post one-click unsubscribes from a few addresses of their own.
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
