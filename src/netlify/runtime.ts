/**
 * The runtime of a Netlify function instance, built from its environment on
 * the first request (runtime.ts). A serverless instance is short-lived and
 * many run at once, so:
 *
 * - the database must be PostgreSQL (DATABASE_URL): PGlite keeps its data in
 *   the instance's own disk and allows one process, so sign-ups would vanish
 *   with the instance — refused with a clear message instead;
 * - mail is delivered right after the request (context.waitUntil) and by
 *   the scheduled function functions/poczta.ts, which retries what failed;
 * - the catalogue and the built pages come from the deploy itself, over HTTP.
 */
import { openDatabase } from '../db/open.ts';
import { deliverDue } from '../mail/outbox.ts';
import { createMailTransport } from '../mail/transport.ts';
import { cataloguePath } from '../catalogue/catalogue.ts';
import { httpCatalogue } from '../catalogue/source.ts';
import { createLinkSigner } from '../http/links.ts';
import { ConfigurationError, loadSecret, type Env } from '../lib/secret.ts';
import { staffEmailsFrom } from '../panel/allow-list.ts';
import { defaultConfirmationTtlMs, defaultResendIntervalMs } from '../enrolment/sign-up.ts';
import type { Runtime } from '../http/runtime.ts';

export function checkServerlessSettings(env: Env): void {
  if (!env['DATABASE_URL']?.trim()) {
    throw new ConfigurationError(
      'Zapisy nie są skonfigurowane: brak DATABASE_URL. Na Netlify zgłoszenia muszą trafiać do bazy PostgreSQL ' +
        '(wbudowana baza PGlite działa tylko w jednym, stale działającym procesie, np. „npm start”).',
    );
  }
  if (!env['SMTP_URL']?.trim()) {
    throw new ConfigurationError('Zapisy nie są skonfigurowane: brak SMTP_URL, więc nie dałoby się wysłać linków potwierdzających.');
  }
}

/**
 * How long, in ms, a function that queued an email keeps claiming more after
 * answering (through `waitUntil`): well inside Netlify's 10 s for a synchronous
 * function. What is left goes out with the scheduled `poczta` run.
 */
export const afterRequestMailBudgetMs = 5_000;

export async function runtimeFromEnv(env: Env, origin: string): Promise<Runtime> {
  checkServerlessSettings(env);
  const key = loadSecret(env);
  const log = (line: string) => console.log(line);
  const db = await openDatabase(env);
  const transport = createMailTransport(env, log);
  const site = env['SITE_URL']?.trim() || origin;
  return {
    db,
    catalogue: httpCatalogue(new URL(cataloguePath, origin).href, log),
    links: createLinkSigner(key, site),
    now: () => new Date(),
    mailQueued(context) {
      const delivery = deliverDue(db, transport, new Date(), { budgetMs: afterRequestMailBudgetMs }).catch((error: unknown) => log(`Poczta: wysyłka nie powiodła się (${(error as { code?: string }).code ?? 'błąd'}); ponowi ją funkcja poczta.`));
      context.waitUntil?.(delivery);
    },
    async builtPage(path) {
      try {
        const response = await fetch(new URL(path, origin), { signal: AbortSignal.timeout(5_000) });
        return response.ok ? await response.text() : undefined;
      } catch {
        return undefined;
      }
    },
    log,
    confirmationTtlMs: defaultConfirmationTtlMs,
    resendIntervalMs: defaultResendIntervalMs,
    statusCacheMs: 2_000,
    siteOrigins: env['SITE_URL']?.trim() ? [new URL(site).origin] : [],
    staffEmails: staffEmailsFrom(env).emails,
  };
}
