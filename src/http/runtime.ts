/**
 * What the sign-up functions need besides the request: the database, the
 * enrolment catalogue, the link key, the clock, and a way to get queued mail
 * moving. Netlify calls a function with (Request, Context) only, so the
 * functions find these here:
 *
 * - `npm start` (src/server/app.ts) and the tests install a runtime they
 *   built — their database, their outbox worker, dist/ as the catalogue;
 * - on Netlify nothing is installed and the first request builds one from
 *   the environment (src/netlify/runtime.ts, passed in by
 *   src/netlify/functions.ts), kept for the life of the instance.
 *
 * One runtime per process, as both deployments have.
 */
import type { Database } from '../db/database.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { LinkSigner } from './links.ts';

/** One problem of a site build, explained for staff (src/site/build-failure.ts reads it from the build's output). */
export interface BuildProblem {
  /** Relative to the project root, e.g. src/content/programy/nowy.md. */
  file?: string;
  /** The field as the CMS labels it ("Zapisy › Koniec naboru"), else its path. */
  field?: string;
  /** One Polish sentence for staff. */
  summary: string;
  /** The lines of the output it was read from, at most 2,000 characters, for the log and the panel's <details>. */
  detail: string;
}

/** Where the live site's builds stand (src/site/rebuild.ts reports it; the panel's home shows it). */
export interface SiteBuildStatus {
  state: 'building' | 'published' | 'failed';
  /** When the site now served was published, and how long its build took (ms). */
  published?: { at: Date; durationMs: number; reason: string } | undefined;
  /** The latest build, when it failed (the site serves the last good one). */
  failure?: (BuildProblem & { at: Date; reason: string }) | undefined;
  /** What the published build warned about: references to entries that do not exist (the pages leave the link out). */
  warnings?: readonly BuildProblem[] | undefined;
}

/** The part of Netlify's Context the functions use; the self-hosted server passes the same. */
export interface FunctionContext {
  /** The client's address (Netlify's `context.ip`; the socket or a trusted proxy's header when self-hosted). */
  ip?: string;
  /** Keeps the instance alive for work after the response (Netlify); absent when self-hosted. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

export interface Runtime {
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

/** Builds the runtime for a deployment that installs none (Netlify: netlify/runtime.ts, from the environment). */
export type RuntimeSource = (origin: string) => Promise<Runtime>;

let installed: Runtime | undefined;
let building: Promise<Runtime> | undefined;

/** Makes `runtime` the one the functions use; returns the undo. */
export function installRuntime(runtime: Runtime): () => void {
  installed = runtime;
  return () => {
    if (installed === runtime) installed = undefined;
  };
}

/**
 * The installed runtime, or one built once by `build` for `origin` and kept
 * for the life of the process. A failed build is forgotten, so a fixed
 * setting takes effect on the next request.
 */
export function runtimeFor(origin: string, build: RuntimeSource): Promise<Runtime> {
  if (installed) return Promise.resolve(installed);
  building ??= build(origin).catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}
