/**
 * Vitest globalSetup for tests/integration: a PostgreSQL 15 server and a
 * PGlite template folder, prepared side by side once per run and handed to
 * the tests through inject().
 */
import type { TestProject } from 'vitest/node';
import { createPgliteTemplate } from './pglite-template.ts';
import { startTestPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection to the test PostgreSQL server. */
    postgresUrl: string;
    /** A closed, initialised, unmigrated PGlite data folder to copy. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [postgres, template] = await Promise.allSettled([startTestPostgres(), createPgliteTemplate()]);
  const teardown = async () => {
    if (postgres.status === 'fulfilled') postgres.value.stop();
    if (template.status === 'fulfilled') await template.value.remove();
  };
  if (postgres.status === 'rejected' || template.status === 'rejected') {
    await teardown();
    throw postgres.status === 'rejected' ? postgres.reason : (template as PromiseRejectedResult).reason;
  }
  project.provide('postgresUrl', postgres.value.url);
  project.provide('pgliteTemplate', template.value.dir);
  return teardown;
}
