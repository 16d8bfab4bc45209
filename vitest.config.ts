import { defineConfig } from 'vitest/config';

/**
 * Two layers, each its own npm script: `test:unit` (`--project unit`: pure
 * code, no process or server) and `test:integration` (`--project integration`).
 * The built site's tests are vitest.built.config.ts; the browser's, playwright.config.ts.
 */
export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          // Real PostgreSQL (started by the global setup), PGlite, SMTP, `astro build`s of project copies; no browser (tests/browser).
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
