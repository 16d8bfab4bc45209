/**
 * Netlify Function (v2): /panel/losowanie/?p=<id> — running a programme's draw from the staff panel (src/lottery/http/panel-draw.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handlePanelDraw } from '../src/lottery/http/panel-draw.ts';

export default panelFunction(handlePanelDraw);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/losowanie', '/panel/losowanie/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
