/**
 * Netlify Function (v2): /panel/logowanie/ (the address form, POST asks for
 * a link) and /panel/logowanie/link/ (the emailed link's page and its
 * button) — the only panel pages open without a session
 * (src/panel/http/sign-in.ts). The rate limit is per client address and
 * tight: it bounds guessing which addresses are on the list and flooding
 * inboxes; sign-in.ts also caps links per address.
 */
import type { Config } from '@netlify/functions';
import { publicPanelFunction } from '../src/netlify/functions.ts';
import { handleSignIn } from '../src/panel/http/sign-in.ts';

export default publicPanelFunction(handleSignIn);

export const config: Config = {
  path: ['/panel/logowanie', '/panel/logowanie/', '/panel/logowanie/link', '/panel/logowanie/link/'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'], action: 'rewrite', to: '/api/zapisy/za-duzo-prob' },
};
