/**
 * Netlify Function (v2): POST /api/obserwuj — the follow form on programme
 * and consultation pages and on /obserwuj/ (src/follow/http/submit.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleFollow } from '../src/follow/http/submit.ts';

export default publicFunction(handleFollow);

// Literal: Netlify reads this object statically when it deploys. The self-hosted server applies the same limit.
export const config: Config = {
  path: '/api/obserwuj',
  // GET: the address bar shows /api/obserwuj after a no-JS answer; opening it again leads to /obserwuj/.
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
