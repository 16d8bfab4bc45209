/**
 * Netlify Function (v2): POST /panel/wylogowanie/ — signs out (src/panel/http/sign-out.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleSignOut } from '../src/panel/http/sign-out.ts';

export default panelFunction(handleSignOut);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/wylogowanie', '/panel/wylogowanie/'],
  method: 'POST',
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
