/**
 * Netlify Function (v2): /api/zapisy/rezygnacja — the withdrawal link in
 * every email: GET shows the question, POST withdraws
 * (src/enrolment/http/withdraw.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleWithdraw } from '../src/enrolment/http/withdraw.ts';

export default publicFunction((request, runtime) => handleWithdraw(request, runtime));

export const config: Config = {
  path: '/api/zapisy/rezygnacja',
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
