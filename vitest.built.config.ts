import { defineConfig } from 'vitest/config';

/** Tests that read the built site (dist/) as files, without a browser: feeds, the CMS files, security headers, the events file. `npm test` builds first. */
export default defineConfig({
  test: {
    include: ['tests/built/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
