/**
 * Netlify Function (v2): GET /api/zapisy/potwierdz?t=… — the confirmation
 * link in the email (src/enrolment/http/confirm.ts).
 */
import type { Config } from '@netlify/functions';
import { enrolmentFunction } from '../src/enrolment/http/adapter.ts';
import { handleConfirm } from '../src/enrolment/http/confirm.ts';

export default enrolmentFunction(handleConfirm);

export const config: Config = {
  path: '/api/zapisy/potwierdz',
  method: 'GET',
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
