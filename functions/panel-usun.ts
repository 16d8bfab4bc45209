/**
 * Netlify Function (v2): /panel/usun/?a=<application id> — deleting one person's data on request (src/staff/http/delete.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleDelete } from '../src/staff/http/delete.ts';

export default panelFunction(handleDelete);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/usun', '/panel/usun/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
