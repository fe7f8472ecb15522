import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds client/dist when it is missing or stale, for the browser tests; starts the run's
    // PostgreSQL server (issue 21).
    globalSetup: ['test/setup/build-client.ts', 'test/setup/postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium and a server each; keep the 2-core CI machine from thrashing.
    maxWorkers: 2,
  },
});
