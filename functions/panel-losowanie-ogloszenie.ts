/**
 * Netlify Function (v2): /panel/losowanie/ogloszenie/?p=<id> — a lottery's recorded announcement in the staff panel,
 * its conflicts with content and the audited correction of a source's description (src/lottery/http/panel-announcement.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handlePanelAnnouncement } from '../src/lottery/http/panel-announcement.ts';

export default panelFunction(handlePanelAnnouncement);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/losowanie/ogloszenie', '/panel/losowanie/ogloszenie/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
