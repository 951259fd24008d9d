import { defineConfig } from 'vitest/config';

// The demo page in a real browser (Debian's chromium); `npm run test:browser`.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-ledger.ts'],
  },
});
