import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every factory user is minutes old and every factory work has the same text: without this, the held
    // queue (src/works/hold-for-review.ts) would take them all. Its own tests set the hours back.
    env: { QUIRE_NEW_ACCOUNT_HOURS: '0' },
  },
});
