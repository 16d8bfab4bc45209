import { defineConfig } from 'vitest/config';

// Tests of the built site (dist/): run after `astro build`, with `npm run test:built`.
export default defineConfig({
  test: {
    include: ['tests/built/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
