/**
 * Netlify Function (v2): GET /losowania/<programme>/ (+ protokol.json, pula.txt) —
 * the public results of a lottery (src/lottery/http/results.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleResults } from '../src/lottery/http/results.ts';

export default publicFunction((request, runtime, context) => handleResults(request, runtime, context));

export const config: Config = {
  path: ['/losowania/:programme', '/losowania/:programme/', '/losowania/:programme/protokol.json', '/losowania/:programme/pula.txt'],
  method: 'GET',
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
