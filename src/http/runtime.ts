/**
 * What the sign-up functions need besides the request: the database, the
 * enrolment catalogue, the link key, the clock, and a way to get queued mail
 * moving. Netlify calls a function with (Request, Context) only, so the
 * functions find these here:
 *
 * - `npm start` (src/server/app.ts) and the tests install a runtime they
 *   built — their database, their outbox worker, dist/ as the catalogue;
 * - on Netlify nothing is installed and the first request builds one from
 *   the environment (netlify-runtime.ts), kept for the life of the instance.
 *
 * One runtime per process, as both deployments have.
 */
import type { Database } from '../db/database.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { LinkSigner } from './links.ts';
import type { SiteBuildStatus } from '../site/rebuild.ts';

/** The part of Netlify's Context the functions use; the self-hosted server passes the same. */
export interface FunctionContext {
  /** The client's address (Netlify's `context.ip`; the socket or a trusted proxy's header when self-hosted). */
  ip?: string;
  /** Keeps the instance alive for work after the response (Netlify); absent when self-hosted. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

export interface EnrolmentRuntime {
  db: Database;
  /** The enrolment blocks as last built; may be re-read between calls. */
  catalogue(): Promise<Catalogue>;
  links: LinkSigner;
  now(): Date;
  /** An email was queued and committed: deliver soon (kick the worker, or send before the instance sleeps). */
  mailQueued(context: FunctionContext): void;
  /** The built page at `path` (e.g. `/programy/x/`), for the no-JS error answer; undefined when unreadable. */
  builtPage(path: string): Promise<string | undefined>;
  /** Operational log. Callers pass error codes and counts only, never personal data. */
  log(line: string): void;
  confirmationTtlMs: number;
  resendIntervalMs: number;
  /** How long the public counts may be served from memory; 0 to always ask the database. */
  statusCacheMs: number;
  /** Origins besides the request's own that may post forms (SITE_URL behind a TLS proxy). */
  siteOrigins: readonly string[];
  /** Addresses in STAFF_EMAILS, lower case: they may sign in to /panel/ (src/panel/allow-list.ts). */
  staffEmails?: readonly string[];
  /** Where the live site's builds stand (self-hosted `npm start` only; Netlify shows its deploys itself). */
  siteStatus?: () => SiteBuildStatus;
}

let installed: EnrolmentRuntime | undefined;
let building: Promise<EnrolmentRuntime> | undefined;

/** Makes `runtime` the one the functions use; returns the undo. */
export function installEnrolmentRuntime(runtime: EnrolmentRuntime): () => void {
  installed = runtime;
  return () => {
    if (installed === runtime) installed = undefined;
  };
}

/** The installed runtime, or (Netlify) one built once from the environment for `origin`. */
export function enrolmentRuntime(origin: string): Promise<EnrolmentRuntime> {
  if (installed) return Promise.resolve(installed);
  building ??= import('../netlify/runtime.ts')
    .then(({ runtimeFromEnv }) => runtimeFromEnv(process.env, origin))
    .catch((error: unknown) => {
      building = undefined; // a fixed setting takes effect on the next request
      throw error;
    });
  return building;
}
