/**
 * Netlify Function (v2): /panel/ — the staff panel's start: programmes and their applications by state (src/staff/http/home.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleHome } from '../src/staff/http/home.ts';

export default panelFunction(handleHome);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel', '/panel/'],
  method: 'GET',
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
