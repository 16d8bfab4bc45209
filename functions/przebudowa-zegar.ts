/**
 * Netlify Scheduled Function: every minute, asks Netlify for a new build
 * through the site's build hook (NETLIFY_BUILD_HOOK_URL) when a boundary of
 * time shown on the pages has passed since the published deploy was built
 * (an enrolment opening or closing, a draw date, an event's end), once per
 * boundary (src/netlify/clock.ts). The self-hosted server has its own
 * clock (src/site/clock.ts) and does not mount this.
 */
import type { Config } from '@netlify/functions';
import { runRebuildClockOnNetlify } from '../src/netlify/clock.ts';

export default async (): Promise<void> => {
  await runRebuildClockOnNetlify(process.env);
};

export const config: Config = { schedule: '* * * * *' };
