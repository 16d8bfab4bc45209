/**
 * Netlify Function (v2): where the other sign-up functions' rate limits
 * rewrite a refused request, so the person reads a Polish 429 (JSON for the
 * enhanced form) instead of Netlify's own page (src/enrolment/http/too-many.ts).
 */
import type { Config } from '@netlify/functions';
import { handleTooMany } from '../src/enrolment/http/too-many.ts';

export default (request: Request): Response => handleTooMany(request);

export const config: Config = { path: '/api/zapisy/za-duzo-prob' };
