/**
 * The scheduled job on Netlify (functions/powiadomienia.ts): one run against
 * DATABASE_URL, reading the public files from the published site (SITE_URL,
 * or Netlify's own URL). The emails it queues go out with the next run of
 * functions/poczta.ts (every minute). Logs counts, error codes and Polish
 * sentences about settings only.
 */
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { checkServerlessSettings } from './runtime.ts';
import { createLinkSigner } from '../http/links.ts';
import { ConfigurationError, loadSecret, type Env } from '../lib/secret.ts';
import { errorCode } from '../mail/outbox.ts';
import { httpPublicData, PublicDataUnavailable } from '../notices/public-data.ts';
import { retentionDaysFrom } from '../notices/rules.ts';
import { describeRun, runScheduledJobs } from '../notices/run.ts';

let db: Promise<Database> | undefined;

export async function runScheduledOnNetlify(env: Env): Promise<void> {
  try {
    checkServerlessSettings(env);
    // Netlify sets URL to the site's main address; SITE_URL wins (a custom domain).
    const site = env['SITE_URL']?.trim() || env['URL']?.trim();
    if (!site) throw new ConfigurationError('Powiadomienia nie są skonfigurowane: brak SITE_URL (adresu strony, z której czytam /dane/wydarzenia.json).');
    const retentionDays = retentionDaysFrom(env['RETENTION_DAYS']);
    const links = createLinkSigner(loadSecret(env), site);
    db ??= openDatabase(env).catch((error: unknown) => {
      db = undefined;
      throw error;
    });
    const report = await runScheduledJobs({ db: await db, publicData: httpPublicData(site), links, siteUrl: site, now: () => new Date(), retentionDays });
    const line = describeRun(report);
    if (line) console.log(line);
  } catch (error) {
    const known = error instanceof ConfigurationError || error instanceof PublicDataUnavailable;
    console.error(`Powiadomienia: przebieg nie powiódł się (${known ? (error as Error).message : errorCode(error)}).`);
  }
}
