import { defineConfig } from '@playwright/test';
// Debian's Chromium, else the one inside @sparticuz/chromium: Playwright's own browser download cannot run here (or in a city's locked-down CI).
import { chromiumArgs, chromiumEnv, chromiumPath, prepareChromium } from './tests/support/chromium.ts';

// The npm package's browser is unpacked on first use (a no-op for a system browser or once unpacked).
await prepareChromium();

const port = Number(process.env['E2E_PORT'] ?? 4399);

/**
 * Every browser test (`npm run test:browser`), in two projects:
 *
 * - `site` (tests/browser/site/): the built site, dist/, served by the real
 *   server (the webServer below); read-only, so every test runs in parallel.
 * - `system` (tests/browser/system/): each file starts its own world (servers,
 *   databases, SMTP sinks, decap-server, fixture sites built once per run)
 *   and its tests run in order in one worker. The global setup starts the
 *   run's PostgreSQL server and PGlite template (tests/support/test-services.ts).
 */
export default defineConfig({
  testDir: 'tests/browser',
  globalSetup: './tests/support/playwright-setup.ts',
  workers: 2,
  retries: 0,
  reporter: process.env['CI'] ? 'list' : 'line',
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    locale: 'pl-PL',
    timezoneId: 'Europe/Warsaw',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs, ...(chromiumEnv && { env: chromiumEnv }) },
    trace: 'retain-on-failure',
    // A navigation or action that hangs fails where it hangs, not as a bare test timeout.
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
  },
  projects: [
    // First: its files are the long ones, so they start while the short site tests fill the gaps.
    { name: 'system', testDir: 'tests/browser/system', fullyParallel: false, timeout: 60_000 },
    { name: 'site', testDir: 'tests/browser/site', fullyParallel: true },
  ],
  webServer: {
    // The site is built by `npm test` before this runs; serve exactly that build.
    command: 'node scripts/start.ts --no-build --no-cms',
    // Its own data folder (database, outbox, key), so a `npm start` running meanwhile (which holds .data/pglite) is no obstacle.
    env: { PORT: String(port), HOST: '127.0.0.1', WSPOLNIE_DATA_DIR: '.data/e2e' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
