/**
 * Netlify Function (v2): /api/obserwuj/potwierdz — the confirmation link of
 * a follow: GET shows a page with a button, its POST confirms
 * (src/follow/http/confirm.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleFollowConfirm } from '../src/follow/http/confirm.ts';

export default publicFunction((request, runtime) => handleFollowConfirm(request, runtime));

export const config: Config = {
  path: '/api/obserwuj/potwierdz',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
