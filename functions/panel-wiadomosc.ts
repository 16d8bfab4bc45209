/**
 * Netlify Function (v2): /panel/wiadomosc/?p=<id> — a message to a programme's confirmed participants (src/staff/http/message.ts).
 */
import type { Config } from '@netlify/functions';
import { panelFunction } from '../src/netlify/functions.ts';
import { handleMessage } from '../src/staff/http/message.ts';

export default panelFunction(handleMessage);

// Literal: Netlify reads this object statically. Both spellings of the path, with and without the slash.
export const config: Config = {
  path: ['/panel/wiadomosc', '/panel/wiadomosc/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
