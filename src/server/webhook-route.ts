/**
 * The push webhook (webhook.ts) as a route of the self-hosted server, with
 * its method and rate limit, like a function's `config`. It exists only
 * when the server builds the site itself (`npm start` without --no-build);
 * on Netlify, Netlify's own GitHub integration rebuilds on a push.
 */
import type { Route } from './functions.ts';
import { createPushWebhook, pushWebhookPath, pushWebhookRateLimit, pushWebhookSettings, type Env } from '../site/webhook.ts';

export function pushWebhookRoute(options: { env: Env; checkout: string; rebuild: (reason: string) => void; log: (line: string) => void }): Route {
  const handler = createPushWebhook({ ...pushWebhookSettings(options.env), checkout: options.checkout, rebuild: options.rebuild, log: options.log });
  return { name: pushWebhookPath, paths: [pushWebhookPath], handler: (request) => handler(request), methods: ['POST'], rateLimit: pushWebhookRateLimit };
}
