/**
 * Vitest globalSetup for tests/integration: the run's PostgreSQL server and
 * PGlite template (test-services.ts), published in process.env for the
 * workers and, for the tests that read them through inject(), provided too.
 */
import type { TestProject } from 'vitest/node';
import { startTestServices } from './test-services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection to the test PostgreSQL server. */
    postgresUrl: string;
    /** A closed, initialised, unmigrated PGlite data folder to copy. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startTestServices();
  project.provide('postgresUrl', services.postgresUrl);
  project.provide('pgliteTemplate', services.pgliteTemplate);
  return services.stop;
}
