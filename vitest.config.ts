import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As tsconfig.json's paths: the package's own entry, imported by name, is its source here.
  resolve: { alias: { 'cognito-sms-otp/cdk': fileURLToPath(new URL('./infra/cdk.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 20_000,
    // One dynalite for the run; each handler under test makes its own table on it.
    globalSetup: ['test/support/global-ledger.ts'],
  },
});
