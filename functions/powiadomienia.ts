/**
 * Netlify Scheduled Function: every five minutes, announces changed events
 * to the people registered (once per change), queues reminders 48 hours
 * before events, and deletes personal data past its retention period
 * (src/notices/). `npm start` runs the same job on a timer (src/notices/timer.ts).
 */
import type { Config } from '@netlify/functions';
import { runScheduledOnNetlify } from '../src/netlify/notices.ts';

export default (): Promise<void> => runScheduledOnNetlify(process.env);

export const config: Config = { schedule: '*/5 * * * *' };
