/**
 * The scheduled outbox run on Netlify (functions/poczta.ts): one delivery
 * pass against DATABASE_URL and SMTP_URL, logging counts and error codes only.
 */
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { deliverDue, errorCode } from '../mail/outbox.ts';
import { createMailTransport } from '../mail/transport.ts';
import type { Env } from '../lib/secret.ts';
import { checkServerlessSettings } from './runtime.ts';

let db: Promise<Database> | undefined;

export async function deliverScheduled(env: Env): Promise<void> {
  try {
    checkServerlessSettings(env);
    db ??= openDatabase(env).catch((error: unknown) => {
      db = undefined;
      throw error;
    });
    const transport = createMailTransport(env);
    try {
      const report = await deliverDue(await db, transport, new Date());
      if (report.sent + report.retried + report.failed > 0) console.log(`Poczta: wysłane ${report.sent}, do ponowienia ${report.retried}, nieudane ${report.failed}.`);
    } finally {
      transport.close();
    }
  } catch (error) {
    console.error(`Poczta: przebieg nie powiódł się (${error instanceof Error && error.name === 'ConfigurationError' ? error.message : errorCode(error)}).`);
  }
}
