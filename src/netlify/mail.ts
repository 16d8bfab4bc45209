/**
 * The scheduled outbox run on Netlify (functions/poczta.ts): one delivery
 * pass against DATABASE_URL and SMTP_URL, logging counts and error codes only.
 * It sends over the SMTP pool (SMTP_POOL_SIZE) and claims nothing new after
 * `scheduledBudgetMs`, so it ends within Netlify's 30 s for a scheduled
 * function; what is left waits for the next minute's run.
 */
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { deliverDue, errorCode } from '../mail/outbox.ts';
import { createMailTransport } from '../mail/transport.ts';
import type { Env } from '../lib/secret.ts';
import { checkServerlessSettings } from './runtime.ts';

let db: Promise<Database> | undefined;

/**
 * Claiming stops after 20 s: the emails then in flight finish in well under the
 * remaining 10 s on a working server (a hung one is bounded by the SMTP timeouts,
 * and its claims lapse for the next run if Netlify ends the function first).
 */
export const scheduledBudgetMs = 20_000;

export async function deliverScheduled(env: Env): Promise<void> {
  try {
    checkServerlessSettings(env);
    db ??= openDatabase(env).catch((error: unknown) => {
      db = undefined;
      throw error;
    });
    const transport = createMailTransport(env);
    try {
      const report = await deliverDue(await db, transport, new Date(), { budgetMs: scheduledBudgetMs });
      if (report.sent + report.retried + report.failed > 0) console.log(`Poczta: wysłane ${report.sent}, do ponowienia ${report.retried}, nieudane ${report.failed}.`);
    } finally {
      transport.close();
    }
  } catch (error) {
    console.error(`Poczta: przebieg nie powiódł się (${error instanceof Error && error.name === 'ConfigurationError' ? error.message : errorCode(error)}).`);
  }
}
