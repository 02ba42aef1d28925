import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A fresh test archive's "new account" hours (the admin setting's default, src/web/site-settings.ts), fixed
    // whatever the shell says: every factory user is minutes old and every factory work has the same text, so
    // with hours the held queue (src/works/hold-for-review.ts) would take them all. Its own tests save the
    // setting, as an admin would.
    env: { QUIRE_NEW_ACCOUNT_HOURS: '0' },
  },
});
