/**
 * Playwright globalSetup for tests/browser: the run's PostgreSQL server,
 * PGlite template, fixture-site folder and start time (test-services.ts),
 * which the workers read from process.env. Returns the teardown.
 */
import { startTestServices } from './test-services.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const services = await startTestServices();
  return services.stop;
}
