/**
 * What a test run starts once and every test of it shares, for both global
 * setups (Vitest's global-setup.ts for tests/integration, Playwright's
 * playwright-setup.ts for tests/browser):
 *
 * - a PostgreSQL server (postgres.ts), as a superuser URL;
 * - a PGlite template folder (pglite-template.ts), closed and unmigrated;
 * - an empty folder for the run's built fixture sites (fixture-site.ts,
 *   `builtFixtureSite`), so that a fixture several test files use is built
 *   once per run;
 * - the run's start time, so that fixtures with dates relative to "now" are
 *   the same in every worker (and so share one build).
 *
 * They reach the test workers as environment variables: both runners start
 * their workers after the global setup, with its process.env. Tests read
 * them through the functions below, which name the fix when one is missing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgliteTemplate } from './pglite-template.ts';
import { startTestPostgres } from './postgres.ts';

const variables = {
  postgresUrl: 'WSPOLNIE_TEST_POSTGRES_URL',
  pgliteTemplate: 'WSPOLNIE_TEST_PGLITE_TEMPLATE',
  fixtureCache: 'WSPOLNIE_TEST_FIXTURE_CACHE',
  runStarted: 'WSPOLNIE_TEST_RUN_STARTED',
} as const;

export interface TestServices {
  /** A superuser connection to the test PostgreSQL server. */
  postgresUrl: string;
  /** A closed, initialised, unmigrated PGlite data folder to copy. */
  pgliteTemplate: string;
  /** Stops the server and deletes the template and the fixture folder. */
  stop(): Promise<void>;
}

/**
 * Starts the run's services and publishes them in process.env (the workers
 * inherit it). Rejects, having stopped whatever did start, if one fails.
 */
export async function startTestServices(): Promise<TestServices> {
  const [postgres, template, fixtures] = await Promise.allSettled([
    startTestPostgres(),
    createPgliteTemplate(),
    mkdtemp(join(tmpdir(), 'wspolnie-fixtures-')),
  ]);
  const stop = async () => {
    if (postgres.status === 'fulfilled') postgres.value.stop();
    if (template.status === 'fulfilled') await template.value.remove();
    if (fixtures.status === 'fulfilled') await rm(fixtures.value, { recursive: true, force: true });
  };
  for (const started of [postgres, template, fixtures]) {
    if (started.status === 'rejected') {
      await stop();
      throw started.reason;
    }
  }
  const url = (postgres as PromiseFulfilledResult<{ url: string }>).value.url;
  const dir = (template as PromiseFulfilledResult<{ dir: string }>).value.dir;
  process.env[variables.postgresUrl] = url;
  process.env[variables.pgliteTemplate] = dir;
  process.env[variables.fixtureCache] = (fixtures as PromiseFulfilledResult<string>).value;
  process.env[variables.runStarted] = String(Date.now());
  return { postgresUrl: url, pgliteTemplate: dir, stop };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this test through its npm script (npm run test:integration or npm run test:browser), whose global setup starts the test PostgreSQL server and the PGlite template.`);
  }
  return value;
}

/** The test PostgreSQL server's superuser URL. Throws outside a run with the global setup. */
export const testPostgresUrl = (): string => required(variables.postgresUrl);

/** The run's PGlite template folder (copy it, never open it). Throws outside a run with the global setup. */
export const testPgliteTemplate = (): string => required(variables.pgliteTemplate);

/** The run's folder of built fixture sites, or undefined outside a run with the global setup (then each fixture builds by itself). */
export const fixtureCacheDir = (): string | undefined => process.env[variables.fixtureCache] || undefined;

const loadedAt = Date.now();

/** When the run started, in ms since the epoch; outside a run with the global setup, when this module was loaded. */
export function runStartedAt(): number {
  const started = Number(process.env[variables.runStarted]);
  return Number.isFinite(started) && started > 0 ? started : loadedAt;
}
