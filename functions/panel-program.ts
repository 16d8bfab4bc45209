/**
 * Netlify Function (v2): /panel/program/?p=<id> — one programme: counts, charts, actions and the list; POST searches it (src/staff/http/programme-page.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleProgramme } from '../src/staff/http/programme-page.ts';

export default panelFunction(handleProgramme);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/program', '/panel/program/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
