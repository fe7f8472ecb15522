import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds client/dist when it is missing or stale, for the browser tests.
    globalSetup: ['test/setup/build-client.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium and a server each; keep the 2-core CI machine from thrashing.
    maxWorkers: 2,
  },
});
