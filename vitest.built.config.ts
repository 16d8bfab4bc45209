import { defineConfig } from 'vitest/config';

/** Tests that read the built site (dist/): feeds, search index, fonts. `npm test` builds first. */
export default defineConfig({
  test: {
    include: ['tests/built/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
