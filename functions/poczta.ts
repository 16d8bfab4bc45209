/**
 * Netlify Scheduled Function: every minute, sends what the outbox holds and
 * retries what failed (a sign-up also tries at once, after its response).
 * `npm start` runs the outbox worker in-process instead (src/mail/worker.ts).
 */
import type { Config } from '@netlify/functions';
import { deliverScheduled } from '../src/netlify/mail.ts';

export default (): Promise<void> => deliverScheduled(process.env);

export const config: Config = { schedule: '* * * * *' };
