import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 20_000,
    // One dynalite for the run; each handler under test makes its own table on it.
    globalSetup: ['test/support/global-ledger.ts'],
  },
});
