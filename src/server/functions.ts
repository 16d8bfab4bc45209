/**
 * The Netlify functions the self-hosted server mounts, at the paths their own
 * `config` declares, so both deployments route the same way.
 */
import type { Config } from '@netlify/functions';
import cmsAuth, { config as cmsAuthConfig } from '../../functions/cms-auth.ts';
import type { FetchHandler } from './fetch-bridge.ts';

const pathsOf = (config: Config): string[] => (config.path === undefined ? [] : [config.path].flat());

const routes = new Map<string, FetchHandler>(pathsOf(cmsAuthConfig).map((path) => [path, cmsAuth]));

/** The function answering a URL path, if any (a trailing slash is ignored). */
export function functionFor(pathname: string): FetchHandler | undefined {
  return routes.get(pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname);
}
