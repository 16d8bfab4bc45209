/**
 * Netlify Function (v2): GET /losowania/<programme>/ogloszenie.json — the
 * announcement a lottery recorded when its enrolment opened, which the CMS
 * checks before a save (src/lottery/http/announcement.ts).
 */
import type { Config } from '@netlify/functions';
import { publicFunction } from '../src/netlify/functions.ts';
import { handleAnnouncement } from '../src/lottery/http/announcement.ts';

export default publicFunction((request, runtime) => handleAnnouncement(request, runtime));

export const config: Config = {
  path: '/losowania/:programme/ogloszenie.json',
  method: 'GET',
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
